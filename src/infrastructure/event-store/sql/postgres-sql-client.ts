import { Pool, types } from 'pg';
import type { SqlClient } from './sql-client';

// Keep int8 as text so positions never lose precision; callers convert to bigint.
types.setTypeParser(20, (value) => value);

export const createPostgresSqlClient = (connectionString: string, maxConnections = 10): SqlClient => {
  const pool = new Pool({ connectionString, max: maxConnections });
  return {
    dialect: 'postgres',
    query: async (sql, params) => {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
};
