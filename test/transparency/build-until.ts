import type { LogBuilder } from '../../src/infrastructure/transparency/log-builder';

/**
 * Catches the builder up until the tree has `size` leaves. On a shared PostgreSQL server a fresh
 * commit can stay invisible to the gap-safe reader for a moment (another database's transaction
 * holds the cluster-wide xmin back), so one catchUp may stop short.
 */
export const buildUntil = async (builder: LogBuilder, size: bigint): Promise<bigint> => {
  for (let attempt = 0; attempt < 600; attempt++) {
    const built = await builder.catchUp();
    if (built >= size) return built;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the tree did not reach ${size} leaves`);
};
