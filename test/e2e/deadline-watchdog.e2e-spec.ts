import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { DeadlineWatchdog } from '../../src/application/watchdog/deadline-watchdog';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { CONSULTATION_PROJECTIONS } from '../../src/projections/consultations/consultation.projections';
import { procedureComplianceProjection } from '../../src/projections/procedure-compliance/procedure-compliance.projection';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { registerCommunity } from '../support/mothers/community.mother';
import { bareEventIds } from '../support/provenance-shape';

/** The deadline watchdog over a settled consultation (CS-12 result publication due 2026-03-26), engine clock at 2026-07-01. */
const NOW = new Date('2026-07-01T12:00:00+08:00');
const HASH = 'a'.repeat(64);
const ID = 'cons-watchdog';

let app: NestFastifyApplication;
let storage: Storage;
let party: string;
let auditor: string;

const at = (date: string, hour = 10): string => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const post = (path: string, body: object, token = party) => request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const get = (path: string) => request(app.getHttpServer()).get(`/api/v1${path}`).set('Authorization', `Bearer ${auditor}`);
const step = (path: string, date: string, body: object = {}) => post(`/consultations/${ID}${path}`, { ...body, occurredAt: at(date) }).expect(201);
const catchUp = () => app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', WATCHDOG_INTERVAL_SECONDS: '0' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { projections: [...CONSULTATION_PROJECTIONS, procedureComplianceProjection], runInBackground: false } });
  await app.init();
  const tokens = app.get(TokenService);
  party = await tokens.sign('party-actor', ['community_party_organisation@community:comm-1']);
  auditor = await tokens.sign('auditor-actor', ['auditor']);
  await registerCommunity(app, { communityId: 'comm-1', kind: 'urban_community', townshipRef: 't-1' });
  await post('/locality-policies/t-1/versions', {
    occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-01',
    catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }],
    noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10,
    channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34,
  }, await tokens.sign('township-actor', ['township_government@township:t-1'])).expect(201);
  await post('/consultations', {
    consultationId: ID, communityId: 'comm-1',
    channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 12, occurredAt: at('2026-03-11'),
  }).expect(201);
  await step('/topic', '2026-03-11', { title: 'Bike shed', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false });
  await step('/participants', '2026-03-11', { participants: [{ personRef: 'p-1', category: 'registered_resident' }] });
  await step('/notices', '2026-03-12', { notified: ['p-1'], channels: ['notice_board'], sessionPlannedAt: at('2026-03-15') });
  await step('/sessions', '2026-03-15', { form: 'council', attendance: ['p-1'], minutesHash: HASH, views: [{ personRef: 'p-1', position: 'for' }] });
  await step('/opinion', '2026-03-16', { summary: 'Build a bike shed', contentHash: HASH, resolved: true });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('the deadline watchdog (CS-12: result publication due 2026-03-26, nothing published)', () => {
  it('records the missed deadline once, and the timeline, list, public view and compliance show it', async () => {
    await catchUp();
    const watchdog = app.get(DeadlineWatchdog);
    const head = await storage.eventStore.headPosition();
    // On 2026-03-28 only the publication deadline has passed (implementation start is due 2026-04-15).
    const first = await watchdog.run(new Date(at('2026-03-28', 9)));
    expect(first.outcomes.map((o) => [o.name, o.rule, o.data['step'], o.dueBy, o.result, o.commandId])).toEqual([
      ['consultation-deadlines', 'CS-12', 'result_publication', '2026-03-26', 'recorded', `watchdog:consultation-${ID}:result_publication:2026-03-26`],
    ]);
    const appended = await storage.eventStore.readAll({ after: head });
    expect(appended.map((e) => [e.type, e.metadata.actor, e.metadata.actorRoles])).toEqual([['ConsultationDeadlineMissed', 'system:watchdog', ['watchdog']]]);
    expect(appended[0]?.data).toMatchObject({ step: 'result_publication', rule: 'CS-12', dueOn: '2026-03-26', detectedOn: '2026-03-28' });
    const eventId = appended[0]!.eventId;

    // A rerun, before and after the read model caught up, appends nothing.
    const second = await watchdog.run(new Date(at('2026-03-28', 9)));
    expect(second.outcomes.map((o) => o.result)).toEqual(['already_recorded']);
    await catchUp();
    const third = await watchdog.run(new Date(at('2026-03-28', 11)));
    expect(third.outcomes).toEqual([]);
    expect(await storage.eventStore.headPosition()).toBe(appended[0]!.globalPosition);

    const timeline = await get(`/consultations/${ID}/timeline`).expect(200);
    expect(timeline.body.entries.at(-1)).toMatchObject({ step: 'ConsultationDeadlineMissed', actor: 'system:watchdog', details: { step: 'result_publication', rule: 'CS-12', dueOn: '2026-03-26' } });
    const publicView = await request(app.getHttpServer()).get(`/api/v1/consultations/${ID}/public`).expect(200);
    expect(JSON.stringify(publicView.body)).toContain('ConsultationDeadlineMissed');
    const list = await get('/consultations?overdue=ResultPublished').expect(200);
    expect(list.body.items.map((i: { consultationId: string }) => i.consultationId)).toEqual([ID]);
    expect(list.body.items[0].overdueSteps).toContainEqual({ step: 'ResultPublished', due: '2026-03-26', recordedBy: expect.objectContaining({ stream: `consultation-${ID}`, eventId }) });
    expect(bareEventIds(list.body)).toEqual([]);

    const compliance = await get(`/consultations/${ID}/compliance`).expect(200);
    const overdue = compliance.body.violations.find((v: { code: string }) => v.code === 'CONSULTATION.PUBLICATION_OVERDUE');
    expect(overdue).toMatchObject({ rule: 'CS-12' });
    expect(overdue.eventIds).toContain(eventId);
  });
});
