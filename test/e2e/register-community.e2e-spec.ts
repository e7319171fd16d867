import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

/**
 * A registration appends without reading its (new) stream first; when the community exists after
 * all, the answer is still the domain's refusal (409 COMMUNITY.ALREADY_REGISTERED, rule-coded), and
 * a repeated Idempotency-Key still gets the first answer.
 */
let app: NestExpressApplication;
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

  it('answers the same registration under a new key as a no-op at the stream as it is (revision 0)', async () => {
    const same = await register('reg-3');
    expect(same.status).toBe(201);
    expect(same.body.revision).toBe('0');
  });

  it('answers a repeated Idempotency-Key with the first result', async () => {
    const first = await register('reg-1');
    expect(first.status).toBe(201);
    expect(first.body.revision).toBe('0');
  });
});
