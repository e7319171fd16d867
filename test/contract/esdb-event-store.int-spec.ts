import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { REAL_EVENTSTORE_URL, startEsdbTarget } from '../support/esdb-emulator/esdb-target';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { eventStoreContract } from './event-store.contract';

describePostgres(`EventStoreDB event store (${REAL_EVENTSTORE_URL === undefined ? 'in-process emulator' : 'EVENTSTORE_URL'})`, () => {
  eventStoreContract('EventStoreDB', async () => {
    const target = await startEsdbTarget();
    const database = await createTestDatabase('cl_esdb');
    const { eventStore, sql } = await createStorage({ eventStoreUrl: target.url, databaseUrl: database.url, dataDir: 'unused' });
    // Another process: its own gRPC connection and its own PostgreSQL pool.
    const second = EsdbEventStore.connect(target.url, createPostgresSqlClient(database.url, { maxConnections: 4 }));
    return {
      store: eventStore,
      second,
      hasher: () => verifyHasher(sql),
      close: async () => {
        await eventStore.close();
        await second.close();
        await database.drop();
        await target.stop();
      },
    };
  });
});
