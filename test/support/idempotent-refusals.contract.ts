import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '../../src/application/ports/event-store.port';

/**
 * Idempotency-Key bound to its first request, refusals included (IETF httpapi Idempotency-Key draft;
 * docs/api.md "Writes"), over the notice-board test aggregate. Run against every storage mode
 * (PGlite, PostgreSQL, EventStoreDB + PostgreSQL) so the three paths answer alike.
 */
export const itBindsRefusedKeys = (context: () => { app: INestApplication; eventStore: EventStore; token: string }): void => {
  const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const server = () => context().app.getHttpServer();
  const auth = () => `Bearer ${context().token}`;
  const postNotice = (noticeId: string) =>
    request(server()).post('/api/v1/notices').set('Authorization', auth()).send({ noticeId, communityId: 'c-17', title: 't', body: 'b', tags: [], priority: 1 });
  const withdraw = (noticeId: string, reason: string, key?: string) => {
    const r = request(server()).post(`/api/v1/notices/${noticeId}/withdrawals`).set('Authorization', auth());
    return (key === undefined ? r : r.set('Idempotency-Key', key)).send({ reason });
  };

  it('a refused first use binds the key: same request, same problem (nothing decided again); another request, 422 IDEMPOTENCY.KEY_REUSED', async () => {
    const noticeId = unique('n-refused');
    const key = unique('k-refused');
    await postNotice(noticeId).expect(201);
    const first = await withdraw(noticeId, 'abc', key).expect(422);
    expect(first.body).toMatchObject({ code: 'NOTICE.REASON_TOO_SHORT', rule: 'TEST-1' });
    const again = await withdraw(noticeId, 'abc', key).expect(422);
    expect(again.body).toMatchObject({ code: first.body.code, rule: first.body.rule, detail: first.body.detail });
    const other = await withdraw(noticeId, 'superseded by a newer notice', key).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await context().eventStore.readStream(`notice-${noticeId}`)).toHaveLength(1);
    await withdraw(noticeId, 'superseded by a newer notice', unique('k-fresh')).expect(201);
  });

  it('the refusal is replayed even after the state changed (a key answers its first request, not the present)', async () => {
    const noticeId = unique('n-later');
    const key = unique('k-later');
    await postNotice(noticeId).expect(201);
    expect((await withdraw(noticeId, 'abc', key).expect(422)).body).toMatchObject({ code: 'NOTICE.REASON_TOO_SHORT' });
    await withdraw(noticeId, 'superseded', unique('k-other')).expect(201);
    // Decided again, it would now be 409 NOTICE.ALREADY_WITHDRAWN.
    expect((await withdraw(noticeId, 'abc', key).expect(422)).body).toMatchObject({ code: 'NOTICE.REASON_TOO_SHORT' });
    expect(await context().eventStore.readStream(`notice-${noticeId}`)).toHaveLength(2);
  });

  it('400 and 412 do not bind the key: the corrected request with the same key is accepted once', async () => {
    const noticeId = unique('n-fixed');
    await postNotice(noticeId).expect(201);
    const key = unique('k-fixed');
    await request(server()).post(`/api/v1/notices/${noticeId}/withdrawals`).set('Authorization', auth()).set('Idempotency-Key', key).send({ reason: 7 }).expect(400);
    await request(server()).post(`/api/v1/notices/${noticeId}/withdrawals`).set('Authorization', auth()).set('Idempotency-Key', key).set('If-Match', '"5"').send({ reason: 'superseded' }).expect(412);
    const accepted = await withdraw(noticeId, 'superseded', key).expect(201);
    expect((await withdraw(noticeId, 'superseded', key).expect(201)).body).toEqual(accepted.body);
    expect(await context().eventStore.readStream(`notice-${noticeId}`)).toHaveLength(2);
  });

  it('a key first accepted stays bound to that request when another body is refused', async () => {
    const noticeId = unique('n-accepted');
    const key = unique('k-accepted');
    await postNotice(noticeId).expect(201);
    const accepted = await withdraw(noticeId, 'superseded', key).expect(201);
    expect((await withdraw(noticeId, 'abc', key).expect(422)).body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect((await withdraw(noticeId, 'superseded', key).expect(201)).body).toEqual(accepted.body);
  });
};
