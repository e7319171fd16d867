import type { EventFeed, ProjectionSqlQueryable as SqlQueryable } from './projection-ports';
import { listBuilds, type BuildStatus } from './projection-store';

export type ProjectionLag = Readonly<{
  name: string;
  version: number;
  build: number;
  status: BuildStatus;
  tableName: string;
  position: bigint;
  head: bigint;
  /** head - position, never negative. */
  lag: bigint;
}>;

/**
 * Lag per live build (active and building), for the metrics endpoint and `projections status`.
 * Cheap: two small queries; poll it as often as needed.
 */
export const projectionLag = async (sql: SqlQueryable, feed: Pick<EventFeed, 'headPosition'>): Promise<ProjectionLag[]> => {
  const head = await feed.headPosition();
  const builds = await listBuilds(sql);
  return builds
    .filter((b) => b.status !== 'retired')
    .map((b) => ({
      name: b.name,
      version: b.version,
      build: b.build,
      status: b.status,
      tableName: b.tableName,
      position: b.position,
      head,
      lag: head > b.position ? head - b.position : 0n,
    }));
};
