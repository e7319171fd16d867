import { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client';

/** Embedded PostgreSQL (WASM). `dataDir` undefined keeps everything in memory. */
export const createPgliteSqlClient = async (dataDir?: string): Promise<SqlClient & { db: PGlite }> => {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  return wrapPglite(db);
};

/**
 * PGlite has one session. Its own `query` and `transaction` share a mutex, so a transaction here
 * is never interleaved with another caller's statements.
 */
export const wrapPglite = (db: PGlite): SqlClient & { db: PGlite } => ({
  dialect: 'pglite',
  db,
  query: async (sql, params) => {
    const result = await db.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as never[] };
  },
  exec: async (sql) => {
    await db.exec(sql);
  },
  transaction: (fn) =>
    db.transaction((tx) =>
      fn({ query: async (sql, params) => ({ rows: (await tx.query(sql, params as unknown[] | undefined)).rows as never[] }) }),
    ),
  close: () => db.close(),
});
