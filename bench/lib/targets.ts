import { Client } from 'pg';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../../src/infrastructure/event-store/sql/pglite-sql-client';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';

export type EngineStore = 'postgres' | 'pglite';
export type OpenedStore = Readonly<{ store: EngineStore; sql: SqlClient; eventStore: SqlEventStore; close(): Promise<void> }>;

const envNumber = (name: string): number | undefined => ((process.env[name] ?? '') === '' ? undefined : Number(process.env[name]));

/**
 * The store's tuning from the environment, for the bench and the diagnostics alike (unset: the store's own):
 * - BENCH_MAX_FLUSHES=n: group-commit flushes in flight at once;
 * - BENCH_MIN_SHARE=n: split what waits among the free flushes when each gets at least n (group-commit.ts
 *   `minShare`; the store's default is 4, 1 is the `spread` of earlier sessions, 100 never splits);
 * - BENCH_HASH_SCHEME=legacy: hash new events as one envelope, as before field commitments (sd-1), to
 *   compare the append cost.
 */
export const storeOptionsFromEnv = (): { maxFlushes?: number; minShare?: number; hashScheme?: 'legacy' } => {
  const maxFlushes = envNumber('BENCH_MAX_FLUSHES');
  const minShare = envNumber('BENCH_MIN_SHARE');
  return {
    ...(maxFlushes === undefined ? {} : { maxFlushes }),
    ...(minShare === undefined ? {} : { minShare }),
    ...(process.env['BENCH_HASH_SCHEME'] === 'legacy' ? { hashScheme: 'legacy' as const } : {}),
  };
};

/** Creates the bench database when it is missing (connecting to the server's `postgres` database). */
export const ensureDatabase = async (url: string): Promise<void> => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported bench database name: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
};

/** Empties the bench database: everything lives in schema public, so drop and recreate it. */
export const resetDatabase = async (url: string): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
};

/** A fresh event store: PostgreSQL after a reset, or a new in-memory PGlite. */
export const openStore = async (store: EngineStore, url: string, poolSize: number): Promise<OpenedStore> => {
  let sql: SqlClient;
  if (store === 'postgres') {
    await resetDatabase(url);
    sql = createPostgresSqlClient(url, { maxConnections: poolSize });
  } else {
    sql = await createPgliteSqlClient();
  }
  const eventStore = new SqlEventStore(sql, storeOptionsFromEnv());
  await eventStore.migrate();
  return { store, sql, eventStore, close: () => eventStore.close() };
};
