/**
 * The fixed cost of one statement on embedded PGlite (in memory), this process's wall time and CPU
 * per call, 2,000 calls after 200 to warm up: PGlite's own `query` against the engine's one-message
 * path (`storage.sql`), a trivial statement, plpgsql functions that take the append's advisory lock,
 * read the sequence or assign a transaction id, a one-row INSERT, and a whole one-event append.
 * `npx ts-node --transpile-only bench/diagnose/pglite-call-cost.ts`
 */
import { PGlite } from '@electric-sql/pglite';
import { benchEvent } from '../lib/events';
import { createStorage } from '../../src/infrastructure/storage/create-storage';

const N = 2000;
const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 200; i++) await fn(-1 - i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  const us = (performance.now() - t0) * 1000 / N;
  const cpu = process.cpuUsage(c0);
  console.log(label.padEnd(60), us.toFixed(1), 'us wall', ((cpu.user + cpu.system) / N).toFixed(1), 'us cpu');
};
const main = async () => {
  const storage = await createStorage({ dataDir: 'memory://' });
  const sql = storage.sql;
  const store = storage.eventStore;
  const db = (sql as unknown as { db: PGlite }).db;
  await db.exec('CREATE TABLE t (id bigint primary key, v jsonb); CREATE SEQUENCE s CACHE 1;');
  await db.exec(`CREATE FUNCTION f_noop(p jsonb) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;`);
  await db.exec(`CREATE FUNCTION f_lock(p jsonb) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared(1, 2); RETURN 1; END $$;`);
  await db.exec(`CREATE FUNCTION f_seq(p jsonb) RETURNS integer LANGUAGE plpgsql AS $$ DECLARE v bigint; BEGIN v := coalesce(pg_sequence_last_value('s'),0); PERFORM nextval('s'); RETURN 1; END $$;`);
  await db.exec(`CREATE FUNCTION f_xid(p jsonb) RETURNS integer LANGUAGE plpgsql AS $$ DECLARE v xid8; BEGIN v := pg_current_xact_id(); RETURN 1; END $$;`);
  await time('SELECT 1', () => db.query('SELECT 1'));
  await time('engine client: SELECT 1', () => sql.query('SELECT 1'));
  await time('engine client: SELECT $1::int', () => sql.query('SELECT $1::int AS x', [1]));
  await time('engine client: SELECT f_noop($1)', () => sql.query('SELECT f_noop($1::jsonb)', ['{}']));
  await time('engine client: SELECT f_xid($1) (write xact)', () => sql.query('SELECT f_xid($1::jsonb)', ['{}']));
  await time('engine client: INSERT one row', (i) => sql.query('INSERT INTO t VALUES ($1, $2::jsonb)', [i + 20_000_000, '{}']));
  await time('SELECT f_noop($1)', () => db.query('SELECT f_noop($1::jsonb)', ['{}']));
  await time('SELECT f_lock($1)', () => db.query('SELECT f_lock($1::jsonb)', ['{}']));
  await time('SELECT f_seq($1)', () => db.query('SELECT f_seq($1::jsonb)', ['{}']));
  await time('SELECT f_xid($1) (assigns an xid: a write transaction)', () => db.query('SELECT f_xid($1::jsonb)', ['{}']));
  await time('INSERT one row (autocommit)', (i) => db.query('INSERT INTO t VALUES ($1, $2::jsonb)', [i + 10_000_000, '{}']));
  let n = 0;
  await time('store.appendToStream one event, new stream', () => {
    const stream = `s-${n++}`;
    return store.appendToStream(stream, [benchEvent(stream, 0)], { expectedRevision: 'no_stream' });
  });
};
void main().then(() => process.exit(0));
