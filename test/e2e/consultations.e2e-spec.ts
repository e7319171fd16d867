import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import type { EventToAppend } from '../../src/application/ports/event-store.port';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { listViolations } from '../../src/projections/procedure-compliance/procedure-compliance.checker';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { registerCommunity } from '../support/mothers/community.mother';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

/** The consultation procedure over HTTP on in-memory PGlite, with the engine clock fixed at 2026-07-01. */
const NOW = new Date('2026-07-01T12:00:00+08:00');
const HASH = 'a'.repeat(64);
const ID = 'cons-elm-lane';

let app: NestFastifyApplication;
let storage: Storage;
let party: string;
let township: string;
let resident: string;
let auditor: string;

const at = (date: string, hour = 10): string => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const server = () => app.getHttpServer();
const post = (path: string, body: object, token = party) => request(server()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const get = (path: string, token: string | null = auditor) => {
  const r = request(server()).get(`/api/v1${path}`);
  return token === null ? r : r.set('Authorization', `Bearer ${token}`);
};
const step = (path: string, date: string, body: object = {}, token = party) => post(`/consultations/${ID}${path}`, { ...body, occurredAt: at(date) }, token);
const catchUp = () => app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();

/**
 * The villagers' meeting the contested matter is referred to, over the meetings HTTP API (the
 * village was registered before the consultation opened): the committee records its census, convenes with 10 days'
 * notice (VM-3), puts the matter on the agenda, records attendance and the vote. 60 of 100
 * adults present is a quorum (VM-5: 2*60 > 100); 40 of 60 for adopts it (2*40 > 60).
 */
const decideMeetingOverHttp = async (): Promise<void> => {
  const committee = await app.get(TokenService).sign('committee-actor', ['villagers_committee@community:comm-1']);
  await post('/communities/comm-1/census-snapshots', { snapshotId: 'census-1', effectiveFrom: '2026-01-01', adults: 100, households: 30, occurredAt: at('2026-01-06') }, committee).expect(201);
  await post('/communities/comm-1/meetings', { meetingId: 'm-1', kind: 'villagers_meeting', scheduledFor: at('2026-04-11', 9), occurredAt: at('2026-04-01', 9) }, committee).expect(201);
  await post('/meetings/m-1/agenda-items', { itemId: 'i-1', title: 'Street lights on Elm Lane', matterType: 'other', occurredAt: at('2026-04-02', 9) }, committee).expect(201);
  await post('/meetings/m-1/attendance', { present: 60, householdsRepresented: 0, observers: 2, occurredAt: at('2026-04-11', 10) }, committee).expect(201);
  await post('/meetings/m-1/votes', { itemId: 'i-1', yes: 40, no: 10, abstain: 10, occurredAt: at('2026-04-11', 11) }, committee).expect(201);
  await post('/meetings/m-1/closure', { occurredAt: at('2026-04-11', 12) }, committee).expect(201);
};

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({
    config, storage, clock: { now: () => NOW },
    projections: { runInBackground: false },
  });
  await app.init();
  const tokens = app.get(TokenService);
  party = await tokens.sign('party-actor', ['community_party_organisation@community:comm-1']);
  township = await tokens.sign('township-actor', ['township_government@township:t-1']);
  resident = await tokens.sign('resident-actor', ['resident@community:comm-1']);
  auditor = await tokens.sign('auditor-actor', ['auditor']);
  // The village the consultation is for; its township has no consultation policy, so its district's (loc-1) applies.
  await registerCommunity(app, { communityId: 'comm-1', kind: 'village', name: '榆树村', townshipRef: 't-1', districtRef: 'loc-1', occurredAt: at('2026-01-05') });
  await post('/locality-policies/loc-1/versions', {
    occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-01',
    catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }],
    noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10,
    channels: ['notice_board', 'online_forum'], extraConsultationForms: [], seriousContestPercent: 34,
  }, township).expect(201);
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('a consultation from solicitation to closure, referred to a villagers\' meeting (CS-3..CS-5, CS-9, PD-3)', () => {
  it('runs every step over HTTP, refusing out-of-order and law-fixed skips with their rule IDs', async () => {
    const opened = await post('/consultations', {
      consultationId: ID, communityId: 'comm-1',
      channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 42, occurredAt: at('2026-03-11'),
    }).expect(201);
    expect(opened.body).toMatchObject({ streamId: `consultation-${ID}`, revision: '0' });

    // CS-5: a session before participants and notice is out of order (409, problem+json with the rule).
    const early = await step('/sessions', '2026-03-11', { form: 'council', attendance: [], views: [], minutesHash: HASH }).expect(409);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({ code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' });

    await step('/topic', '2026-03-12', {
      title: 'Street lights on Elm Lane', contentClass: 'public_affairs', catalogueEntry: 'greening',
      crossCommunity: false, technical: false, highImpact: false, commissioned: false,
    }).expect(201);
    // A policy-fixed step may be skipped with a reason; a law-fixed one never (CS-4).
    await step('/deviations', '2026-03-13', { step: 'NoticeLeadTime', reason: 'storm damage: lights needed before the holiday' }).expect(201);
    const lawFixed = await step('/deviations', '2026-03-13', { step: 'ResultPublished', reason: 'no time' }).expect(422);
    expect(lawFixed.body).toMatchObject({ code: 'CONSULTATION.DEVIATION_NOT_ALLOWED', rule: 'CS-4' });

    await step('/participants', '2026-03-13', { participants: [
      { personRef: 'p-1', category: 'registered_resident' }, { personRef: 'p-2', category: 'registered_resident' }, { personRef: 'p-3', category: 'property_service_company' },
    ] }).expect(201);
    await step('/notices', '2026-03-14', { notified: ['p-1', 'p-2', 'p-3'], channels: ['notice_board'], sessionPlannedAt: at('2026-03-15') }).expect(201);
    await step('/sessions', '2026-03-15', {
      form: 'council', attendance: ['p-1', 'p-2', 'p-3'], minutesHash: HASH,
      views: [{ personRef: 'p-1', position: 'for', text: 'good' }, { personRef: 'p-2', position: 'against', text: 'too bright' }, { personRef: 'p-3', position: 'against' }],
    }).expect(201);
    const contested = await step('/opinion', '2026-03-16', { summary: 'Install 12 lights', contentHash: HASH, resolved: true }).expect(422);
    expect(contested.body).toMatchObject({ code: 'CONSULTATION.REFERRAL_REQUIRED', rule: 'CS-9' });
    await step('/referrals', '2026-03-16', { meetingKind: 'villagers_meeting', reason: 'seriously contested' }).expect(201);

    // The decision must exist in the meeting's stream: unknown item 404, then the real one.
    await decideMeetingOverHttp();
    await step('/meeting-decisions', '2026-04-12', { meetingId: 'm-1', itemId: 'i-9' }).expect(404);
    const decided = await step('/meeting-decisions', '2026-04-12', { meetingId: 'm-1', itemId: 'i-1', adopted: false }).expect(400);
    expect(decided.body.errors).toEqual([{ field: 'adopted', message: 'property adopted should not exist' }]);
    await step('/meeting-decisions', '2026-04-12', { meetingId: 'm-1', itemId: 'i-1' }).expect(201);

    await step('/dissenter-briefings', '2026-04-12', { dissenters: ['p-2', 'p-3'], channel: 'home_visit' }).expect(201);
    const short = await step('/implementation-plan', '2026-04-13', { planHash: HASH, channels: ['notice_board'], postedFrom: '2026-04-13', postedUntil: '2026-04-20' }).expect(422);
    expect(short.body).toMatchObject({ code: 'CONSULTATION.POSTING_TOO_SHORT', rule: 'PD-3' });
    const posting = { channels: ['notice_board'], postedFrom: '2026-04-13', postedUntil: '2026-04-28' };
    await step('/implementation-plan', '2026-04-13', { planHash: HASH, ...posting }).expect(201);
    await step('/publications', '2026-04-13', { publicationId: 'pub-1', covers: 'result', contentHash: HASH, ...posting }).expect(201);
    await step('/implementation', '2026-04-14').expect(201);
    await step('/progress-reports', '2026-04-20', { milestone: 'poles installed', percent: 50, channels: ['notice_board'], postedFrom: '2026-04-20', postedUntil: '2026-05-05' }).expect(201);
    await step('/completion', '2026-05-01', {
      resultsHash: HASH, satisfaction: { satisfied: 30, neutral: 5, dissatisfied: 2 }, channels: ['notice_board'], postedFrom: '2026-05-01', postedUntil: '2026-05-16',
    }).expect(201);
    await step('/publications', '2026-05-02', { publicationId: 'pub-2', covers: 'implementation', contentHash: HASH, channels: ['online_forum'], postedFrom: '2026-05-02', postedUntil: '2026-05-17' }).expect(201);
    await step('/feedback', '2026-05-03', { informed: ['p-1', 'p-2', 'p-3'], channel: 'sms' }).expect(201);
    const closed = await step('/closure', '2026-05-04').expect(201);
    expect(closed.headers['etag']).toBe(`"${closed.body.revision}"`);

    // After closure, further steps are refused; a correction needs the township government (CS-10).
    await step('/feedback', '2026-05-05', { informed: ['p-1'], channel: 'sms' }).expect(409);
    await step('/corrections', '2026-05-05', { correctionHash: HASH, legalBasis: 'art. 27' }).expect(403);
  });

  it('checks roles in the consultation\'s scope and answers 404 for unknown ids', async () => {
    const denied = await step('/closure', '2026-05-05', {}, resident).expect(403);
    expect(denied.body.code).toBe('AUTH.ROLE_REQUIRED');
    const other = await app.get(TokenService).sign('x', ['community_party_organisation@community:comm-2']);
    await step('/closure', '2026-05-05', {}, other).expect(403);
    await post('/consultations/no-such-consultation/topic', { title: 't', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false }).expect(404);
    await get('/consultations/no-such-consultation/public', null).expect(404);
  });

  it('projects the list, the timeline with provenance and the deviation, a public view without personal data, and a clean compliance record', async () => {
    await catchUp();
    const list = await get('/consultations?communityId=comm-1&status=closed&contentClass=public_affairs').expect(200);
    expect(list.body.items.map((r: { consultationId: string }) => r.consultationId)).toEqual([ID]);
    expect(list.body.items[0]).toMatchObject({ outcome: 'meeting_adopted', deviations: 1, overdueSteps: [], provenance: expect.objectContaining({ stream: `consultation-${ID}`, streamRevision: expect.stringMatching(/^\d+$/) }) });
    expect((await get('/consultations?status=preparing').expect(200)).body.items).toEqual([]);

    const timeline = await get(`/consultations/${ID}/timeline`).expect(200);
    const stream = await storage.eventStore.readStream(`consultation-${ID}`);
    const state = await get(`/consultations/${ID}`).expect(200);
    expect(state.body).toMatchObject({ consultationId: ID, status: 'closed', overdueSteps: [] });
    expect(state.headers['etag']).toBe(`"${stream.length - 1}"`);
    expect(timeline.headers['etag']).toBe(`"${stream.length - 1}"`);
    expect(timeline.body.entries.map((e: { provenance: { eventId: string } }) => e.provenance.eventId)).toEqual(stream.map((e) => e.eventId));
    const deviation = timeline.body.entries.find((e: { step: string }) => e.step === 'ProcedureDeviationRecorded');
    expect(deviation).toMatchObject({ deviation: { step: 'NoticeLeadTime', rule: 'CS-5' }, actor: 'party-actor', actorRoles: ['community_party_organisation'] });
    expect(timeline.body.entries.find((e: { step: string }) => e.step === 'MeetingDecisionRecorded')).toMatchObject({ meetingDecision: { meetingId: 'm-1', decisionId: 'i-1', adopted: true } });

    const publicView = await get(`/consultations/${ID}/public`, null).expect(200);
    expect(publicView.body).toMatchObject({ status: 'closed', participantsByCategory: { registered_resident: 2, property_service_company: 1 }, session: { for: 1, against: 2 } });
    expect(publicView.body.deviations).toEqual([expect.objectContaining({ step: 'NoticeLeadTime', rule: 'CS-5' })]);
    const text = JSON.stringify(publicView.body);
    for (const personal of ['p-1', 'p-2', 'p-3', 'party-actor', 'committee-actor', 'too bright', 'personRef']) expect(text).not.toContain(personal);

    const compliance = await get(`/consultations/${ID}/compliance`).expect(200);
    expect(compliance.body).toMatchObject({ consultationId: ID, checkedAsOf: '2026-07-01', violations: [] });
  });
});

describe('an out-of-order history written straight to the store (as a faulty import would)', () => {
  const FAULTY = 'faulty-import-1';
  const event = (type: string, data: Record<string, unknown>, date: string): EventToAppend => ({
    eventId: randomUUID(), type, schemaVersion: 1, data: { consultationId: FAULTY, ...data, occurredAt: new Date(at(date)).toISOString() },
    metadata: { actor: 'importer', actorRoles: ['community_committee@community:comm-1'], commandId: randomUUID(), correlationId: 'import', causationId: 'import', occurredAt: at(date), recordedAt: at('2026-06-30') },
  });

  it('lists every violation the independent checker finds, with rule IDs and event ids (CS-3, CS-4, CS-5)', async () => {
    const history = [
      event('OpinionsSolicited', { communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'village', channel: 'x', periodFrom: '2026-03-01', periodTo: '2026-03-02', opinionsGathered: 1 }, '2026-03-03'),
      event('ConsultationHeld', { form: 'council', attendance: ['p-1'], views: [{ personRef: 'p-1', position: 'for', text: null }], minutesHash: HASH }, '2026-03-04'),
      event('TopicProposed', { title: 'late topic', contentClass: 'public_affairs', catalogueEntry: 'greening', proposerRole: 'community_committee', policyVersion: 1, crossCommunity: false, technical: false, highImpact: false, commissioned: false, commissioner: null }, '2026-03-02'),
      event('OpinionFormed', { summary: 's', contentHash: HASH, tally: { for: 1, against: 0, abstain: 0 }, dissenters: [], implementationStartDue: '2026-04-05', publicationDue: '2026-03-16' }, '2026-03-06'),
      event('ConsultationClosed', {}, '2026-03-07'),
    ];
    await storage.eventStore.appendToStream(`consultation-${FAULTY}`, history, { expectedRevision: 'no_stream' });
    await catchUp();

    const stored = await storage.eventStore.readStream(`consultation-${FAULTY}`);
    const expected = listViolations(stored);
    const [solicited, held, topic, opinion, closed] = history.map((e) => e.eventId);
    expect(expected).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'CS-5', code: 'CONSULTATION.STEP_OUT_OF_ORDER', eventIds: [held] }),
      expect.objectContaining({ rule: 'CS-5', code: 'CONSULTATION.STEP_OUT_OF_ORDER', eventIds: [topic, solicited] }),
      expect.objectContaining({ rule: 'CS-4', code: 'CONSULTATION.RESULT_NOT_PUBLISHED', eventIds: [opinion, closed] }),
      expect.objectContaining({ rule: 'CS-3', code: 'CONSULTATION.NOT_IMPLEMENTED' }),
      expect.objectContaining({ rule: 'CS-5', code: 'CONSULTATION.NO_FEEDBACK' }),
    ]));

    const one = await get(`/consultations/${FAULTY}/compliance`).expect(200);
    expect(one.body.violations).toEqual(expected.map((v) => ({ ...v, eventIds: [...v.eventIds] })));
    const ids = new Set(stored.map((e) => e.eventId));
    for (const v of one.body.violations) for (const id of v.eventIds) expect(ids.has(id)).toBe(true);

    const cs4 = await get('/compliance/violations?ruleId=CS-4&limit=1').expect(200);
    expect(cs4.body).toEqual({ items: [{ consultationId: FAULTY, stream: `consultation-${FAULTY}`, checkedAsOf: one.body.checkedAsOf, violations: expected.filter((v) => v.rule === 'CS-4').map((v) => ({ ...v, eventIds: [...v.eventIds] })) }], nextCursor: null });
    const all = await get('/compliance/violations').expect(200);
    expect(all.body.items.map((i: { consultationId: string }) => i.consultationId)).toEqual([FAULTY]);
    await get('/compliance/violations?ruleId=CS-4', resident).expect(403);

    // The list pages with a cursor; both consultations are there now.
    const first = await get('/consultations?limit=1').expect(200);
    expect(first.body.items.map((r: { consultationId: string }) => r.consultationId)).toEqual([ID]);
    const second = await get(`/consultations?limit=1&cursor=${first.body.nextCursor as string}`).expect(200);
    expect(second.body).toMatchObject({ items: [expect.objectContaining({ consultationId: FAULTY })], nextCursor: null });
    await get('/consultations?cursor=not-a-cursor!').expect(400);
  });

  it("CS-15: the violations list re-checks with the locality's policy, like the single view (a form neither national nor local)", async () => {
    const OTHER = 'faulty-import-2';
    const history = [
      event('OpinionsSolicited', { communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'village', channel: 'x', periodFrom: '2026-03-01', periodTo: '2026-03-02', opinionsGathered: 1 }, '2026-03-03'),
      event('ConsultationHeld', { form: 'tea_house_gathering', attendance: ['p-1'], views: [{ personRef: 'p-1', position: 'for', text: null }], minutesHash: HASH }, '2026-03-04'),
    ].map((e) => ({ ...e, data: { ...e.data, consultationId: OTHER } }));
    await storage.eventStore.appendToStream(`consultation-${OTHER}`, history, { expectedRevision: 'no_stream' });
    await catchUp();
    const held = history[1]!.eventId;
    // Without the policy the checker cannot tell a local form from an unknown one.
    expect(listViolations(await storage.eventStore.readStream(`consultation-${OTHER}`)).filter((v) => v.rule === 'CS-15')).toEqual([]);
    const one = await get(`/consultations/${OTHER}/compliance`).expect(200);
    const cs15 = one.body.violations.filter((v: { rule: string }) => v.rule === 'CS-15');
    expect(cs15).toEqual([expect.objectContaining({ code: 'CONSULTATION.FORM_NOT_RECOGNISED', eventIds: [held] })]);
    const listed = await get('/compliance/violations?ruleId=CS-15').expect(200);
    expect(listed.body).toEqual({ items: [{ consultationId: OTHER, stream: `consultation-${OTHER}`, checkedAsOf: one.body.checkedAsOf, violations: cs15 }], nextCursor: null });
    // Paging walks every consultation with violations, one per page.
    const pageOne = await get('/compliance/violations?limit=1').expect(200);
    const pageTwo = await get(`/compliance/violations?limit=1&cursor=${pageOne.body.nextCursor as string}`).expect(200);
    expect([...pageOne.body.items, ...pageTwo.body.items].map((i: { consultationId: string }) => i.consultationId)).toEqual(['faulty-import-1', OTHER]);
    expect(pageTwo.body.nextCursor).toBeNull();
  });
});

describe('OpenAPI', () => {
  it('documents every consultation step with 201 and its problem responses', async () => {
    const doc = (await request(server()).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const steps = ['topic', 'participants', 'experts', 'notices', 'sessions', 'opinion', 'dissenter-briefings', 'referrals', 'meeting-decisions', 'withdrawal', 'corrections',
      'deviations', 'implementation-plan', 'implementation', 'progress-reports', 'completion', 'commissioner-reports', 'commissioner-feedback', 'publications', 'feedback', 'closure'];
    for (const path of ['/api/v1/consultations', '/api/v1/locality-policies/{localityId}/versions', ...steps.map((s) => `/api/v1/consultations/{id}/${s}`)]) {
      expect(Object.keys(doc.paths[path]?.['post']?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '403', '404', '409', '422']));
    }
    for (const path of ['/api/v1/consultations/{id}/timeline', '/api/v1/consultations/{id}/public', '/api/v1/consultations/{id}/compliance', '/api/v1/compliance/violations']) {
      expect(doc.paths[path]?.['get']).toBeDefined();
    }
  });
});
