import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage } from '../../src/infrastructure/storage/create-storage';

/** Read your writes, one provenance shape, ETag = stream revision, the list of communities, CORS. */
let app: NestFastifyApplication;
let township: string;
let committeeOf: (community: string) => Promise<string>;
const server = () => app.getHttpServer();

beforeAll(async () => {
  const config = loadConfig({
    DATA_DIR: 'memory://',
    CIVIC_LEDGER_JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    READ_WAIT_MS: '3000',
    CORS_ORIGINS: 'https://portal.example.cn',
  });
  app = await createApp({ config, storage: await createStorage({ dataDir: 'memory://' }) });
  await app.init();
  const tokens = app.get(TokenService);
  township = await tokens.sign('officer-1', ['township_government@township:t-1', 'township_government@township:t-2']);
  committeeOf = (community) => tokens.sign('clerk-1', [`villagers_committee@community:${community}`]);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const register = (communityId: string, townshipRef = 't-1') =>
  request(server())
    .post('/api/v1/communities')
    .set('Authorization', `Bearer ${township}`)
    .send({ communityId, kind: 'village', name: '东河村', townshipRef, districtRef: 'd-1', occurredAt: '2026-01-05T09:00:00+08:00' });

describe('read your writes (minPosition / X-Min-Position)', () => {
  it('a read right after a write, with its position, is never stale (100 times)', async () => {
    for (let i = 0; i < 100; i++) {
      const communityId = `ryw-${i}`;
      const written = await register(communityId).expect(201);
      const position = String(written.body.globalPosition);
      const read = i % 2 === 0
        ? request(server()).get(`/api/v1/communities/${communityId}?minPosition=${position}`)
        : request(server()).get(`/api/v1/communities/${communityId}`).set('X-Min-Position', position);
      const response = await read.expect(200);
      expect(response.body.communityId).toBe(communityId);
      expect(BigInt(response.body.provenance.globalPosition)).toBeGreaterThanOrEqual(BigInt(position));
    }
  }, 120_000);

  it('a position beyond the last stored event is a 400 naming the field', async () => {
    const response = await request(server()).get('/api/v1/communities/ryw-0?minPosition=999999999').expect(400);
    expect(response.body.errors[0].field).toBe('minPosition');
  });

  it('a malformed position is a 400', async () => {
    await request(server()).get('/api/v1/communities/ryw-0?minPosition=abc').expect(400);
    await request(server()).get('/api/v1/communities/ryw-0').set('X-Min-Position', '-1').expect(400);
  });
});

describe('one-stream resources answer ETag = stream revision, usable as If-Match', () => {
  it('GET /communities/{id} answers ETag "<revision>" (not a body hash) and If-Match with it succeeds', async () => {
    const written = await register('etag-1').expect(201);
    const committee = await committeeOf('etag-1');
    const term = await request(server())
      .post('/api/v1/communities/etag-1/committee-terms')
      .set('Authorization', `Bearer ${committee}`)
      .send({ termId: 'term-1', termNumber: 1, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: '2026-01-06T09:00:00+08:00' })
      .expect(201);
    const read = await request(server()).get(`/api/v1/communities/etag-1?minPosition=${term.body.globalPosition}`).expect(200);
    expect(read.headers['etag']).toBe(`"${term.body.revision}"`);
    expect(read.body.provenance).toEqual({ stream: written.body.streamId, streamRevision: String(term.body.revision), globalPosition: String(term.body.globalPosition), eventId: term.body.eventIds[0] });
    await request(server())
      .post('/api/v1/communities/etag-1/census-snapshots')
      .set('Authorization', `Bearer ${committee}`)
      .set('If-Match', read.headers['etag']!)
      .send({ snapshotId: 'census-1', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: '2026-01-06T10:00:00+08:00' })
      .expect(201);
  });

  it('answers a GET whose If-None-Match names the current ETag with 304 and no body; another revision or no-cache gets the body', async () => {
    const written = await register('etag-2').expect(201);
    const read = await request(server()).get(`/api/v1/communities/etag-2?minPosition=${written.body.globalPosition}`).expect(200);
    const etag = read.headers['etag']!;
    expect(etag).toBe('"0"');
    const unchanged = await request(server()).get('/api/v1/communities/etag-2').set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers['content-type']).toBeUndefined();
    expect(unchanged.headers['etag']).toBe(etag);
    await request(server()).get('/api/v1/communities/etag-2').set('If-None-Match', `"7", W/${etag}`).expect(304);
    const other = await request(server()).get('/api/v1/communities/etag-2').set('If-None-Match', '"7"').expect(200);
    expect(other.body.communityId).toBe('etag-2');
    await request(server()).get('/api/v1/communities/etag-2').set('If-None-Match', etag).set('Cache-Control', 'no-cache').expect(200);
  });

  it('lists carry no ETag (no body hashes)', async () => {
    const list = await request(server()).get('/api/v1/communities').expect(200);
    expect(list.headers['etag']).toBeUndefined();
  });
});

describe('GET /api/v1/communities', () => {
  it('lists registered communities, filtered by township, with a cursor', async () => {
    const last = await register('other-t-1', 't-2').expect(201);
    const only = await request(server()).get(`/api/v1/communities?townshipRef=t-2&minPosition=${last.body.globalPosition}`).expect(200);
    expect(only.body.items.map((c: { communityId: string }) => c.communityId)).toEqual(['other-t-1']);
    expect(only.body.items[0].provenance).toMatchObject({ stream: 'community-other-t-1', streamRevision: '0' });
    const first = await request(server()).get('/api/v1/communities?townshipRef=t-1&limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const next = await request(server()).get(`/api/v1/communities?townshipRef=t-1&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body.items[0].communityId > first.body.items[1].communityId).toBe(true);
  });
});

describe('CORS (CORS_ORIGINS)', () => {
  it('allows a configured origin and no other', async () => {
    const allowed = await request(server()).options('/api/v1/communities').set('Origin', 'https://portal.example.cn').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.cn');
    const other = await request(server()).get('/api/v1/communities').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('past READ_WAIT_MS a read answers 503 READ_MODEL.LAGGING, never stale data', () => {
  it('with the read models stopped, a read with a newer position waits the bound, then 503 with Retry-After', async () => {
    const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'silent', READ_WAIT_MS: '200' });
    const stalled = await createApp({ config, storage: await createStorage({ dataDir: 'memory://' }), projections: { runInBackground: false } });
    await stalled.init();
    try {
      const token = await stalled.get(TokenService).sign('officer-1', ['township_government@township:t-1']);
      const written = await request(stalled.getHttpServer())
        .post('/api/v1/communities')
        .set('Authorization', `Bearer ${token}`)
        .send({ communityId: 'late-1', kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: '2026-01-05T09:00:00+08:00' })
        .expect(201);
      const response = await request(stalled.getHttpServer()).get(`/api/v1/communities/late-1?minPosition=${written.body.globalPosition}`).expect(503);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.body).toMatchObject({ status: 503, code: 'READ_MODEL.LAGGING' });
    } finally {
      await stalled.close();
    }
  }, 60_000);
});
