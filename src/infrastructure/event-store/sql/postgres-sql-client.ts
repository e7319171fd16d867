import { createHash } from 'node:crypto';
import { Pool, types, type PoolClient, type PoolConfig, type QueryConfig } from 'pg';
import type { SqlClient } from './sql-client';

// Keep int8 as text so positions never lose precision; callers convert to bigint.
types.setTypeParser(20, (value) => value);

/** Bounds on the waits of every session the service opens (all optional: the CLI waits as long as it takes). */
export type PostgresLimits = Readonly<{
  maxConnections?: number;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** Opening a connection, and waiting for a free one from the pool. */
  connectTimeoutMs?: number;
}>;

const ignore = (): void => undefined;

const statementNames = new Map<string, string>();

/**
 * A statement the caller marked `prepare`, as node-postgres's named query: parsed once per
 * connection. The name is derived from the text, so one name never stands for two texts.
 */
const prepared = (sql: string, values: unknown[] | undefined): QueryConfig => {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `cl_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, ...(values === undefined ? {} : { values }) };
};

/** The pg pool settings for these limits; TypeORM's pool for the read models takes the same ones. */
export const postgresPoolConfig = (connectionString: string, limits: PostgresLimits = {}): PoolConfig => ({
  connectionString,
  max: limits.maxConnections ?? 10,
  // A server that ends a session makes pg emit 'error' on its client; with no listener at that
  // moment (checked out between queries, handed over between owners) that would crash the
  // process. Every client keeps this listener for life; whoever holds it still sees the failure
  // on its next query, and the pool discards a client that is no longer queryable on release.
  onConnect: (client) => {
    client.on('error', ignore);
  },
  // Notice a peer that vanished without a FIN (network cut) instead of waiting on it forever.
  keepAlive: true,
  ...(limits.statementTimeoutMs === undefined ? {} : { statement_timeout: limits.statementTimeoutMs }),
  ...(limits.lockTimeoutMs === undefined ? {} : { lock_timeout: limits.lockTimeoutMs }),
  ...(limits.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: limits.connectTimeoutMs }),
});

/**
 * A connection taken from the pool for longer than one query. The server may end it at any moment
 * (restart, `pg_terminate_backend`); pg then emits 'error' on the client, which would crash the
 * process without a listener (the pool only listens while the client is idle). Held with a listener,
 * and given back destroyed when it broke, so the pool opens a fresh one.
 */
export type CheckedOut = Readonly<{
  client: PoolClient;
  /** Gives the connection back; destroyed when it broke, when `error` says it did, or when `destroy`. */
  release: (error?: unknown, destroy?: boolean) => void;
}>;

export const checkOut = async (pool: Pool): Promise<CheckedOut> => {
  const client = await pool.connect();
  let broken: unknown;
  const onError = (error: unknown): void => {
    broken = error;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    release: (error?: unknown, destroy = false) => {
      if (released) return;
      released = true;
      // From here the pool's own idle listener takes a late 'error'.
      client.removeListener('error', onError);
      const reason = broken ?? (destroy || isConnectionBroken(error) ? error ?? new Error('connection discarded') : undefined);
      client.release(reason === undefined ? undefined : reason instanceof Error ? reason : new Error(String(reason)));
    },
  };
};

/** pg's own errors when a session is gone (server-side codes are classified in store-unavailable). */
const isConnectionBroken = (error: unknown): boolean =>
  error instanceof Error && /Connection terminated|not queryable|ECONNRESET|EPIPE/i.test(error.message);

export const createPostgresSqlClient = (connectionString: string, limits: PostgresLimits = {}): SqlClient & { pool: Pool } => {
  const pool = new Pool(postgresPoolConfig(connectionString, limits));
  // An idle connection the server drops (restart, admin terminate) is reported here; without a
  // listener it would crash the process. The pool opens a new connection on the next checkout.
  pool.on('error', ignore);
  // pool.end() resolves before its connections have closed; close() waits for them.
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    const closed = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
  return {
    dialect: 'postgres',
    pool,
    query: async (sql, params, options) => {
      // pool.query listens for 'error' on its client while the query runs and destroys a broken one.
      const values = params as unknown[] | undefined;
      const result = await (options?.prepare === true ? pool.query(prepared(sql, values)) : pool.query(sql, values));
      return { rows: result.rows };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const { client, release } = await checkOut(pool);
      let failure: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params, options) => {
            const values = params as unknown[] | undefined;
            return { rows: (await (options?.prepare === true ? client.query(prepared(sql, values)) : client.query(sql, values))).rows };
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error;
        await client.query('ROLLBACK').catch(ignore);
        throw error;
      } finally {
        release(failure);
      }
    },
    close: async () => {
      await pool.end();
      await Promise.all([...open]);
    },
  };
};
