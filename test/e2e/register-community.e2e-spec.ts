import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

/**
 * A community is registered once (docs/api.md "Idempotency-Key"). A registration appends without
 * reading its (new) stream first; when the community exists after all, a new command id is refused
 * with 409 COMMUNITY.ALREADY_REGISTERED whatever its body, while a retry with the first command id
 * gets the first 201 again and appends nothing.
 */
let app: NestFastifyApplication;
let token: string;
const body = { communityId: 'c-reg', kind: 'village', name: 'East River', townshipRef: 't-1', districtRef: 'd-1' };
const register = (key: string, overrides: object = {}) =>
  request(app.getHttpServer()).post('/api/v1/communities').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send({ ...body, ...overrides });

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  app = await createApp({ config, projections: { runInBackground: false } });
  await app.init();
  token = await app.get(TokenService).sign('township-registrar', ['township_government@township:t-1']);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('POST /api/v1/communities (register) on an existing stream', () => {
  it('refuses a registration of the community as another kind with COMMUNITY.ALREADY_REGISTERED', async () => {
    const first = await register('reg-1');
    expect(first.status).toBe(201);
    const again = await register('reg-2', { kind: 'urban_community' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('COMMUNITY.ALREADY_REGISTERED');
  });

  it('refuses the same registration under a new key with COMMUNITY.ALREADY_REGISTERED (a new command, not a retry)', async () => {
    const same = await register('reg-3');
    expect(same.status).toBe(409);
    expect(same.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(same.body.code).toBe('COMMUNITY.ALREADY_REGISTERED');
  });

  it('answers a retry with the first Idempotency-Key with the first 201, appending nothing', async () => {
    const first = await register('reg-1');
    expect(first.status).toBe(201);
    expect(first.body.revision).toBe('0');
    await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
    const registry = await request(app.getHttpServer()).get('/api/v1/communities/c-reg').set('Authorization', `Bearer ${token}`);
    expect(registry.status).toBe(200);
    expect(registry.headers.etag).toBe('"0"');
  });

  it('answers a retry of a refused registration with the same refusal, and a new key after it with a refusal too', async () => {
    expect((await register('reg-3')).body.code).toBe('COMMUNITY.ALREADY_REGISTERED');
    expect((await register('reg-4')).body.code).toBe('COMMUNITY.ALREADY_REGISTERED');
  });
});
