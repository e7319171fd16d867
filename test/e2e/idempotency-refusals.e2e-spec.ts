import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { itBindsRefusedKeys } from '../support/idempotent-refusals.contract';
import { createTestApp } from '../support/test-aggregate/test-app';

/** The embedded store (PGlite); PostgreSQL and EventStoreDB run the same contract (idempotency-postgres, esdb-http). */
describe('Idempotency-Key whose first use was refused, on PGlite', () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let token: string;
  beforeAll(async () => {
    const created = await createTestApp();
    ({ app, storage } = created);
    token = await created.tokens.sign('actor-1', ['villagers_committee@community:c-17']);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });
  itBindsRefusedKeys(() => ({ app, eventStore: storage.eventStore, token }));
});
