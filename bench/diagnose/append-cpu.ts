/**
 * CPU per append at 1 and 8 in flight, the figure machine load hardly moves (unlike wall time): the
 * W1 shape (one event per append, exact revision) against the raw one-insert and group-commit
 * baselines, the SQL event store on PostgreSQL and on PGlite, alternating rounds. Backend CPU is
 * the sum over every backend of the bench database (from /proc, so the server must be local),
 * client CPU is this process's (for PGlite: everything, the database runs in this process);
 * `othersCores` is what every other process on the machine used meanwhile (from /proc/stat, in
 * cores), so a round disturbed by other work shows as such.
 * `npx ts-node --transpile-only bench/diagnose/append-cpu.ts [events] [rounds] [concurrencies]`
 * (`BENCH_DATABASE_URL`; `BENCH_BEFORE_TREE=/path/to/checkout` adds that tree's store as `before`).
 */
import { readFileSync } from 'node:fs';
import { processCpuMs } from '../lib/proc-cpu';
import { join } from 'node:path';
import { Client } from 'pg';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createPgliteSqlClient } from '../../src/infrastructure/event-store/sql/pglite-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import type { EventStore } from '../../src/application/ports/event-store.port';
import { benchEvent, streamName } from '../lib/events';
import { openRawPg } from '../lib/raw-pg';
import { ownedStreams, runWorkers } from '../lib/stats';
import { ensureDatabase, resetDatabase, storeOptionsFromEnv } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCIES = (process.argv[4] ?? '1,8').split(',').map(Number);
const K = 10;
const TICK_MS = 10; // USER_HZ = 100
const BEFORE = process.env.BENCH_BEFORE_TREE;


/** CPU of every backend of the database while `fn` runs (polled, so backends that come and go count). */
const backendCpu = async <T>(fn: () => Promise<T>): Promise<{ result: T; cpuMs: number }> => {
  const admin = new Client({ connectionString: URL });
  await admin.connect();
  const self = Number((await admin.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
  const start = new Map<number, number>();
  const last = new Map<number, number>();
  const poll = async (): Promise<void> => {
    const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    for (const { pid } of rows) {
      const cpu = processCpuMs(pid);
      if (cpu === undefined) continue;
      if (!start.has(pid)) start.set(pid, cpu);
      last.set(pid, cpu);
    }
  };
  await poll();
  const existing = new Set(start.keys());
  let polling = true;
  const loop = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 200));
      await poll();
    }
  })();
  const result = await fn();
  polling = false;
  await loop;
  await poll();
  await admin.end();
  let cpuMs = 0;
  for (const [pid, end] of last) if (pid !== self) cpuMs += end - (existing.has(pid) ? (start.get(pid) as number) : 0);
  return { result, cpuMs };
};


type Variant = Readonly<{ name: string; open: () => Promise<{ append: (stream: string, rev: number) => Promise<void>; close: () => Promise<void> }> }>;

const storeVariant = (name: string, store: 'postgres' | 'pglite', make: (sql: SqlClient) => EventStore & { migrate(): Promise<void>; close(): Promise<void> }, pgliteClient = createPgliteSqlClient, pgClient = createPostgresSqlClient): Variant => ({
  name,
  open: async () => {
    let sql: SqlClient;
    if (store === 'postgres') {
      await resetDatabase(URL);
      sql = pgClient(URL, { maxConnections: 10 });
    } else sql = await pgliteClient();
    const es = make(sql);
    await es.migrate();
    return {
      append: async (stream, rev) => {
        await es.appendToStream(stream, [benchEvent(stream, rev)], { expectedRevision: rev === 0 ? 'no_stream' : BigInt(rev - 1) });
      },
      close: () => es.close(),
    };
  },
});

const rawVariant = (name: string, grouped: boolean): Variant => ({
  name,
  open: async () => {
    const raw = await openRawPg(URL, 10);
    return { append: (stream, rev) => (grouped ? raw.insertGrouped : raw.insertOne)(stream, rev, benchEvent(stream, rev)), close: () => raw.close() };
  },
});

const variants: Variant[] = [
  rawVariant('raw insert', false),
  rawVariant('raw group commit', true),
  storeVariant('postgres', 'postgres', (sql) => new SqlEventStore(sql, storeOptionsFromEnv())),
  storeVariant('pglite', 'pglite', (sql) => new SqlEventStore(sql, storeOptionsFromEnv())),
  // Events hashed as one envelope, as before the field commitments (sd-1): the append path alone against a `before` tree of that time.
  storeVariant('postgres legacy', 'postgres', (sql) => new SqlEventStore(sql, { ...storeOptionsFromEnv(), hashScheme: 'legacy' })),
  ...[1, 2, 4, 8].map((n) => storeVariant(`postgres maxFlushes=${n}`, 'postgres', (sql) => new SqlEventStore(sql, { maxFlushes: n }))),
  ...[1, 2, 4, 100].map((n) => storeVariant(`postgres minShare=${n}`, 'postgres', (sql) => new SqlEventStore(sql, { ...storeOptionsFromEnv(), minShare: n }))),
];

if (BEFORE !== undefined) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const before = (path: string) => require(join(BEFORE, path)) as Record<string, unknown>;
  const Before = before('src/infrastructure/event-store/sql/sql-event-store').SqlEventStore as new (sql: SqlClient) => SqlEventStore;
  const pglite = before('src/infrastructure/event-store/sql/pglite-sql-client').createPgliteSqlClient as typeof createPgliteSqlClient;
  const pg = before('src/infrastructure/event-store/sql/postgres-sql-client').createPostgresSqlClient as typeof createPostgresSqlClient;
  variants.push(storeVariant('postgres before', 'postgres', (sql) => new Before(sql), pglite, pg));
  variants.push(storeVariant('pglite before', 'pglite', (sql) => new Before(sql), pglite, pg));
}

/** CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal), from /proc/stat. */
const machineBusyMs = (): number => {
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
  return [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (cpu[i] ?? 0), 0) * TICK_MS;
};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const streams = EVENTS / K;
  const only = process.env.VARIANTS?.split(',');
  const chosen = only === undefined ? variants : variants.filter((v) => only.includes(v.name));
  for (const c of CONCURRENCIES) {
    const owned = Array.from({ length: c }, (_, w) => ownedStreams(streams, c, w));
    const runs = new Map<string, { rate: number; backend: number; client: number; others: number }[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const v of chosen) {
        const target = await v.open();
        const machine0 = machineBusyMs();
        const node0 = process.cpuUsage();
        const { result: elapsedMs, cpuMs } = await backendCpu(async () => {
          const { elapsedMs } = await runWorkers(c, (w) => (owned[w] as number[]).length * K, async (w, i) => {
            const mine = owned[w] as number[];
            await target.append(streamName(mine[i % mine.length] as number), Math.floor(i / mine.length));
          });
          return elapsedMs;
        });
        const node = process.cpuUsage(node0);
        const others = (machineBusyMs() - machine0 - cpuMs - (node.user + node.system) / 1000) / elapsedMs;
        await target.close();
        runs.set(v.name, [...(runs.get(v.name) ?? []), { rate: EVENTS / (elapsedMs / 1000), backend: (cpuMs * 1000) / EVENTS, client: (node.user + node.system) / EVENTS, others }]);
      }
    }
    for (const [name, r] of runs) {
      process.stdout.write(
        `${JSON.stringify({
          concurrency: c,
          variant: name,
          eventsPerSec: Math.round(median(r.map((x) => x.rate))),
          backendCpuUsPerAppend: Math.round(median(r.map((x) => x.backend))),
          clientCpuUsPerAppend: Math.round(median(r.map((x) => x.client))),
          runs: r.map((x) => Math.round(x.rate)),
          othersCores: r.map((x) => +x.others.toFixed(2)),
          load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
        })}\n`,
      );
    }
  }
};

void main();
