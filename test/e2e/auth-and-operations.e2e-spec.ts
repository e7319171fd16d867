import request from 'supertest';
import { SignJWT } from 'jose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { MetricsService } from '../../src/infrastructure/observability/metrics.service';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { createTestApp, TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

let app: NestFastifyApplication;
let tokens: TokenService;
let storage: Storage;
let seq = 0;
const newId = (): string => `a-${Date.now().toString(36)}-${++seq}`;
const notice = (noticeId: string, communityId = 'c-17') => ({ noticeId, communityId, title: 't', body: 'b', tags: [], priority: 1 });
const server = () => app.getHttpServer();

beforeAll(async () => {
  ({ app, tokens, storage } = await createTestApp());
});
afterAll(async () => {
  await app.close();
});

describe('authentication (401)', () => {
  it('refuses a write without a token, with a malformed header, a forged or an expired token', async () => {
    const missing = await request(server()).post('/api/v1/notices').send(notice(newId())).expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(missing.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    await request(server()).post('/api/v1/notices').set('Authorization', 'Basic abc').send(notice(newId())).expect(401);
    const forged = await new SignJWT({ roles: ['villagers_committee@community:c-17'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('civic-ledger')
      .sign(new TextEncoder().encode('another-secret-another-secret-0123456789'));
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${forged}`).send(notice(newId())).expect(401);
    const expired = await tokens.sign('actor-1', ['villagers_committee@community:c-17'], '-1m');
    const response = await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${expired}`).send(notice(newId())).expect(401);
    expect(response.body.detail).toBe('token expired');
  });
});

describe('roles and scopes (403)', () => {
  it('refuses a role of another community and another role, and accepts the role in its own community', async () => {
    const otherCommunity = await tokens.sign('actor-2', ['villagers_committee@community:c-99']);
    const forbidden = await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${otherCommunity}`).send(notice(newId())).expect(403);
    expect(forbidden.body).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    const otherRole = await tokens.sign('actor-3', ['supervision_committee@community:c-17']);
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${otherRole}`).send(notice(newId())).expect(403);
    const own = await tokens.sign('actor-4', ['villagers_committee@community:c-17']);
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${own}`).send(notice(newId())).expect(201);
  });

  it('a committee without its community is no role: not issued, and a token carrying it (issued elsewhere) is refused', async () => {
    await expect(tokens.sign('actor-5', ['villagers_committee'])).rejects.toThrow(/body of one community: name it/);
    const unscoped = await new SignJWT({ roles: ['villagers_committee'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('actor-5')
      .setIssuer('civic-ledger')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const refused = await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${unscoped}`).send(notice(newId())).expect(401);
    expect(refused.body.detail).toBe('token carries a role without its scope');
  });

  it('resolves the scope of a later step from the aggregate (ScopeFrom)', async () => {
    const id = newId();
    const c17 = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    const c99 = await tokens.sign('actor-2', ['villagers_committee@community:c-99']);
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${c17}`).send(notice(id)).expect(201);
    const withdraw = (token: string) => request(server()).post(`/api/v1/notices/${id}/withdrawals`).set('Authorization', `Bearer ${token}`).send({ reason: 'outdated notice' });
    await withdraw(c99).expect(403);
    await withdraw(c17).expect(201);
  });

  it('serves public reads without a token', async () => {
    const id = newId();
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`).send(notice(id)).expect(201);
    const read = await request(server()).get(`/api/v1/notices/${id}`).expect(200);
    expect(read.body).toEqual({ noticeId: id, status: 'Posted', title: 't' });
    expect(read.headers['etag']).toBe('"0"');
    await request(server()).get('/api/v1/notices/n-unknown').expect(404);
  });
});

describe('operations', () => {
  it('reports health with a store query', async () => {
    const response = await request(server()).get('/health').expect(200);
    expect(response.body.info.eventStore.status).toBe('up');
  });

  it('exposes metrics: appended events, command latency and projection lag from a registered source', async () => {
    app.get(MetricsService).registerProjectionLagSource(() => [{ projection: 'notice_overview', lag: 7 }]);
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`).send(notice(newId())).expect(201);
    const response = await request(server()).get('/metrics').expect(200);
    expect(response.text).toMatch(/civic_ledger_events_appended_total\{command="PostNotice"\} [1-9]/);
    expect(response.text).toMatch(/civic_ledger_command_duration_seconds_count\{command="PostNotice"\} [1-9]/);
    expect(response.text).toContain('civic_ledger_projection_lag_events{projection="notice_overview"} 7');
  });

  it('serves the OpenAPI document with the problem schema', async () => {
    const response = await request(server()).get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/notices', '/api/v1/notices/{id}/withdrawals', '/health']));
    expect(response.body.components.schemas.ProblemDetailsDto).toBeDefined();
    expect(response.body.paths['/api/v1/notices'].post.responses['412']).toBeDefined();
  });

  it('echoes the caller correlation id and stores it on the events', async () => {
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    const id = newId();
    const response = await request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`).set('X-Correlation-Id', 'corr-123').send(notice(id)).expect(201);
    expect(response.headers['x-correlation-id']).toBe('corr-123');
    const [event] = await storage.eventStore.readStream(`notice-${id}`);
    expect(event?.metadata.correlationId).toBe('corr-123');
  });

  it('makes up a correlation id when none (or an unusable one) is sent, echoes it and stores it on the events', async () => {
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    for (const given of [undefined, 'has spaces', 'x'.repeat(201)]) {
      const id = newId();
      const call = request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`);
      const response = await (given === undefined ? call : call.set('X-Correlation-Id', given)).send(notice(id)).expect(201);
      const echoed = response.headers['x-correlation-id'];
      expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const [event] = await storage.eventStore.readStream(`notice-${id}`);
      expect(event?.metadata.correlationId).toBe(echoed);
    }
  });
});

describe('nothing a caller sends produces a 500', () => {
  const bodies: unknown[] = [
    undefined,
    [],
    [notice('n-x')],
    { noticeId: 12, communityId: 'c-17', title: {}, body: [], tags: [{}], priority: '2' },
    { ...notice('n-y'), priority: 1e308 },
    { ...notice('n-z'), priority: -9007199254740993 },
    { ...notice('n-u'), title: '𝕌𝕟𝕚𝕔𝕠𝕕𝕖 \u0000 \u202e 村务', tags: ['\ud800'] },
    { ...notice('n-v'), communityId: ['c-17'] },
    { ...notice('n-w'), communityId: { id: 'c-17' } },
    { ...notice('n-o'), occurredAt: '2026-02-31T10:00:00+08:00' },
    { ...notice('n-p'), occurredAt: 12345 },
    { ...notice('n-q'), constructor: { prototype: {} } },
    `{"noticeId":"n-s","communityId":"c-17","title":"t","body":"b","tags":[],"priority":1,"__proto__":{"admin":true}}`,
    `{"noticeId":"n-t","communityId":"c-17","title":"t","body":"b","tags":[],"priority":1,"nested":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    { ...notice('n-r'), tags: Array.from({ length: 1000 }, () => 'x') },
    'plain string',
    42,
    null,
  ];

  it.each(bodies.map((body, i) => [i, body]))('body #%i is answered with a 4xx problem', async (_, body) => {
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    let call = request(server()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`);
    if (typeof body === 'string' && body.startsWith('{')) call = call.set('Content-Type', 'application/json').send(body);
    else if (typeof body === 'string' || typeof body === 'number' || body === null) call = call.set('Content-Type', 'application/json').send(JSON.stringify(body));
    else if (body !== undefined) call = call.send(body as object);
    const response = await call;
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['GET', '/api/v1/notices/%FF'],
    ['GET', '/api/v1/notices/%00'],
    ['POST', '/api/v1/notices/%00/withdrawals'],
    ['GET', '/api/v1/notices/%ED%A0%80'],
    ['GET', '/api/v1/notices/<5000 characters>'],
    ['POST', '/api/v1/notices/n-1/withdrawals?reason[]=x'],
    ['DELETE', '/api/v1/notices'],
  ])('%s %s is answered with a 4xx', async (method, label) => {
    const path = label === '/api/v1/notices/<5000 characters>' ? `/api/v1/notices/${'x'.repeat(5000)}` : label;
    const token = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    const response = await request(server())[method.toLowerCase() as 'get' | 'post' | 'delete'](path).set('Authorization', `Bearer ${token}`).set('If-Match', 'garbage');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
