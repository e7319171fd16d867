import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { isStalePrepared, PreparedStatements, queryInOneMessage, textParams } from './pglite-query';
import type { QueryOptions, SqlClient } from './sql-client';

/**
 * PGlite's memory, sized on purpose. The WebAssembly module starts with 128 MiB (its minimum; a
 * smaller `initialMemory` is refused) and grows as PostgreSQL touches memory; most of that growth
 * is `shared_buffers`, 128MB by default. One embedded session needs far less: 32MB of buffers keeps
 * the working set of the engine's tables, and the operating system's page cache holds the data
 * files behind it. Measured on the service (README "Settings"): idle RSS of about 0.3 GB instead of 0.9 GB.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

/**
 * New WAL segments are not filled with zeros first (`wal_init_zero=off`: only their last byte is
 * written; PostgreSQL finds the end of the WAL by its page headers and checksums either way). In
 * PGlite the filling ran inside whatever statement crossed into a new 16 MB segment, in this thread:
 * W6 at 32 in flight had appends of up to 65 ms, 8-10 ms without it, and its p99 fell from 83 to
 * 58 ms (bench/README "Embedded: WAL segments not zero-filled").
 */
const options = (extra: PGliteOptions = {}): PGliteOptions => ({
  ...extra,
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`, '-c', 'wal_init_zero=off'],
});

/** A data directory PGlite has already initialised (initdb leaves PG_VERSION behind). */
const initialised = (dataDir: string): boolean => existsSync(join(dataDir, 'PG_VERSION'));

let memoryTemplate: (() => Promise<Blob | undefined>) | undefined;

/**
 * Where in-memory stores start from: a dump of an initialised data directory (PGlite's
 * `dumpDataDir`) spares each one initdb, which takes most of PGlite's start-up. Test suites set it.
 */
export const useMemoryTemplate = (load: (() => Promise<Blob | undefined>) | undefined): void => {
  memoryTemplate = load;
};

/** Embedded PostgreSQL (WASM). `dataDir` undefined keeps everything in memory. */
export const createPgliteSqlClient = async (dataDir?: string): Promise<SqlClient & { db: PGlite }> => {
  if (dataDir === undefined) {
    const template = await memoryTemplate?.();
    const db = new PGlite(options(template === undefined ? {} : { loadDataDir: template }));
    await db.waitReady;
    return wrapPglite(db);
  }
  if (!initialised(dataDir)) {
    // initdb runs in its own WebAssembly instance whose memory (about 0.4 GB) the first instance
    // keeps; closing it once initialised and opening the directory again leaves that behind.
    const first = new PGlite(dataDir, options());
    await first.waitReady;
    await first.close();
  }
  const db = new PGlite(dataDir, options());
  await db.waitReady;
  return wrapPglite(db);
};

/**
 * PGlite has one session. Its own `query` and `transaction` share a mutex (the transaction mutex,
 * which TypeORM's leases hold too, see pglite-serial-pool.ts), and each protocol exchange takes the
 * query mutex; a statement here takes both, as `db.query` does, so it never interleaves with another
 * caller's transaction. Statements go as one message each (queryInOneMessage).
 */
export const wrapPglite = (db: PGlite): SqlClient & { db: PGlite } => {
  const statements = new PreparedStatements();
  return {
    dialect: 'pglite',
    db,
    query: async <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
      const values = textParams(params);
      if (values === undefined) return { rows: (await db.query<T>(sql, params as unknown[])).rows };
      await db._checkReady();
      const rows = await db._runExclusiveTransaction(() =>
        db.runExclusive(async () => {
          const run = () => queryInOneMessage<T>(db, statements, sql, values, { ...options, params });
          // Outside a transaction a prepared statement that went stale is parsed again and sent once more.
          const result = await run().catch((error: unknown) => (options?.prepare === true && isStalePrepared(error) ? run() : Promise.reject(error)));
          // Outside a transaction each statement commits on its own; PGlite syncs its file system after it.
          await db.syncToFs();
          return result;
        }),
      );
      return { rows };
    },
    exec: async (sql) => {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
            const values = textParams(params);
            if (values === undefined) return { rows: (await tx.query<T>(sql, params as unknown[])).rows };
            return { rows: await db.runExclusive(() => queryInOneMessage<T>(db, statements, sql, values, { ...options, params })) };
          },
        }),
      ),
    close: () => db.close(),
  };
};
