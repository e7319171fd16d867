import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { TokenService as TokenServiceClass, type TokenService } from '../../src/infrastructure/auth/token.service';
type TokenServiceType = TokenService;
import { createTestApp } from '../support/test-aggregate/test-app';

let app: NestFastifyApplication;
let storage: Storage;
let committee: string;
let seq = 0;
const newId = (): string => `n-${Date.now().toString(36)}-${++seq}`;
const notice = (noticeId: string, extra: Record<string, unknown> = {}) => ({
  noticeId,
  communityId: 'c-17',
  title: '村务公开：2026年第一季度财务收支',
  body: 'details',
  tags: ['finance'],
  priority: 2,
  ...extra,
});
const post = (body: unknown, token = committee) => request(app.getHttpServer()).post('/api/v1/notices').set('Authorization', `Bearer ${token}`).send(body as object);

beforeAll(async () => {
  let tokens: TokenService;
  ({ app, storage, tokens } = await createTestApp());
  committee = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
});
afterAll(async () => {
  await app.close();
});

describe('commands', () => {
  it('answers 201 with stream id, revision, global position, event ids and ETag', async () => {
    const id = newId();
    const response = await post(notice(id)).expect(201);
    expect(response.headers['etag']).toBe('"0"');
    expect(response.body).toEqual({ streamId: `notice-${id}`, revision: '0', globalPosition: expect.stringMatching(/^\d+$/), eventIds: [expect.any(String)] });
    const [event] = await storage.eventStore.readStream(`notice-${id}`);
    expect(event?.eventId).toBe(response.body.eventIds[0]);
    expect(event?.metadata.actor).toBe('actor-1');
    expect(event?.metadata.actorRoles).toEqual(['villagers_committee@community:c-17']);
  });

  it('records the actor from the token, never from the body (extra body fields are rejected)', async () => {
    const response = await post({ ...notice(newId()), actorId: 'someone-else' }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'actorId', message: 'property actorId should not exist' }]);
  });

  it('takes occurredAt from the body and rejects one in the future', async () => {
    const id = newId();
    await post(notice(id, { occurredAt: '2025-03-01T09:30:00+08:00' })).expect(201);
    const [event] = await storage.eventStore.readStream(`notice-${id}`);
    expect(event?.metadata.occurredAt).toBe('2025-03-01T01:30:00.000Z');
    const future = await post(notice(newId(), { occurredAt: '2999-01-01T00:00:00+08:00' })).expect(400);
    expect(future.body.code).toBe('COMMAND.OCCURRED_AT_IN_FUTURE');
    expect(future.body.errors).toEqual([{ field: 'occurredAt', message: expect.any(String) }]);
  });

  it('uses If-Match as the expected revision: a mismatch is 412, a match appends', async () => {
    const id = newId();
    await post(notice(id)).expect(201);
    const stale = await request(app.getHttpServer())
      .post(`/api/v1/notices/${id}/withdrawals`)
      .set('Authorization', `Bearer ${committee}`)
      .set('If-Match', '"5"')
      .send({ reason: 'posted by mistake' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ status: 412, code: 'STREAM.WRONG_EXPECTED_REVISION', currentRevision: 0 });
    const fresh = await request(app.getHttpServer())
      .post(`/api/v1/notices/${id}/withdrawals`)
      .set('Authorization', `Bearer ${committee}`)
      .set('If-Match', '"0"')
      .send({ reason: 'posted by mistake' })
      .expect(201);
    expect(fresh.headers['etag']).toBe('"1"');
  });

  it('maps domain errors: illegal step 409, broken rule 422 with rule id, unknown id 404', async () => {
    const id = newId();
    await post(notice(id)).expect(201);
    expect((await post(notice(id)).expect(409)).body.code).toBe('NOTICE.ALREADY_POSTED');
    const withdraw = (target: string, reason: string) =>
      request(app.getHttpServer()).post(`/api/v1/notices/${target}/withdrawals`).set('Authorization', `Bearer ${committee}`).send({ reason });
    expect((await withdraw(id, 'no').expect(422)).body).toMatchObject({ code: 'NOTICE.REASON_TOO_SHORT', rule: 'TEST-1' });
    expect((await withdraw('n-unknown', 'long enough').expect(404)).body.code).toBe('NOTICE.NOT_FOUND');
  });
});

describe('idempotency', () => {
  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const id = newId();
    const first = await post(notice(id)).set('Idempotency-Key', `key-${id}`).expect(201);
    const again = await post(notice(id)).set('Idempotency-Key', `key-${id}`).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['etag']).toBe(first.headers['etag']);
    expect(await storage.eventStore.readStream(`notice-${id}`)).toHaveLength(1);
  });

  it('20 identical concurrent requests with one key append one set of events and all get the same answer', async () => {
    const id = newId();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(notice(id)).set('Idempotency-Key', `burst-${id}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(1);
    const events = await storage.eventStore.readStream(`notice-${id}`);
    expect(events).toHaveLength(1);
    expect(responses[0]!.body.eventIds).toEqual([events[0]!.eventId]);
  });

  it('refuses an Idempotency-Key reused with another body or by another actor (422), appending nothing', async () => {
    const id = newId();
    await post(notice(id)).set('Idempotency-Key', `reuse-${id}`).expect(201);
    const otherBody = await post(notice(id, { title: 'another title' })).set('Idempotency-Key', `reuse-${id}`).expect(422);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    const otherActor = await app.get<TokenServiceType>(TokenServiceClass).sign('actor-2', ['villagers_committee@community:c-17']);
    await post(notice(id), otherActor).set('Idempotency-Key', `reuse-${id}`).expect(422);
    expect(await storage.eventStore.readStream(`notice-${id}`)).toHaveLength(1);
  });
});

describe('validation', () => {
  it('lists every invalid field', async () => {
    const response = await post({ noticeId: 'Bad Id!', communityId: 'c-17', title: '', body: 42, tags: 'x', priority: 9, occurredAt: 'yesterday' }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = new Set(response.body.errors.map((e: { field: string }) => e.field));
    expect([...fields].sort()).toEqual(['body', 'noticeId', 'occurredAt', 'priority', 'tags', 'title']);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION.INVALID_INPUT', instance: '/api/v1/notices' });
  });

  it('rejects malformed JSON with 400 and a too large body with 413', async () => {
    const malformed = await post('{"noticeId": ').set('Content-Type', 'application/json').expect(400);
    expect(malformed.body.code).toBe('HTTP.MALFORMED_JSON');
    const huge = await post(notice(newId(), { body: 'x'.repeat(300_000) })).expect(413);
    expect(huge.body.code).toBe('HTTP.PAYLOAD_TOO_LARGE');
  });

  it('rejects a JSON body that is empty or a bare value with 400 HTTP.MALFORMED_JSON, appending nothing', async () => {
    for (const body of ['', '42', '"text"', 'null']) {
      const response = await post(body).set('Content-Type', 'application/json').expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'HTTP.MALFORMED_JSON', instance: '/api/v1/notices' });
    }
  });

  it('refuses a JSON body with a __proto__ or constructor.prototype key (400 HTTP.MALFORMED_JSON, saying so), appending nothing', async () => {
    const id = newId();
    for (const extra of ['"__proto__":{"admin":true}', '"constructor":{"prototype":{"admin":true}}']) {
      const body = JSON.stringify(notice(id)).replace(/^\{/, `{${extra},`);
      const response = await post(body).set('Content-Type', 'application/json').expect(400);
      expect(response.body).toMatchObject({ code: 'HTTP.MALFORMED_JSON', detail: expect.stringContaining('__proto__ or constructor.prototype') });
    }
    expect(await storage.eventStore.readStream(`notice-${id}`)).toHaveLength(0);
  });

  it('answers a body that is not JSON (text/plain, or another type) with 415 HTTP.UNSUPPORTED_MEDIA_TYPE', async () => {
    const id = newId();
    for (const type of ['text/plain', 'application/xml']) {
      const response = await post(JSON.stringify(notice(id))).set('Content-Type', type).expect(415);
      expect(response.body).toMatchObject({ status: 415, code: 'HTTP.UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await storage.eventStore.readStream(`notice-${id}`)).toHaveLength(0);
  });

  it('matches paths in any case and with a trailing slash, as before', async () => {
    const id = newId();
    await request(app.getHttpServer()).post('/API/V1/Notices/').set('Authorization', `Bearer ${committee}`).send(notice(id)).expect(201);
    await request(app.getHttpServer()).get(`/api/v1/notices/${id}/`).expect(200);
  });

  it('answers a URL that cannot be decoded with a 400 problem, not the framework\'s own JSON', async () => {
    for (const path of ['/api/v1/notices/%FF', '/audit/communities/%E0%A4%A']) {
      const response = await request(app.getHttpServer()).get(path).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'HTTP.BAD_REQUEST', instance: path });
    }
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND' });
  });
});
