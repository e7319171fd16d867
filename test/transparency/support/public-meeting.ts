import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TokenService } from '../../../src/infrastructure/auth/token.service';

export const C = 'c-public-bundle';
export const M = 'm-public-bundle';
const at = (local: string) => `${local}:00+08:00`;
/** Withheld values planted in the record: a phone number (in the actor id, a free-text reason and the Idempotency-Key), a name, a person reference. */
export const PHONE = '13800138000';
export const NAME_IN_TEXT = '张三';
export const CORRELATION_NAME = 'zhang-san-correlation';
export const PERSON = 'p-planted-4711';

/** GET of a bundle as the exact bytes served. */
export const fetchBundle = (app: NestFastifyApplication, path: string, token?: string): Promise<request.Response> => {
  const call = request(app.getHttpServer()).get(`/api/v1${path}`);
  if (token !== undefined) call.set('Authorization', `Bearer ${token}`);
  return call.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
};

/**
 * Records meeting M of community C over HTTP with the planted values in it (four meeting events),
 * signs a checkpoint and fetches the meeting's public bundle: its bytes and the log's verifier key.
 */
export const recordPublicMeeting = async (app: NestFastifyApplication, tokens: TokenService): Promise<{ logKey: string; bytes: Buffer }> => {
  const http = () => request(app.getHttpServer());
  const township = await tokens.sign('officer-9', ['township_government@township:t-1']);
  // The clerk's actor id is a phone number: metadata.actor must not leak it.
  const clerk = await tokens.sign(`clerk-${PHONE}`, [`villagers_committee@community:${C}`]);
  const admin = await tokens.sign('log-admin-1', ['log_administrator']);
  const post = async (path: string, token: string, body: object, headers: Record<string, string> = {}) => {
    const res = await http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).set(headers).send(body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await post('/communities', township, { communityId: C, kind: 'village', name: '南河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-01-05T09:00') });
  await post(`/communities/${C}/committee-terms`, clerk, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-06T09:00') });
  await post(`/communities/${C}/census-snapshots`, clerk, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 2, households: 1, occurredAt: at('2026-01-06T10:00') });
  await post(
    `/communities/${C}/meetings`,
    clerk,
    { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-02-03T09:00'), urgencyReason: `村民${NAME_IN_TEXT}（${PHONE}）报告水渠决口`, occurredAt: at('2026-02-01T09:00') },
    { 'Idempotency-Key': `convene-${PHONE}`, 'X-Correlation-Id': CORRELATION_NAME },
  );
  await post(`/meetings/${M}/agenda-items`, clerk, { itemId: 'canal', title: '抢修水渠', matterType: 'other', occurredAt: at('2026-02-01T10:00') });
  await post(`/meetings/${M}/attendance`, clerk, { present: 2, householdsRepresented: 0, attendeeRefs: [PERSON, 'p-other-1'], occurredAt: at('2026-02-03T09:30') });
  await post(`/meetings/${M}/votes`, clerk, { itemId: 'canal', yes: 2, no: 0, abstain: 0, occurredAt: at('2026-02-03T10:00') });
  await post('/log/checkpoints', admin, {});
  const logKey = (await http().get('/api/v1/log/key').expect(200)).body.verifierKey as string;
  const response = await fetchBundle(app, `/log/bundles/meeting/${M}/public`);
  if (response.status !== 200) throw new Error(`public bundle: ${response.status}`);
  return { logKey, bytes: response.body as Buffer };
};
