import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from '../event-store/sql/sql-client';
import { checkOut, type CheckedOut } from '../event-store/sql/postgres-sql-client';
import { processLocalLocks, type ProjectionLocks } from '../../projections/projection-locks';

/**
 * Session advisory locks on one dedicated connection, held while the runner runs. If that
 * connection dies PostgreSQL drops the locks; the runner's checkpoint compare-and-set still keeps
 * a second owner from applying a batch twice.
 */
export const postgresAdvisoryLocks = (pool: Pool): ProjectionLocks => {
  let session: Promise<Session> | undefined;
  const held = new Set<string>();
  /** Forgets a session that broke (its locks died with it) and gives its slot back to the pool. */
  const drop = (broken: Promise<Session>, error: unknown): void => {
    if (session !== broken) return;
    session = undefined;
    held.clear();
    void broken.then((s) => s.release(error, true), () => undefined);
  };
  const client = (): Promise<PoolClient> => {
    if (session === undefined) {
      const opening: Promise<Session> = checkOut(pool).then((s) => {
        s.client.on('error', (error: unknown) => drop(opening, error));
        return s;
      });
      // A failed connect leaves no session behind: the next call tries again.
      opening.catch(() => {
        if (session === opening) session = undefined;
      });
      session = opening;
    }
    const current = session;
    return current.then((s) => s.client);
  };
  /** A query on the session; if the session broke, it is dropped so the next call opens a new one. */
  const run = async (sql: string, key: string): Promise<boolean> => {
    const current = session;
    try {
      const { rows } = await (await client()).query<{ ok: boolean }>(sql, [key]);
      return rows[0]?.ok === true;
    } catch (error) {
      if (session !== undefined && (current === undefined || current === session)) drop(session, error);
      throw error;
    }
  };
  /**
   * The runner's workers ask concurrently; the session takes their requests one at a time (node-postgres
   * deprecates a query sent while the client still runs one, and pg 9 removes that queue), and each
   * checks what is held in its turn: two asks for one key take the session lock once (PostgreSQL
   * counts a session's re-entries, and one release would leave it held). A failed query does not hold
   * up the requests after it.
   */
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(request: () => Promise<T>): Promise<T> => {
    const result = queue.then(request);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    tryAcquire: (key) =>
      inTurn(async () => {
        if (held.has(key)) return true;
        const ok = await run('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', key);
        if (ok) held.add(key);
        return ok;
      }),
    release: (key) =>
      inTurn(async () => {
        if (!held.delete(key) || session === undefined) return;
        await run('SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS ok', key);
      }),
    close: async () => {
      held.clear();
      const current = session;
      session = undefined;
      // Destroy rather than return the connection: a pooled session would keep its locks.
      if (current !== undefined) await current.then((s) => s.release(undefined, true), () => undefined);
    },
  };
};

type Session = CheckedOut;

export const createProjectionLocks = (sql: SqlClient): ProjectionLocks => {
  if (sql.dialect === 'postgres') {
    const pool = (sql as SqlClient & { pool?: Pool }).pool;
    if (pool === undefined) throw new Error('PostgreSQL storage without a pool');
    return postgresAdvisoryLocks(pool);
  }
  return processLocalLocks((sql as SqlClient & { db?: object }).db ?? sql);
};
