import { describePostgres, createTestDatabase } from '../support/postgres';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { eventStoreContract } from './event-store.contract';

describePostgres('PostgreSQL event store', () => {
  eventStoreContract('PostgreSQL', async () => {
    const database = await createTestDatabase('cl_contract');
    const { eventStore, sql } = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    // A second client with its own pool and head cache, as another process would have.
    const second = new SqlEventStore(createPostgresSqlClient(database.url, { maxConnections: 4 }));
    return {
      store: eventStore,
      second,
      hasher: () => verifyHasher(sql),
      close: async () => {
        await eventStore.close();
        await second.close();
        await database.drop();
      },
    };
  });
});
