import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PGlite (in memory)', async () => {
  const { sql, eventStore } = await createStorage({ dataDir: 'memory://' });
  // A second client of the same database with its own head cache.
  const second = new SqlEventStore(sql);
  return { store: eventStore, second, hasher: () => verifyHasher(sql), close: () => sql.close() };
});
