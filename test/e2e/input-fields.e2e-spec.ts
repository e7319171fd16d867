import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { registerCommunity } from '../support/mothers/community.mother';
import { apiOf, startTestService } from '../support/test-service';
import { communityBodies } from '../support/tokens';

/**
 * Field checks every route shares: an impossible date ("2026-02-30") is a 400 naming the field,
 * never rolled over to March; a person reference shaped like a mobile or resident ID number is a
 * 400 too (personal data must never enter the log through a reference).
 */
const NOW = new Date('2026-07-01T12:00:00+08:00');
const C = 'c-fields';
const at = (date: string): string => `${date}T10:00:00+08:00`;

let app: NestFastifyApplication;
let township: string;
let committee: string;
let party: string;
const { post } = apiOf(() => app);
const expectFieldRefused = async (response: Promise<request.Response>, field: string): Promise<void> => {
  const r = await response;
  expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code: 'VALIDATION.INVALID_INPUT' });
  expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
};

beforeAll(async () => {
  ({ app } = await startTestService({ now: NOW }));
  ({ township, committee, party } = await communityBodies(app.get(TokenService), C));
  await registerCommunity(app, { communityId: C, name: '东河村', occurredAt: at('2026-01-05') });
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('impossible dates are refused with 400 naming the field', () => {
  it('census effectiveFrom 2026-02-30', async () => {
    await expectFieldRefused(post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-1', effectiveFrom: '2026-02-30', adults: 100, households: 40, occurredAt: at('2026-01-06') }), 'effectiveFrom');
  });
  it('committee term endsOn 2027-02-29 (not a leap year)', async () => {
    await expectFieldRefused(post(`/communities/${C}/committee-terms`, committee, { termId: 'term-1', termNumber: 1, startsOn: '2026-01-01', endsOn: '2027-02-29', occurredAt: at('2026-01-06') }), 'endsOn');
  });
  it('meeting scheduledFor 2026-04-31T09:00+08:00 and occurredAt 2026-02-30T10:00+08:00', async () => {
    await expectFieldRefused(post(`/communities/${C}/meetings`, committee, { meetingId: 'm-1', kind: 'villagers_meeting', scheduledFor: '2026-04-31T09:00:00+08:00', occurredAt: at('2026-04-01') }), 'scheduledFor');
    await expectFieldRefused(post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-2', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: '2026-02-30T10:00:00+08:00' }), 'occurredAt');
  });
  it('locality policy effectiveFrom 2026-02-30', async () => {
    await expectFieldRefused(
      post('/locality-policies/t-1/versions', township, {
        occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-30', catalogue: [], noticeLeadDays: 3, implementationStartDeadlineDays: 30,
        publicationDeadlineDays: 10, channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34,
      }),
      'effectiveFrom',
    );
  });
  it('a read filter from=2026-13-01', async () => {
    const r = await request(app.getHttpServer()).get(`/api/v1/communities/${C}/meetings?from=2026-13-01`);
    expect(r.status).toBe(400);
    expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain('from');
  });
});

describe('person references shaped like a phone or resident ID number are refused with 400', () => {
  it('petition signers', async () => {
    await expectFieldRefused(post('/meetings/m-2/petitions', committee, { communityId: C, kind: 'villagers_meeting', petitionId: 'p-1', basis: 'adults', signerRefs: ['person-1', '13900001111'], occurredAt: at('2026-02-20') }), 'signerRefs');
  });
  it('meeting attendees and observers', async () => {
    await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-ok', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-06') }).expect(201);
    await post(`/communities/${C}/meetings`, committee, { meetingId: 'm-2', kind: 'villagers_meeting', scheduledFor: '2026-04-11T09:00:00+08:00', occurredAt: at('2026-04-01') }).expect(201);
    await expectFieldRefused(post('/meetings/m-2/attendance', committee, { present: 1, attendeeRefs: ['220102198001011234'], observerRefs: ['tel-13900001111'] }), 'attendeeRefs');
  });
  it('consultation participants', async () => {
    await post('/locality-policies/t-1/versions', township, {
      occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-01', catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }],
      noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10, channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34,
    }).expect(201);
    await post('/consultations', party, {
      consultationId: 'cons-1', communityId: C,
      channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 3, occurredAt: at('2026-03-11'),
    }).expect(201);
    await expectFieldRefused(post('/consultations', party, {
      consultationId: 'cons-2', communityId: C,
      channel: 'door_to_door', periodFrom: '2026-04-31', periodTo: '2026-05-10', opinionsGathered: 3, occurredAt: at('2026-05-11'),
    }), 'periodFrom');
    await expectFieldRefused(post('/consultations/cons-1/participants', party, { participants: [{ personRef: '22010219800101123X', category: 'resident' }] }), 'participants[0].personRef');
  });
});
