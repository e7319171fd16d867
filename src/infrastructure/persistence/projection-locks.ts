import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from '../event-store/sql/sql-client';
import { processLocalLocks, type ProjectionLocks } from '../../projections/projection-locks';

/**
 * Session advisory locks on one dedicated connection, held while the runner runs. If that
 * connection dies PostgreSQL drops the locks; the runner's checkpoint compare-and-set still keeps
 * a second owner from applying a batch twice.
 */
export const postgresAdvisoryLocks = (pool: Pool): ProjectionLocks => {
  let session: Promise<PoolClient> | undefined;
  const held = new Set<string>();
  const client = (): Promise<PoolClient> => {
    session ??= pool.connect().then((c) => {
      c.on('error', () => {
        held.clear();
        session = undefined;
      });
      return c;
    });
    return session;
  };
  return {
    tryAcquire: async (key) => {
      if (held.has(key)) return true;
      const { rows } = await (await client()).query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [key]);
      if (rows[0]?.ok === true) held.add(key);
      return rows[0]?.ok === true;
    },
    release: async (key) => {
      if (!held.delete(key) || session === undefined) return;
      await (await session).query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
    },
    close: async () => {
      held.clear();
      const current = session;
      session = undefined;
      // Destroy rather than return the connection: a pooled session would keep its locks.
      if (current !== undefined) (await current).release(true);
    },
  };
};

export const createProjectionLocks = (sql: SqlClient): ProjectionLocks => {
  if (sql.dialect === 'postgres') {
    const pool = (sql as SqlClient & { pool?: Pool }).pool;
    if (pool === undefined) throw new Error('PostgreSQL storage without a pool');
    return postgresAdvisoryLocks(pool);
  }
  return processLocalLocks((sql as SqlClient & { db?: object }).db ?? sql);
};
