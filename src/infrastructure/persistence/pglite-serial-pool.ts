import { EventEmitter } from 'node:events';
import type { PGlite, Transaction } from '@electric-sql/pglite';

type PgResult = { rows: unknown[]; rowCount: number; command?: string; fields: unknown[] };
type Connection = EventEmitter & { query(sql: string, params?: unknown[]): Promise<PgResult> };

const toPgResult = (result: { rows: unknown[]; affectedRows?: number; fields: unknown[] }, sql: string): PgResult => ({
  rows: result.rows,
  rowCount: result.affectedRows ?? result.rows.length,
  command: /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase(),
  fields: result.fields,
});

/**
 * A `pg.Pool` look-alike for TypeORM over one shared PGlite instance. PGlite has a single session,
 * so each TypeORM connection is a lease taken through `db.transaction`, which holds PGlite's
 * transaction mutex: the event store's `db.query` calls and the projection runner's
 * `db.transaction` calls wait while TypeORM uses the session, and TypeORM's own BEGIN/COMMIT can
 * never interleave with anyone else's statements. (The lease's outer BEGIN/COMMIT around
 * TypeORM's own only produce PostgreSQL notices.)
 */
export const serialPglitePool = (db: PGlite) =>
  class SerialPglitePool extends EventEmitter {
    connect(callback: (error: unknown, client: Connection | null, done: (error?: unknown) => void) => void): void {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      void db
        .transaction(async (tx: Transaction) => {
          const connection = Object.assign(new EventEmitter(), {
            query: async (sql: string, params?: unknown[]) =>
              params !== undefined && params.length > 0
                ? toPgResult(await tx.query(sql, params), sql)
                : toPgResult((await tx.exec(sql)).at(-1) ?? { rows: [], fields: [] }, sql),
          });
          callback(null, connection, () => release());
          await released;
        })
        .catch((error: unknown) => this.emit('error', error));
    }

    async query(sql: string, params?: unknown[]): Promise<PgResult> {
      return toPgResult(await db.query(sql, params), sql);
    }

    end(callback?: (error: unknown) => void): void {
      // The PGlite instance belongs to the storage; closing TypeORM leaves it open.
      callback?.(null);
    }
  };
