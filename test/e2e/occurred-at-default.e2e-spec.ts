import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

/**
 * A step sent without occurredAt happened "now": the engine takes now per attempt, so a request
 * that lost a race and is retried is not refused for lying before the step that won it.
 */
describePostgres('occurredAt defaults to now per attempt (PostgreSQL, concurrent requests)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase('cl_occurred');
    // Enough retries for eight racing writers: this test is about the time stamp, not the retry budget.
    const config = loadConfig({ DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', COMMAND_MAX_RETRIES: '10' });
    storage = await createStorage({ dataDir: 'unused', databaseUrl: database.url });
    app = await createApp({ config, storage, projections: { runInBackground: false } });
    await app.init();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('8 concurrent census snapshots without occurredAt on one community are all recorded', async () => {
    const tokens = app.get(TokenService);
    const township = await tokens.sign('officer-1', ['township_government@township:t-1']);
    const committee = await tokens.sign('clerk-1', ['villagers_committee@community:c-race']);
    const post = (path: string, token: string, body: Record<string, unknown>) =>
      request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    await post('/communities', township, { communityId: 'c-race', kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1' }).expect(201);

    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post('/communities/c-race/census-snapshots', committee, { snapshotId: `census-${i}`, effectiveFrom: `2026-01-${String(i + 1).padStart(2, '0')}`, adults: 100 + i, households: 40 }),
      ),
    );
    expect(responses.map((r) => [r.status, r.body.code])).toEqual(Array(8).fill([201, undefined]));
    const events = await storage.eventStore.readStream('community-c-race');
    expect(events.filter((e) => e.type === 'CensusSnapshotRecorded')).toHaveLength(8);
    const times = events.map((e) => e.metadata.occurredAt);
    expect([...times].sort()).toEqual(times);
  }, 60_000);
});
