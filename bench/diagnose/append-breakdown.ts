/**
 * Where does an append's time go? Runs the W1 shape (one event per append, exact revision, 8 in
 * flight) through variants that peel off one cost of the SQL event store at a time, beside the
 * raw INSERT, alternating rounds so machine noise hits every variant alike.
 * `npx ts-node --transpile-only bench/diagnose/append-breakdown.ts [events] [rounds]`
 */
import { Pool } from 'pg';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { ANNOUNCE_APPEND, EVENT_STORE_SCHEMA } from '../../src/infrastructure/event-store/sql/event-store-schema';
import { benchEvent, streamName } from '../lib/events';
import { RAW_SCHEMA, rowValues } from '../lib/raw-pg';
import { ownedStreams, runWorkers } from '../lib/stats';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
/** The database the variants run in (ALTER DATABASE needs its name; ensureDatabase checked it is a plain identifier). */
const DB = decodeURIComponent(new globalThis.URL(URL).pathname.replace(/^\//, ''));
const EVENTS = Number(process.argv[2] ?? 4000);
const ROUNDS = Number(process.argv[3] ?? 2);
const C = 8;
const K = 10;

type Variant = { name: string; setup: (pool: Pool) => Promise<void>; run: (pool: Pool, store: SqlEventStore) => (stream: string, rev: number) => Promise<void> };

const storeAppend: Variant['run'] = (_pool, store) => async (stream, rev) => {
  await store.appendToStream(stream, [benchEvent(stream, rev)], { expectedRevision: rev === 0 ? 'no_stream' : BigInt(rev - 1) });
};

// Appends announce themselves to readers with one transaction-scoped advisory lock (ANNOUNCE_APPEND in cl_append_batch).
const noLock = EVENT_STORE_SCHEMA.replace(ANNOUNCE_APPEND, '');

const variants: Variant[] = [
  {
    name: 'raw insert',
    setup: async (pool) => void (await pool.query(RAW_SCHEMA)),
    run: (pool) => async (stream, rev) => void (await pool.query(
      'INSERT INTO raw_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      rowValues(stream, rev, benchEvent(stream, rev)),
    )),
  },
  { name: 'store (as is)', setup: async (pool) => void (await pool.query(EVENT_STORE_SCHEMA)), run: storeAppend },
  { name: 'store, no announcement lock', setup: async (pool) => void (await pool.query(noLock)), run: storeAppend },
  {
    name: 'store, no lock, no type index',
    setup: async (pool) => void (await pool.query(`${noLock}; DROP INDEX IF EXISTS cl_events_type_position_idx;`)),
    run: storeAppend,
  },
  {
    name: 'store, no lock/type idx/event_id uniq',
    setup: async (pool) => void (await pool.query(`${noLock}; DROP INDEX IF EXISTS cl_events_type_position_idx; ALTER TABLE cl_events DROP CONSTRAINT cl_events_event_id_key;`)),
    run: storeAppend,
  },
  {
    name: 'store, synchronous_commit=off',
    setup: async (pool) => void (await pool.query(`${EVENT_STORE_SCHEMA}; ALTER DATABASE ${DB} SET synchronous_commit = off;`)),
    run: storeAppend,
  },
  {
    name: 'raw, synchronous_commit=off',
    setup: async (pool) => void (await pool.query(`${RAW_SCHEMA}; ALTER DATABASE ${DB} SET synchronous_commit = off;`)),
    run: (pool) => async (stream, rev) => void (await pool.query(
      'INSERT INTO raw_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      rowValues(stream, rev, benchEvent(stream, rev)),
    )),
  },
];

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const streams = EVENTS / K;
  const owned = Array.from({ length: C }, (_, w) => ownedStreams(streams, C, w));
  const rates = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) {
      await resetDatabase(URL);
      const admin = new Pool({ connectionString: URL, max: 1 });
      await admin.query(`ALTER DATABASE ${DB} RESET synchronous_commit`);
      await v.setup(admin);
      await admin.end();
      const sql = createPostgresSqlClient(URL, { maxConnections: 10 });
      const store = new SqlEventStore(sql);
      const op = v.run(sql.pool, store);
      const { elapsedMs } = await runWorkers(C, (w) => (owned[w] as number[]).length * K, async (w, i) => {
        const mine = owned[w] as number[];
        await op(streamName(mine[i % mine.length] as number), Math.floor(i / mine.length));
      });
      await sql.close();
      rates.set(v.name, [...(rates.get(v.name) ?? []), Math.round(EVENTS / (elapsedMs / 1000))]);
    }
  }
  const admin = new Pool({ connectionString: URL, max: 1 });
  await admin.query(`ALTER DATABASE ${DB} RESET synchronous_commit`);
  await admin.end();
  for (const [name, r] of rates) process.stdout.write(`${JSON.stringify({ variant: name, eventsPerSec: r })}\n`);
};

void main();
