import 'reflect-metadata';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolConfig } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { SqlClient } from '../event-store/sql/sql-client';
import { serialPglitePool } from './pglite-serial-pool';

type EntityClass = NonNullable<DataSourceOptions['entities']> extends ReadonlyArray<infer E> | infer _ ? E : never;

/**
 * A TypeORM DataSource on the same database as the event store: in embedded mode the very same
 * PGlite instance (through a serialising pool), on PostgreSQL its own small pool to the same URL.
 * `synchronize` stays off: projection tables are created per build by the runner, and each entity's
 * table name is a view over the active build.
 */
export const createDataSource = async (
  sql: SqlClient,
  entities: readonly EntityClass[],
  options: Readonly<{ poolSize?: number }> = {},
): Promise<DataSource> => {
  const common = { type: 'postgres' as const, entities: [...entities], synchronize: false, migrationsRun: false, logging: false };
  let dataSource: DataSource;
  if (sql.dialect === 'pglite') {
    const db = (sql as SqlClient & { db?: PGlite }).db;
    if (db === undefined) throw new Error('embedded storage without a PGlite instance');
    dataSource = new DataSource({ ...common, driver: { Pool: serialPglitePool(db) } });
  } else {
    const pool = (sql as SqlClient & { pool?: Pool }).pool;
    const settings = pool?.options as PoolConfig | undefined;
    const url = settings?.connectionString;
    if (settings === undefined || url === undefined) throw new Error('PostgreSQL storage without a connection string');
    // The same timeouts as the event store's sessions; TypeORM listens for errors on its pool and clients.
    const { keepAlive, statement_timeout, lock_timeout, connectionTimeoutMillis } = settings;
    const limits = { keepAlive, statement_timeout, lock_timeout, connectionTimeoutMillis };
    dataSource = new DataSource({ ...common, url, poolSize: options.poolSize ?? 5, extra: limits });
  }
  return dataSource.initialize();
};
