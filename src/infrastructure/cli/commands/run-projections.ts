import { Presets, SingleBar } from 'cli-progress';
import type { ProjectedEvent } from '../../../domain/shared';
import type { AnyProjection } from '../../../projections/projection';
import { projectionLag } from '../../../projections/projection-metrics';
import { listBuilds, migrateProjectionSchema } from '../../../projections/projection-store';
import { createDataSource } from '../../persistence/create-data-source';
import { createProjectionRunner } from '../../persistence/create-projection-runner';
import { createStorage, type Storage } from '../../storage/create-storage';

export type ProjectionsCliOptions = Readonly<{ databaseUrl?: string; dataDir?: string; json?: boolean }>;

export type ProjectionStatusLine = Readonly<{
  name: string;
  codeVersion: number | null;
  activeVersion: number | null;
  version: number | null;
  build: number | null;
  state: string;
  position: string;
  head: string;
  lag: string;
}>;

const openStorage = (options: ProjectionsCliOptions): Promise<Storage> => {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = options.dataDir ?? process.env.DATA_DIR ?? './data';
  const eventStoreUrl = process.env.EVENTSTORE_URL;
  return createStorage({ ...(databaseUrl === undefined || databaseUrl === '' ? {} : { databaseUrl }), dataDir, ...(eventStoreUrl ? { eventStoreUrl } : {}) });
};

/** One line per live build, plus registered projections that have no build yet. */
export const projectionStatus = async (storage: Storage, projections: readonly AnyProjection[]): Promise<ProjectionStatusLine[]> => {
  await migrateProjectionSchema(storage.sql);
  const lags = await projectionLag(storage.sql, storage.eventStore);
  const head = await storage.eventStore.headPosition();
  const all = await listBuilds(storage.sql);
  const names = [...new Set([...projections.map((p) => p.name), ...all.map((b) => b.name)])].sort();
  const lines: ProjectionStatusLine[] = [];
  for (const name of names) {
    const codeVersion = projections.find((p) => p.name === name)?.version ?? null;
    const activeVersion = all.find((b) => b.name === name && b.status === 'active')?.version ?? null;
    const live = lags.filter((l) => l.name === name);
    if (live.length === 0) {
      lines.push({ name, codeVersion, activeVersion, version: null, build: null, state: 'not started', position: '0', head: head.toString(), lag: head.toString() });
    }
    for (const l of live) {
      const state = l.status === 'building' ? 'building' : l.lag === 0n ? 'active, caught up' : 'active, catching up';
      const stale = codeVersion !== null && l.status === 'active' && codeVersion > l.version ? ' (code has a newer version)' : '';
      lines.push({
        name,
        codeVersion,
        activeVersion,
        version: l.version,
        build: l.build,
        state: state + stale,
        position: l.position.toString(),
        head: l.head.toString(),
        lag: l.lag.toString(),
      });
    }
  }
  return lines;
};

const formatTable = (lines: readonly ProjectionStatusLine[]): string => {
  if (lines.length === 0) return 'No projections registered.';
  const header = ['NAME', 'ACTIVE', 'BUILD', 'POSITION', 'HEAD', 'LAG', 'STATE'];
  const rows = lines.map((l) => [
    l.name,
    l.activeVersion === null ? '-' : `v${l.activeVersion}`,
    l.version === null ? '-' : `v${l.version}.${l.build}`,
    l.position,
    l.head,
    l.lag,
    l.state,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
};

export const runStatus = async (options: ProjectionsCliOptions, projections: readonly AnyProjection[], out: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): Promise<number> => {
  const storage = await openStorage(options);
  try {
    const lines = await projectionStatus(storage, projections);
    out(options.json === true ? JSON.stringify(lines, null, 2) : formatTable(lines));
    return 0;
  } finally {
    await storage.eventStore.close(); // closes the SQL client too
  }
};

/**
 * Builds NAME again from position 0 beside the active table and swaps it in when caught up. Safe while
 * the service runs: the service keeps the active build current and leaves the new build to us.
 */
export const runRebuild = async (
  name: string,
  options: ProjectionsCliOptions & Readonly<{ batchSize?: number; progress?: boolean; upcast?: (event: ProjectedEvent) => ProjectedEvent }>,
  projections: readonly AnyProjection[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): Promise<number> => {
  const projection = projections.find((p) => p.name === name);
  if (projection === undefined) {
    out(`Unknown projection "${name}". Registered: ${projections.map((p) => p.name).join(', ') || '(none)'}`);
    return 2;
  }
  const storage = await openStorage(options);
  const dataSource = await createDataSource(storage.sql, projections.map((p) => p.entity));
  const runner = createProjectionRunner(storage, dataSource, [projection], {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.upcast === undefined ? {} : { upcast: options.upcast }),
  });
  const bar = options.progress === false ? undefined : new SingleBar({ format: `${name} [{bar}] {percentage}% | {value}/{total} positions | {eta_formatted}` }, Presets.shades_classic);
  try {
    const head = await storage.eventStore.headPosition();
    bar?.start(Number(head), 0);
    const started = Date.now();
    const build = await runner.rebuild(name, (position, currentHead) => {
      bar?.setTotal(Number(currentHead > position ? currentHead : position));
      bar?.update(Number(position));
    });
    bar?.stop();
    out(`Rebuilt ${name} v${build.version}.${build.build} into ${build.tableName} up to position ${build.position} in ${((Date.now() - started) / 1000).toFixed(1)} s; it is now active.`);
    return 0;
  } finally {
    bar?.stop();
    await runner.stop();
    await dataSource.destroy();
    await storage.eventStore.close(); // closes the SQL client too
  }
};
