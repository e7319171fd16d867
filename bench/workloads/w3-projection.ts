import { createDataSource } from '../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner, projectionFeedOf } from '../../src/infrastructure/persistence/create-projection-runner';
import type { EventFeed } from '../../src/projections/projection-ports';
import type { Progress } from '../lib/progress';
import type { RawPg } from '../lib/raw-pg';
import type { Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';
import { BenchStreamSummary, benchStreamSummary } from './bench-stream-summary.projection';
import type { Shape } from './shape';

export const W3_BATCH_SIZE = 1000;

/** Times each feed page: the gap between consecutive reads is one batch (read + apply + checkpoint). */
const timedFeed = (feed: EventFeed, progress: Progress) => {
  const latenciesMs: number[] = [];
  let last: number | undefined;
  const wrapped: EventFeed = {
    headPosition: () => feed.headPosition(),
    readAll: async (options) => {
      const now = performance.now();
      if (last !== undefined) latenciesMs.push(now - last);
      last = now;
      const page = await feed.readAll(options);
      progress.tick(page.length);
      return page;
    },
  };
  return { wrapped, latenciesMs };
};

/** W3: catch-up from position 0 through the projection runner into a TypeORM-described table. */
export const w3Store = async (target: OpenedStore, shape: Shape, progress: Progress): Promise<Measurement> => {
  // BENCH_ANALYZE=1: refresh planner statistics after the untimed load (see README: W3 and ANALYZE).
  if (process.env['BENCH_ANALYZE'] === '1') await target.sql.exec('ANALYZE cl_events');
  const dataSource = await createDataSource(target.sql, [BenchStreamSummary]);
  try {
    const { wrapped, latenciesMs } = timedFeed(projectionFeedOf(target.eventStore), progress);
    const runner = createProjectionRunner({ sql: target.sql, eventStore: wrapped }, dataSource, [benchStreamSummary], {
      batchSize: W3_BATCH_SIZE,
    });
    // Tables and views first, untimed, as the raw baseline creates its table before its clock starts.
    await runner.prepare();
    const started = performance.now();
    await runner.catchUp();
    const elapsedMs = performance.now() - started;
    await runner.stop();
    const { rows } = await target.sql.query<{ n: string; total: string; done: string }>(
      `SELECT count(*)::text AS n, sum(event_count)::text AS total,
              count(*) FILTER (WHERE last_stream_revision = ${shape.perStream - 1})::text AS done FROM bench_stream_summary`,
    );
    const r = rows[0];
    if (Number(r?.n) !== shape.streams || Number(r?.total) !== shape.events || Number(r?.done) !== shape.streams) {
      throw new Error(`W3 ${target.store}: projection has ${r?.n} rows, ${r?.total} events, ${r?.done} complete`);
    }
    return { events: shape.events, elapsedMs, latenciesMs, extra: { batchSize: W3_BATCH_SIZE } };
  } finally {
    await dataSource.destroy();
  }
};

const RAW_PROJECTION_SCHEMA = `
CREATE TABLE raw_stream_summary (
  stream_id text PRIMARY KEY,
  event_count integer NOT NULL,
  last_opinion text NOT NULL,
  last_stream text NOT NULL,
  last_stream_revision bigint NOT NULL,
  last_global_position bigint NOT NULL,
  last_event_id uuid NOT NULL
);
CREATE INDEX raw_stream_summary_position_idx ON raw_stream_summary (last_global_position);
CREATE TABLE raw_checkpoint (name text PRIMARY KEY, position bigint NOT NULL);
INSERT INTO raw_checkpoint VALUES ('bench', 0);`;

type RawRow = { global_position: string; event_id: string; stream_id: string; stream_revision: string; data: { opinion?: string } };

/**
 * The baseline: a hand-written catch-up. Read a page by position, fold it per stream in memory,
 * write it with one statement (multi-row INSERT ... ON CONFLICT plus the checkpoint in a CTE).
 */
export const w3Raw = async (raw: RawPg, shape: Shape, progress: Progress): Promise<Measurement> => {
  await raw.pool.query(RAW_PROJECTION_SCHEMA);
  const latenciesMs: number[] = [];
  let position = '0';
  const started = performance.now();
  for (;;) {
    const t0 = performance.now();
    const { rows } = await raw.pool.query<RawRow>(
      'SELECT global_position, event_id, stream_id, stream_revision, data FROM raw_events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [position, W3_BATCH_SIZE],
    );
    if (rows.length === 0) break;
    const perStream = new Map<string, { count: number; last: RawRow }>();
    for (const row of rows) {
      const entry = perStream.get(row.stream_id);
      perStream.set(row.stream_id, { count: (entry?.count ?? 0) + 1, last: row });
    }
    const params: unknown[] = [];
    const values = [...perStream.entries()].map(([stream, { count, last }]) => {
      params.push(stream, count, last.data.opinion ?? '', stream, last.stream_revision, last.global_position, last.event_id);
      const b = params.length - 7;
      return `($${b + 1}, $${b + 2}::integer, $${b + 3}, $${b + 4}, $${b + 5}::bigint, $${b + 6}::bigint, $${b + 7}::uuid)`;
    });
    const next = (rows[rows.length - 1] as RawRow).global_position;
    params.push(next);
    // One statement per page: the upsert and the checkpoint commit together.
    await raw.pool.query(
      `WITH upserted AS (
         INSERT INTO raw_stream_summary (stream_id, event_count, last_opinion, last_stream, last_stream_revision, last_global_position, last_event_id)
         VALUES ${values.join(', ')}
         ON CONFLICT (stream_id) DO UPDATE SET event_count = raw_stream_summary.event_count + EXCLUDED.event_count,
           last_opinion = EXCLUDED.last_opinion, last_stream = EXCLUDED.last_stream, last_stream_revision = EXCLUDED.last_stream_revision,
           last_global_position = EXCLUDED.last_global_position, last_event_id = EXCLUDED.last_event_id
         RETURNING 1)
       UPDATE raw_checkpoint SET position = $${params.length}::bigint WHERE name = 'bench'`,
      params,
    );
    position = next;
    progress.tick(rows.length);
    latenciesMs.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  const { rows } = await raw.pool.query<{ n: string; total: string }>(
    'SELECT count(*)::text AS n, sum(event_count)::text AS total FROM raw_stream_summary',
  );
  if (Number(rows[0]?.n) !== shape.streams || Number(rows[0]?.total) !== shape.events) {
    throw new Error(`W3 raw-pg: ${rows[0]?.n} rows, ${rows[0]?.total} events`);
  }
  return { events: shape.events, elapsedMs, latenciesMs, extra: { batchSize: W3_BATCH_SIZE } };
};

