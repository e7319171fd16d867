import { mkdirSync } from 'node:fs';
import { SqlEventStore } from '../event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../event-store/sql/pglite-sql-client';
import { createPostgresSqlClient, type PostgresLimits } from '../event-store/sql/postgres-sql-client';
import type { SqlClient } from '../event-store/sql/sql-client';
import type { AppConfig } from '../config/app-config';
import { EsdbEventStore } from '../event-store/esdb/esdb-event-store';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EventAuditIndex } from '../../application/ports/event-audit.port';
import { EsdbAuditIndex } from '../event-store/esdb/esdb-audit-index';
import { SqlAuditIndex } from '../event-store/sql/sql-audit-index';
import { migrateCommandRefusals } from '../event-store/sql/command-refusals';

export type StorageSettings = Readonly<{
  /** postgres://... ; when absent, embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Directory for the embedded store; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Timeouts of the PostgreSQL sessions (the service passes its settings; the CLI waits). */
  limits?: PostgresLimits;
  /** esdb://... : events in EventStoreDB; read models, checkpoints and the command ledger in `databaseUrl`. */
  eventStoreUrl?: string;
}>;

/** The service's storage: the configured mode, with the configured timeouts. */
export const storageSettingsOf = (config: AppConfig): StorageSettings => ({
  dataDir: config.dataDir,
  ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
  ...(config.eventStoreUrl === undefined ? {} : { eventStoreUrl: config.eventStoreUrl }),
  limits: {
    statementTimeoutMs: config.database.statementTimeoutMs,
    lockTimeoutMs: config.database.lockTimeoutMs,
    connectTimeoutMs: config.database.connectTimeoutMs,
  },
});

/** `audit` searches the log by actor, correlation id and time, whichever store holds it. */
export type Storage = Readonly<{ sql: SqlClient; eventStore: EventStore; audit: EventAuditIndex }>;

/** Opens the event store of the configured mode and creates its schema if needed. */
export const createStorage = async (settings: StorageSettings): Promise<Storage> => {
  if (settings.eventStoreUrl !== undefined && settings.eventStoreUrl !== '') {
    if (settings.databaseUrl === undefined || settings.databaseUrl === '') throw new Error('EVENTSTORE_URL needs DATABASE_URL for read models and the command ledger');
    const sql = createPostgresSqlClient(settings.databaseUrl, settings.limits);
    const eventStore = EsdbEventStore.connect(settings.eventStoreUrl, sql);
    await eventStore.migrate();
    const audit = new EsdbAuditIndex(sql, eventStore);
    await audit.migrate();
    await migrateCommandRefusals(sql);
    return { sql, eventStore, audit };
  }
  let sql: SqlClient;
  if (settings.databaseUrl !== undefined && settings.databaseUrl !== '') {
    sql = createPostgresSqlClient(settings.databaseUrl, settings.limits);
  } else if (settings.dataDir === 'memory://') {
    sql = await createPgliteSqlClient();
  } else {
    mkdirSync(settings.dataDir, { recursive: true });
    sql = await createPgliteSqlClient(settings.dataDir);
  }
  const eventStore = new SqlEventStore(sql);
  await eventStore.migrate();
  await migrateCommandRefusals(sql);
  return { sql, eventStore, audit: new SqlAuditIndex(sql) };
};
