/**
 * Where a projection catch-up's time goes (W3's shape): the runner's SQL, wrapped to time every
 * statement by kind, and the process CPU around it.
 * `npx ts-node --transpile-only bench/diagnose/catch-up-breakdown.ts` with BENCH_DATABASE_URL
 * (a database it may empty), BENCH_EVENTS (default 20000), BENCH_STORE (postgres | pglite).
 * BENCH_REUSE=1 reuses the events already loaded. BENCH_PROFILE=file.cpuprofile writes a V8 profile of
 * the catch-up alone (not the start-up or the load; read it with cpu-profile-top.ts).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createDataSource } from '../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner, projectionFeedOf } from '../../src/infrastructure/persistence/create-projection-runner';
import type { SqlClient, SqlQueryable } from '../../src/infrastructure/event-store/sql/sql-client';
import type { EventFeed } from '../../src/projections/projection-ports';
import { progressBar } from '../lib/progress';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { ensureDatabase, openStore, type EngineStore, type OpenedStore } from '../lib/targets';
import { loadStore } from '../workloads/load';
import { shapeFor } from '../workloads/shape';
import { BenchStreamSummary, benchStreamSummary } from '../workloads/bench-stream-summary.projection';
import { W3_BATCH_SIZE } from '../workloads/w3-projection';

const URL_ = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 20000);
const STORE = (process.env['BENCH_STORE'] ?? 'postgres') as EngineStore;
/** BENCH_REUSE=1 (PostgreSQL): catch up over the events already in the database (same BENCH_EVENTS). */
const REUSE = process.env['BENCH_REUSE'] === '1';
const PROFILE = process.env['BENCH_PROFILE'];
/** BENCH_FEED_ONLY=1: only read the pages the catch-up reads (one after the other): the feed's share of the CPU. */
const FEED_ONLY = process.env['BENCH_FEED_ONLY'] === '1';
/** BENCH_ROUNDS=N: catch up N times in one process (the read model dropped in between), one line per round; timings summed. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
const DROP_READ_MODEL =
  'DROP TABLE IF EXISTS cl_projection_builds; DROP VIEW IF EXISTS bench_stream_summary; DROP TABLE IF EXISTS bench_stream_summary_v1';

type Tally = { count: number; ms: number };
const tallies = new Map<string, Tally>();
/** BENCH_TIMELINE=1: every statement of the last round with its start and end (ms from the round's start). */
const TIMELINE = process.env['BENCH_TIMELINE'] === '1';
const timeline: string[] = [];
let roundStart = 0;
const add = (kind: string, ms: number): void => {
  if (TIMELINE) {
    const end = performance.now() - roundStart;
    timeline.push(`${(end - ms).toFixed(1).padStart(7)} -> ${end.toFixed(1).padStart(7)}  ${kind}`);
  }
  const t = tallies.get(kind) ?? { count: 0, ms: 0 };
  t.count++;
  t.ms += ms;
  tallies.set(kind, t);
};

const kindOf = (sql: string): string => {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.startsWith('SELECT cl_read_horizon')) return 'horizon';
  if (s.includes('FROM cl_events') && s.includes('DESC LIMIT 1')) return 'head';
  if (s.includes('FROM cl_events')) return 'page';
  if (s.startsWith('WITH cp AS')) return s.includes('INSERT INTO') ? 'write (upsert + checkpoint)' : 'checkpoint only';
  if (s.startsWith('SELECT * FROM')) return 'load rows';
  if (s.startsWith('ANALYZE')) return 'analyze';
  if (s.includes('cl_projection_builds')) return 'builds';
  return s.slice(0, 40);
};

const timedQueryable = (inner: SqlQueryable, prefix: string): SqlQueryable => ({
  query: async (sql, params) => {
    const t = performance.now();
    try {
      return await inner.query(sql, params);
    } finally {
      add(prefix + kindOf(sql), performance.now() - t);
    }
  },
});

// Spread keeps `pool` / `db`, which the locks and the DataSource look for.
const timedClient = (inner: SqlClient): SqlClient => ({
  ...inner,
  dialect: inner.dialect,
  exec: (sql) => inner.exec(sql),
  close: () => inner.close(),
  query: timedQueryable(inner, '').query,
  transaction: async (fn) => {
    const t = performance.now();
    try {
      return await inner.transaction((tx) => fn(timedQueryable(tx, 'tx: ')));
    } finally {
      add('transaction (whole)', performance.now() - t);
    }
  },
});

const main = async (): Promise<void> => {
  const shape = shapeFor(EVENTS);
  let store: OpenedStore;
  if (REUSE && STORE === 'postgres') {
    // The events of an earlier run stay (a profile of the catch-up alone); its read model goes.
    const sql = createPostgresSqlClient(URL_, { maxConnections: 8 });
    await sql.exec(DROP_READ_MODEL);
    const eventStore = new SqlEventStore(sql);
    store = { store: 'postgres', sql, eventStore, close: () => eventStore.close() };
  } else {
    if (STORE === 'postgres') await ensureDatabase(URL_);
    store = await openStore(STORE, URL_, 8);
    await loadStore(store, shape, progressBar('load', shape.events));
  }
  const dataSource = await createDataSource(store.sql, [BenchStreamSummary]);
  const sql = timedClient(store.sql);
  const feedSql = timedQueryable(store.sql, 'feed: ');
  // The store reads through its own client: time its calls from outside.
  const feed: EventFeed = {
    headPosition: async () => {
      const t = performance.now();
      try {
        return await store.eventStore.headPosition();
      } finally {
        add('feed: headPosition', performance.now() - t);
      }
    },
    readAll: async (options) => {
      const t = performance.now();
      try {
        return await projectionFeedOf(store.eventStore).readAll(options);
      } finally {
        add('feed: readAll', performance.now() - t);
      }
    },
  };
  void feedSql;
  const session = PROFILE === undefined ? undefined : new Session();
  const pages = Math.ceil(shape.events / W3_BATCH_SIZE);
  for (let round = 1; round <= ROUNDS; round++) {
    if (round > 1) await store.sql.exec(DROP_READ_MODEL);
    const runner = createProjectionRunner({ sql, eventStore: feed }, dataSource, [benchStreamSummary], { batchSize: W3_BATCH_SIZE });
    // The tables first, untimed, as W3 does.
    if (!FEED_ONLY) await runner.prepare();
    // The profile covers the last round (the earlier ones warm the JIT up).
    if (session !== undefined && round === ROUNDS) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    timeline.length = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    roundStart = t0;
    if (FEED_ONLY) {
      for (let after = 0n, page = await feed.readAll({ after, limit: W3_BATCH_SIZE }); page.length > 0; page = await feed.readAll({ after, limit: W3_BATCH_SIZE })) {
        after = page[page.length - 1]?.globalPosition ?? after;
      }
    } else await runner.catchUp();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (session !== undefined && PROFILE !== undefined && round === ROUNDS) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      session.disconnect();
    }
    await runner.stop();
    if (!FEED_ONLY) {
      const { rows } = await store.sql.query<{ n: string; total: string }>('SELECT count(*)::text AS n, sum(event_count)::text AS total FROM bench_stream_summary');
      if (Number(rows[0]?.n) !== shape.streams || Number(rows[0]?.total) !== shape.events) throw new Error(`read model has ${rows[0]?.n} rows, ${rows[0]?.total} events`);
    }
    console.log(JSON.stringify({ store: STORE, round, events: shape.events, pages, wallMs: Math.round(wall), msPerPage: +(wall / pages).toFixed(1), cpuMsPerPage: +((cpu.user + cpu.system) / 1000 / pages).toFixed(1) }));
  }
  await dataSource.destroy();
  await store.close();
  if (TIMELINE) console.log(timeline.join('\n'));
  for (const [kind, t] of [...tallies.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`${kind.padEnd(36)} n=${String(t.count).padStart(4)} total ${t.ms.toFixed(0).padStart(6)} ms  per call ${(t.ms / t.count).toFixed(2)} ms`);
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
