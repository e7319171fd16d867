import { Pool, types } from 'pg';
import type { SqlClient } from './sql-client';

// Keep int8 as text so positions never lose precision; callers convert to bigint.
types.setTypeParser(20, (value) => value);

export const createPostgresSqlClient = (connectionString: string, maxConnections = 10): SqlClient & { pool: Pool } => {
  const pool = new Pool({ connectionString, max: maxConnections });
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
    close: () => pool.end(),
  };
};
