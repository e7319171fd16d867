import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { registerCommunity } from '../support/mothers/community.mother';
import { apiOf, startTestService } from '../support/test-service';
import { communityBodies } from '../support/tokens';

/**
 * The status mapping over HTTP (docs/errors.md): a missing outside fact a rule needs is 422 naming
 * what is missing; a rule that decides who leads a case (CS-7) is 422, not 403; 403 is permission only.
 */
const NOW = new Date('2026-07-01T12:00:00+08:00');
const C = 'c-status';
const at = (date: string): string => `${date}T10:00:00+08:00`;

let app: NestFastifyApplication;
let committee: string;
let party: string;
let resident: string;
const { post } = apiOf(() => app);

beforeAll(async () => {
  ({ app } = await startTestService({ now: NOW }));
  const bodies = await communityBodies(app.get(TokenService), C);
  ({ committee, party, resident } = bodies);
  const township = bodies.township;
  await registerCommunity(app, { communityId: C, name: '东河村', occurredAt: at('2026-01-05') });
  await post('/locality-policies/t-1/versions', township, {
    occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-01', catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }],
    noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10, channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34,
  }).expect(201);
}, 60_000);
afterAll(async () => {
  await app.close();
});

const convene = (meetingId: string, kind: string) =>
  post(`/communities/${C}/meetings`, committee, { meetingId, kind, scheduledFor: '2026-04-11T09:00:00+08:00', occurredAt: at('2026-04-01') });

describe('errors name what is missing, as 422 with the rule', () => {
  it('VM-1: a villagers meeting before any census', async () => {
    const r = await convene('m-1', 'villagers_meeting');
    expect(r.body).toMatchObject({ status: 422, code: 'COMMUNITY.NO_CENSUS_IN_FORCE', rule: 'VM-1' });
  });

  it('VM-9: a representative meeting with a census in force but no constitution recorded', async () => {
    await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-1', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-06') }).expect(201);
    const r = await convene('m-2', 'village_representatives_meeting');
    expect(r.body).toMatchObject({ status: 422, code: 'COMMUNITY.NO_REPRESENTATIVE_CONSTITUTION', rule: 'VM-9' });
    expect(r.body.detail).toContain('constitution');
  });
});

describe('403 is permission only; a rule about who leads this case is 422', () => {
  it('CS-7: a cross-community topic proposed by the community Party organisation is 422; a resident organising is 403 without a rule', async () => {
    await post('/consultations', party, {
      consultationId: 'cons-1', communityId: C,
      channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 3, occurredAt: at('2026-03-11'),
    }).expect(201);
    const topic = { title: 'Bridge between two villages', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: true, technical: false, highImpact: false, commissioned: false, occurredAt: at('2026-03-12') };
    const cs7 = await post('/consultations/cons-1/topic', party, topic);
    expect(cs7.body).toMatchObject({ status: 422, code: 'CONSULTATION.TOWNSHIP_LEAD_REQUIRED', rule: 'CS-7' });
    const byResident = await post('/consultations/cons-1/topic', resident, topic);
    expect(byResident.status).toBe(403);
    expect(byResident.body.rule).toBeUndefined();
  });
});
