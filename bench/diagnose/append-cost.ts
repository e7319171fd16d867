/**
 * CPU and WAL per append, which machine noise hardly moves (unlike wall time): runs the W1 shape at
 * 1 in flight on one connection and reads that backend's CPU time from /proc, this process's CPU
 * time and the WAL written, for the raw INSERT and for variants of the SQL event store.
 * `npx ts-node --transpile-only bench/diagnose/append-cost.ts [events]` (server must be local);
 * `APPEND_COST=hash` compares the two event hash schemes instead.
 */
import { processCpuMs } from '../lib/proc-cpu';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { ANNOUNCE_APPEND, EVENT_STORE_SCHEMA } from '../../src/infrastructure/event-store/sql/event-store-schema';
import { benchEvent, streamName } from '../lib/events';
import { RAW_SCHEMA, rowValues } from '../lib/raw-pg';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 3000);
const K = 10;


// Appends announce themselves to readers with one transaction-scoped advisory lock (ANNOUNCE_APPEND in cl_append_batch).
const noLock = EVENT_STORE_SCHEMA.replace(ANNOUNCE_APPEND, '');
const RAW_INSERT =
  'INSERT INTO raw_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)';

type Variant = { name: string; schema: string; raw?: boolean; hashScheme?: 'legacy' };
const variants: Variant[] = [
  { name: 'raw insert', schema: RAW_SCHEMA, raw: true },
  { name: 'raw insert + event_id unique + type index', schema: `${RAW_SCHEMA}; CREATE UNIQUE INDEX ON raw_events (event_id); CREATE INDEX ON raw_events (type, global_position);`, raw: true },
  { name: 'store as is', schema: EVENT_STORE_SCHEMA },
  { name: 'store without announcement lock', schema: noLock },
  { name: 'store without lock, type index, event_id unique', schema: `${noLock}; DROP INDEX IF EXISTS cl_events_type_position_idx; ALTER TABLE cl_events DROP CONSTRAINT cl_events_event_id_key;` },
];

// APPEND_COST=hash: the store with whole-envelope hashes against field commitments (sd-1), alternated twice.
const hashVariants: Variant[] = [1, 2].flatMap((n) => [
  { name: `store, legacy whole-envelope hash (${n})`, schema: EVENT_STORE_SCHEMA, hashScheme: 'legacy' as const },
  { name: `store, sd-1 field commitments (${n})`, schema: EVENT_STORE_SCHEMA },
]);

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const streams = EVENTS / K;
  for (const v of process.env['APPEND_COST'] === 'hash' ? hashVariants : variants) {
    await resetDatabase(URL);
    const sql = createPostgresSqlClient(URL, { maxConnections: 1 });
    await sql.exec(v.schema);
    const store = new SqlEventStore(sql, v.hashScheme === undefined ? {} : { hashScheme: v.hashScheme });
    const pid = Number((await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
    const lsn0 = (await sql.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]?.l;
    const cpu0 = processCpuMs(pid) ?? 0;
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const stream = streamName(i % streams);
      const rev = Math.floor(i / streams);
      const event = benchEvent(stream, rev);
      if (v.raw === true) await sql.query(RAW_INSERT, rowValues(stream, rev, event));
      else await store.appendToStream(stream, [event], { expectedRevision: rev === 0 ? 'no_stream' : BigInt(rev - 1) });
    }
    const wallMs = performance.now() - t0;
    const node = process.cpuUsage(node0);
    const cpu = (processCpuMs(pid) ?? 0) - cpu0;
    const wal = (await sql.query<{ b: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS b`, [lsn0])).rows[0]?.b;
    await sql.close();
    process.stdout.write(
      `${JSON.stringify({
        variant: v.name,
        backendCpuUsPerAppend: Math.round((cpu * 1000) / EVENTS),
        clientCpuUsPerAppend: Math.round((node.user + node.system) / EVENTS),
        walBytesPerAppend: Math.round(Number(wal) / EVENTS),
        wallMsPerAppend: Number((wallMs / EVENTS).toFixed(3)),
      })}\n`,
    );
  }
};

void main();
