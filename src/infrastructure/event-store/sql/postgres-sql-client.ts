import { Pool, types } from 'pg';
import type { SqlClient } from './sql-client';

// Keep int8 as text so positions never lose precision; callers convert to bigint.
types.setTypeParser(20, (value) => value);

export const createPostgresSqlClient = (connectionString: string, maxConnections = 10): SqlClient & { pool: Pool } => {
  const pool = new Pool({ connectionString, max: maxConnections });
  // An idle connection the server drops (restart, admin terminate) is reported here; without a
  // listener it would crash the process. The pool opens a new connection on the next checkout.
  pool.on('error', () => undefined);
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
    query: async (sql, params) => {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[] | undefined)).rows }),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await Promise.all([...open]);
    },
  };
};
