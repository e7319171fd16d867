import type { DataSource } from 'typeorm';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { createDataSource } from '../../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner, projectionFeedOf } from '../../../src/infrastructure/persistence/create-projection-runner';
import type { AnyProjection } from '../../../src/projections/projection';
import type { EventFeed } from '../../../src/projections/projection-ports';
import type { ProjectionRunner } from '../../../src/projections/projection-runner';
import { TicketSummary } from './ticket-summary.entity';
import { ticketEvent, ticketStream } from './ticket-summary.projection';
import { createTestDatabase, describePostgres } from '../../support/postgres';

export type Opened = { storage: Storage; dataSource: DataSource; runners: ProjectionRunner[]; close: () => Promise<void> };

/** Storage plus a TypeORM DataSource on it; `databaseUrl` undefined means in-memory PGlite. */
export const openStorage = async (databaseUrl: string | undefined): Promise<Opened> => {
  const storage = await createStorage(databaseUrl === undefined ? { dataDir: 'memory://' } : { databaseUrl, dataDir: '' });
  const dataSource = await createDataSource(storage.sql, [TicketSummary]);
  const runners: ProjectionRunner[] = [];
  return {
    storage,
    dataSource,
    runners,
    close: async () => {
      // Stopping releases each runner's lock session, which pool.end() would otherwise wait for.
      for (const runner of runners.splice(0)) await runner.stop();
      await dataSource.destroy();
      await storage.sql.close();
    },
  };
};

/** The runner's feed over the store, recording the `metadata` option of every page it is asked for (false: without the metadata), in order. */
export const recordingFeed = (eventStore: Storage['eventStore'], asked: Array<false | undefined>): EventFeed => {
  const feed = projectionFeedOf(eventStore);
  return {
    headPosition: () => feed.headPosition(),
    readAll: (options) => {
      asked.push(options.metadata);
      return feed.readAll(options);
    },
  };
};

export const runnerFor = (opened: Opened, projection: AnyProjection, batchSize = 100): ProjectionRunner => {
  const runner = createProjectionRunner(opened.storage, opened.dataSource, [projection], { batchSize, pollIntervalMs: 10 });
  opened.runners.push(runner);
  return runner;
};

/** Appends a small life of ticket `id`: opened, `comments` comments, a label, closed. */
export const appendTicketLife = async (storage: Storage, id: string, comments: number): Promise<void> => {
  const stream = ticketStream(id);
  await storage.eventStore.appendToStream(stream, [ticketEvent('TicketOpened', { ticketId: id, title: `ticket ${id}` })], {
    expectedRevision: 'no_stream',
  });
  for (let i = 0; i < comments; i++) {
    await storage.eventStore.appendToStream(stream, [ticketEvent('TicketCommented', { ticketId: id })], { expectedRevision: 'any' });
  }
  await storage.eventStore.appendToStream(
    stream,
    [ticketEvent('TicketLabelled', { ticketId: id, label: 'urgent' }), ticketEvent('TicketClosed', { ticketId: id })],
    { expectedRevision: 'any' },
  );
};

export const append = (storage: Storage, id: string, type: string, data: Record<string, unknown> = {}) =>
  storage.eventStore.appendToStream(ticketStream(id), [ticketEvent(type, { ticketId: id, ...data })], { expectedRevision: 'any' });

/** Every row of the read model as queries see it (through the view), in key order. */
export const readModelRows = async (opened: Opened): Promise<unknown[]> =>
  (await opened.storage.sql.query('SELECT * FROM test_ticket_summary ORDER BY ticket_id')).rows;

/**
 * Runs `specs` twice: on PostgreSQL in a fresh database named after `prefix` (skipped, and said so,
 * without TEST_DATABASE_URL) and on embedded PGlite in memory; each test gets a store of its own
 * (`current()`, opened before it and closed after it).
 */
export const onBothStores = (title: string, prefix: string, specs: (current: () => Opened) => void): void => {
  const suite = (open: () => Promise<Opened>, drop: () => Promise<void>) => (): void => {
    let opened: Opened | undefined;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened?.close();
      await drop();
    });
    specs(() => {
      if (opened === undefined) throw new Error('no store is open outside a test');
      return opened;
    });
  };
  let database: { url: string; drop: () => Promise<void> } | undefined;
  describePostgres(
    `${title} on PostgreSQL`,
    suite(
      async () => {
        database = await createTestDatabase(prefix);
        return openStorage(database.url);
      },
      async () => {
        await database?.drop();
      },
    ),
  );
  describe(`${title} on embedded PGlite`, suite(() => openStorage(undefined), async () => undefined));
};
