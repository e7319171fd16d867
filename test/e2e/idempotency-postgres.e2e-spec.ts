import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { noticeBoardProcedure } from '../support/test-aggregate/notice-board.module';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { itBindsRefusedKeys } from '../support/idempotent-refusals.contract';

describePostgres('idempotency and concurrency over HTTP on PostgreSQL (many connections)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let storage: Storage;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase('cl_http');
    const config = loadConfig({ DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    storage = await createStorage({ dataDir: 'unused', databaseUrl: database.url });
    app = await createApp({ config, storage, extraProcedures: [noticeBoardProcedure] });
    await app.init();
    token = await app.get(TokenService).sign('actor-1', ['villagers_committee@community:c-17']);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const post = (id: string) =>
    request(app.getHttpServer()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`).send({ noticeId: id, communityId: 'c-17', title: 't', body: 'b', tags: [], priority: 1 });

  it('20 identical concurrent requests with one Idempotency-Key: one set of events, one answer', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => post('n-burst').set('Idempotency-Key', 'burst-key')));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await storage.eventStore.readStream('notice-n-burst')).toHaveLength(1);
  });

  it('concurrent withdrawals with the same If-Match: exactly one wins, the others get 412', async () => {
    await post('n-race').expect(201);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(app.getHttpServer()).post('/api/v1/notices/n-race/withdrawals').set('Authorization', `Bearer ${token}`).set('If-Match', '"0"').send({ reason: 'superseded' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(7).fill(412)]);
    expect(await storage.eventStore.readStream('notice-n-race')).toHaveLength(2);
  });

  describe('a key whose first use was refused (cl_command_refusals on PostgreSQL)', () => {
    itBindsRefusedKeys(() => ({ app, eventStore: storage.eventStore, token }));
  });
});
