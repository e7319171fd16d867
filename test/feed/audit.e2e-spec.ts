import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { TransparencyLog } from '../../src/infrastructure/transparency/transparency-log';
import { createTestApp } from '../support/test-aggregate/test-app';

describe('audit API: stream history with hash-link state and log position; by actor, correlation id, time range', () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let tokens: TokenService;
  let auditor: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ app, storage, tokens } = await createTestApp());
    auditor = await tokens.sign('auditor-1', ['auditor']);
    const writer = await tokens.sign('clerk-7', ['villagers_committee@community:c-17']);
    await http().post('/api/v1/notices').set('Authorization', `Bearer ${writer}`).set('X-Correlation-Id', 'corr-audit-1')
      .send({ noticeId: 'n-audit', communityId: 'c-17', title: 't', body: 'b', tags: [], priority: 1 }).expect(201);
    await http().post('/api/v1/notices/n-audit/withdrawals').set('Authorization', `Bearer ${writer}`).send({ reason: 'superseded' }).expect(201);
    await app.get(TransparencyLog).builder.catchUp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows every envelope of a stream, its hash-link state and its leaf; a tampered event shows as not recomputing', async () => {
    const body = (await http().get('/api/v1/audit/streams/notice-n-audit').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(body.intact).toBe(true);
    expect(body.events.map((e: { streamRevision: string; inLog: boolean; metadata: { actor: string } }) => [e.streamRevision, e.inLog, e.metadata.actor])).toEqual([
      ['0', true, 'clerk-7'],
      ['1', true, 'clerk-7'],
    ]);
    await storage.sql.query(`UPDATE cl_events SET data = jsonb_set(data, '{reason}', '"edited"') WHERE stream_id = 'notice-n-audit' AND stream_revision = 1`);
    const tampered = (await http().get('/api/v1/audit/streams/notice-n-audit').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(tampered.intact).toBe(false);
    expect(tampered.events[1].link).toEqual({ hashRecomputes: false, linksToPrevious: true, revisionFollows: true });
  });

  it('finds events by actor, by correlation id and by time range; role-checked; a filter is required', async () => {
    const get = (q: string) => http().get(`/api/v1/audit/events?${q}`).set('Authorization', `Bearer ${auditor}`);
    expect((await get('actor=clerk-7').expect(200)).body.items).toHaveLength(2);
    expect((await get('correlationId=corr-audit-1').expect(200)).body.items.map((e: { type: string }) => e.type)).toEqual(['NoticePosted']);
    expect((await get('from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z&timeAxis=occurredAt').expect(200)).body.items).toEqual([]);
    expect((await get('from=2000-01-01T00:00:00Z').expect(200)).body.items.length).toBeGreaterThanOrEqual(2);
    await get('').expect(400);
    await get('from=yesterday').expect(400);
    await http().get('/api/v1/audit/events?actor=clerk-7').expect(401);
    const resident = await tokens.sign('r-1', ['resident@community:c-17']);
    await http().get('/api/v1/audit/events?actor=clerk-7').set('Authorization', `Bearer ${resident}`).expect(403);
    await http().get('/api/v1/audit/streams/none').set('Authorization', `Bearer ${auditor}`).expect(404);
  });

  it("scopes a committee to its own community's streams, and keeps searches across communities for the global auditors", async () => {
    const own = await tokens.sign('sv-17', ['supervision_committee@community:c-17']);
    const other = await tokens.sign('sv-99', ['supervision_committee@community:c-99']);
    const otherTownship = await tokens.sign('t-9', ['township_government@township:t-9']);
    await http().get('/api/v1/audit/streams/notice-n-audit').set('Authorization', `Bearer ${own}`).expect(200);
    const refused = await http().get('/api/v1/audit/streams/notice-n-audit').set('Authorization', `Bearer ${other}`).expect(403);
    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
    await http().get('/api/v1/audit/streams/notice-n-audit').set('Authorization', `Bearer ${otherTownship}`).expect(403);
    await http().get('/api/v1/audit/streams/notice-n-audit/state').set('Authorization', `Bearer ${other}`).expect(403);
    await http().get('/api/v1/audit/events?actor=clerk-7').set('Authorization', `Bearer ${own}`).expect(403);
  });
});
