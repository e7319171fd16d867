import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { apiOf, startTestService } from '../support/test-service';
import { communityBodies } from '../support/tokens';

/** The engine's clock: every step below is stated in the past with occurredAt (Asia/Shanghai). */
const NOW = new Date('2026-03-20T02:00:00Z');
const at = (local: string): string => `${local}+08:00`;

let app: NestFastifyApplication;
let tokens: TokenService;
let committee: string;
let township: string;
const server = () => app.getHttpServer();
const C = 'c-east-river';
const M = 'm-2026-03';

const { post, catchUp } = apiOf(() => app);

beforeAll(async () => {
  ({ app, tokens } = await startTestService({ now: NOW }));
  ({ committee, township } = await communityBodies(tokens, C));
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('a villagers meeting over HTTP, from petition to a township correction', () => {
  it('registers a village and its census (township registers, committee records)', async () => {
    await post('/communities', committee, { communityId: C, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-01-05T09:00') }).expect(403);
    const registered = await post('/communities', township, { communityId: C, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-01-05T09:00') }).expect(201);
    expect(registered.body).toMatchObject({ streamId: `community-${C}`, revision: '0' });
    await post(`/communities/${C}/committee-terms`, committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-06T09:00') }).expect(201);
    await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-06T10:00') }).expect(201);
  });

  it('VM-2: a petition by 1/10 of the adults opens a must-convene obligation', async () => {
    const signerRefs = Array.from({ length: 10 }, (_, i) => `person-${i + 1}`);
    await post(`/meetings/${M}/petitions`, committee, { communityId: C, kind: 'villagers_meeting', petitionId: 'p-1', basis: 'adults', signerRefs, occurredAt: at('2026-02-20T10:00') }).expect(201);
    await catchUp();
    const open = await request(server()).get(`/api/v1/communities/${C}/must-convene-obligations`).expect(200);
    expect(open.body.items).toHaveLength(1);
    expect(open.body.items[0]).toMatchObject({ meetingId: M, status: 'open', rule: 'VM-2', signers: 10, required: 10 });
    expect(open.body.items[0].openedBy.actor).toBeUndefined();
  });

  it('VM-3: refuses notice of 8 days as problem+json, then convenes with 10 days', async () => {
    const short = await post(`/communities/${C}/meetings`, committee, { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-03-05T09:00:00'), occurredAt: at('2026-02-25T09:00') }).expect(422);
    expect(short.headers['content-type']).toContain('application/problem+json');
    expect(short.body).toMatchObject({ status: 422, code: 'MEETING.NOTICE_TOO_SHORT', rule: 'VM-3' });
    const wrongRole = await tokens.sign('leader-1', [`village_group_leader@community:${C}`]);
    const notConvener = await post(`/communities/${C}/meetings`, wrongRole, { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-03-07T09:00:00'), occurredAt: at('2026-02-25T09:00') }).expect(403);
    expect(notConvener.body).toMatchObject({ code: 'MEETING.NOT_CONVENER' });
    expect(notConvener.body.rule).toBeUndefined();
    const convened = await post(`/communities/${C}/meetings`, committee, { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-03-07T09:00:00'), occurredAt: at('2026-02-25T09:00') }).expect(201);
    expect(convened.headers['etag']).toBe('"1"');
  });

  it('VM-6 / VM-7: a reserved matter needs Party pre-deliberation before the vote', async () => {
    await post(`/meetings/${M}/agenda-items`, committee, { itemId: 'funds', title: '集体资金使用方案', matterType: 'collective_funds_use', occurredAt: at('2026-02-26T09:00') }).expect(201);
    await post(`/meetings/${M}/agenda-items`, committee, { itemId: 'road', title: '道路照明', matterType: 'other', occurredAt: at('2026-02-26T09:05') }).expect(201);
    await post(`/meetings/${M}/party-pre-deliberations`, committee, { itemId: 'funds', deliberatedOn: '2026-03-01', partyOrganisationRef: 'party-branch-1', minutesRef: 'minutes-0301', occurredAt: at('2026-03-01T10:00') }).expect(201);
    await post(`/meetings/${M}/attendance`, committee, { present: 60, householdsRepresented: 0, observers: 3, occurredAt: at('2026-03-07T09:30') }).expect(201);
  });

  it('VM-5: adopts at 31 of 60 present (2*31 > 60) and rejects at 30, then closes', async () => {
    const adopted = await post(`/meetings/${M}/votes`, committee, { itemId: 'funds', yes: 31, no: 29, abstain: 0, occurredAt: at('2026-03-07T10:00') }).expect(201);
    expect(adopted.body.eventIds).toHaveLength(1);
    await post(`/meetings/${M}/votes`, committee, { itemId: 'road', yes: 30, no: 30, abstain: 0, occurredAt: at('2026-03-07T10:10') }).expect(201);
    await post(`/meetings/${M}/closure`, committee, { occurredAt: at('2026-03-07T12:00') }).expect(201);
  });

  it('VM-12: only the township government of the village orders a correction', async () => {
    const otherTownship = await tokens.sign('officer-2', ['township_government@township:t-2']);
    const body = { itemId: 'funds', correctionId: 'corr-1', authorityRef: 'township-gov-t-1', reason: '资金用途超出批准范围', occurredAt: at('2026-03-15T09:00') };
    await post(`/meetings/${M}/corrections`, otherTownship, body).expect(403);
    await post(`/meetings/${M}/corrections`, committee, body).expect(403);
    await post(`/meetings/m-unknown/corrections`, township, body).expect(404);
    await post(`/meetings/${M}/corrections`, township, body).expect(201);
  });

  it('the read models show the decision as corrected, with who (why only with a token that may see it), and no acting accounts', async () => {
    await catchUp();
    const decisions = await request(server()).get(`/api/v1/communities/${C}/decisions`).expect(200);
    expect(decisions.body.items).toHaveLength(1);
    const [decision] = decisions.body.items;
    expect(decision).toMatchObject({
      decisionId: `${M}/funds`, status: 'corrected', statusRule: 'VM-12', statusBy: 'township_government:township-gov-t-1',
      yes: 31, present: 60, adoptionRule: 'VM-5', reserved: true,
    });
    expect(decision.provenance.stream).toBe(`meeting-${M}`);
    expect(JSON.stringify(decisions.body)).not.toContain('officer-9');
    // The township's reason is free text written in the course of a step: never public.
    expect(decision.statusReason).toBeUndefined();
    expect(JSON.stringify(decisions.body)).not.toContain('资金用途超出批准范围');
    const corrected = await request(server()).get(`/api/v1/communities/${C}/decisions?status=in_force`).expect(200);
    expect(corrected.body.items).toHaveLength(0);

    const record = await request(server()).get(`/api/v1/meetings/${M}`).expect(200);
    const funds = record.body.items.find((i: { itemId: string }) => i.itemId === 'funds');
    expect(funds).toMatchObject({ decisionStatus: 'corrected', partyPreDeliberation: { deliberatedOn: '2026-03-01' } });
    expect(funds.actions[0]).toMatchObject({ action: 'correction_ordered', rule: 'VM-12' });
    expect(funds.actions[0].reason).toBeUndefined();
    const full = await request(server()).get(`/api/v1/meetings/${M}`).set('Authorization', `Bearer ${township}`).expect(200);
    expect(full.body.items.find((i: { itemId: string }) => i.itemId === 'funds').actions[0]).toMatchObject({ reason: '资金用途超出批准范围' });
    expect(record.body.attendance).toMatchObject({ present: 60, observers: 3, quorumMet: true, quorumRule: 'VM-5' });
    expect(JSON.stringify(record.body)).not.toContain('clerk-1');

    const list = await request(server()).get(`/api/v1/communities/${C}/meetings?status=closed&limit=1`).expect(200);
    expect(list.body).toMatchObject({ items: [{ meetingId: M, adopted: 1, rejected: 1, interventions: 1, noticeDays: 10 }], nextCursor: null });
    expect((await request(server()).get(`/api/v1/communities/${C}/meetings?status=held`).expect(200)).body.items).toHaveLength(0);
    const discharged = await request(server()).get(`/api/v1/communities/${C}/must-convene-obligations`).expect(200);
    expect(discharged.body.items).toHaveLength(0);
  });

  it('VM-4 / VM-10: cadence shows the last villagers meeting and when the next one is due', async () => {
    const cadence = await request(server()).get(`/api/v1/communities/${C}/meeting-cadence?asOf=2026-07-15`).expect(200);
    // By default the view starts where the engine's record of the village does: its registration (2026-01-05), after its term start.
    expect(cadence.body.from).toBe('2026-01-05');
    const villagers = cadence.body.kinds.find((k: { kind: string }) => k.kind === 'villagers_meeting');
    expect(villagers).toMatchObject({ rule: 'VM-4', lastHeldOn: '2026-03-07', overdue: false, nextDueBy: '2027-12-31' });
    const reps = cadence.body.kinds.find((k: { kind: string }) => k.kind === 'village_representatives_meeting');
    expect(reps).toMatchObject({ rule: 'VM-10', lastHeldOn: null, overdue: true, missed: 2, nextDueBy: '2026-09-30' });
  });

  it('VM-9 / VM-6 / VM-8: a representative meeting decides a reserved matter only under the plenary\'s authorisation, and the plenary overrules it', async () => {
    const R = 'm-reps-1';
    await post(`/communities/${C}/representative-meeting-constitutions`, committee, { constitutionId: 'rep-1', termId: 'term-12', effectiveFrom: '2026-03-01', committeeMembers: 0, representatives: 2, womenMembers: 1, selection: 'by_households', occurredAt: at('2026-03-16T08:00') }).expect(422)
      .expect((r) => expect(r.body).toMatchObject({ code: 'COMMUNITY.HOUSEHOLDS_PER_REPRESENTATIVE_OUT_OF_RANGE', rule: 'VM-9' }));
    await post(`/communities/${C}/representative-meeting-constitutions`, committee, { constitutionId: 'rep-1', termId: 'term-12', effectiveFrom: '2026-03-01', committeeMembers: 1, representatives: 5, womenMembers: 2, selection: 'by_households', occurredAt: at('2026-03-16T08:00') }).expect(201);
    await post(`/communities/${C}/authorisations`, committee, { authorisationId: 'auth-1', matterTypes: ['collective_funds_use'], validFrom: '2026-03-10', grantedByMeetingId: M, grantedByItemId: 'road', occurredAt: at('2026-03-16T08:30') }).expect(422)
      .expect((r) => expect(r.body).toMatchObject({ code: 'COMMUNITY.AUTHORISATION_NOT_GRANTED', rule: 'VM-6' }));
    await post(`/communities/${C}/authorisations`, committee, { authorisationId: 'auth-1', matterTypes: ['collective_funds_use'], validFrom: '2026-03-10', grantedByMeetingId: M, grantedByItemId: 'funds', occurredAt: at('2026-03-16T08:30') }).expect(201);
    await post(`/communities/${C}/meetings`, committee, { meetingId: R, kind: 'village_representatives_meeting', scheduledFor: at('2026-03-18T09:00:00'), occurredAt: at('2026-03-16T09:00') }).expect(201);
    const unauthorised = await post(`/meetings/${R}/agenda-items`, committee, { itemId: 'plan', title: '村庄规划', matterType: 'village_planning_construction', occurredAt: at('2026-03-16T09:10') }).expect(422);
    expect(unauthorised.body).toMatchObject({ code: 'MEETING.RESERVED_MATTER_NOT_AUTHORISED', rule: 'VM-6' });
    await post(`/meetings/${R}/agenda-items`, committee, { itemId: 'funds2', title: '资金使用细则', matterType: 'collective_funds_use', occurredAt: at('2026-03-16T09:10') }).expect(201);
    await post(`/meetings/${R}/party-pre-deliberations`, committee, { itemId: 'funds2', deliberatedOn: '2026-03-17', partyOrganisationRef: 'party-branch-1', minutesRef: 'minutes-0317', occurredAt: at('2026-03-17T10:00') }).expect(201);
    await post(`/meetings/${R}/attendance`, committee, { present: 4, occurredAt: at('2026-03-18T09:30') }).expect(201);
    await post(`/meetings/${R}/votes`, committee, { itemId: 'funds2', yes: 3, no: 1, abstain: 0, occurredAt: at('2026-03-18T10:00') }).expect(201);
    await post(`/meetings/${R}/overrulings`, committee, { itemId: 'funds2', action: 'revoke', reason: '与村民会议决定不符', byMeetingId: R, byItemId: 'funds2', occurredAt: at('2026-03-19T09:00') }).expect(422)
      .expect((r) => expect(r.body).toMatchObject({ code: 'MEETING.NOT_A_HIGHER_MEETING', rule: 'VM-8' }));
    await post(`/meetings/${R}/overrulings`, committee, { itemId: 'funds2', action: 'revoke', reason: '与村民会议决定不符', byMeetingId: M, byItemId: 'funds', occurredAt: at('2026-03-19T09:00') }).expect(201);
    await catchUp();
    const revoked = await request(server()).get(`/api/v1/communities/${C}/decisions?status=revoked`).expect(200);
    expect(revoked.body.items).toEqual([expect.objectContaining({ decisionId: `${R}/funds2`, meetingKind: 'village_representatives_meeting', statusRule: 'VM-8', statusBy: `villagers_meeting:${M}` })]);
    const page1 = await request(server()).get(`/api/v1/communities/${C}/decisions?limit=1`).expect(200);
    expect(page1.body.items).toHaveLength(1);
    const page2 = await request(server()).get(`/api/v1/communities/${C}/decisions?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body).toMatchObject({ items: [expect.objectContaining({ decisionId: `${R}/funds2` })], nextCursor: null });
    expect(page1.body.items[0].decisionId).toBe(`${M}/funds`);
  });

  it('documents every community and meeting route in OpenAPI', async () => {
    const paths = Object.keys((await request(server()).get('/api/docs-json').expect(200)).body.paths);
    for (const p of ['/api/v1/communities', '/api/v1/communities/{communityId}/meetings', '/api/v1/meetings/{meetingId}/corrections', '/api/v1/meetings/{meetingId}/overrulings', '/api/v1/communities/{communityId}/meeting-cadence', '/api/v1/communities/{communityId}/decisions']) {
      expect(paths).toContain(p);
    }
  });

  it('answers unknown ids with 404 and bad queries with 400, never 500', async () => {
    await request(server()).get('/api/v1/meetings/m-none').expect(404);
    await request(server()).get('/api/v1/communities/c-none/meeting-cadence').expect(404);
    await request(server()).get(`/api/v1/communities/${C}/meetings?cursor=%%%`).expect(400);
    await request(server()).get(`/api/v1/communities/${C}/meetings?status=bogus`).expect(400);
    const group = await post(`/communities/${C}/meetings`, committee, { meetingId: 'm-group', kind: 'village_group_meeting', scheduledFor: at('2026-03-19T09:00:00'), groupId: 'g-9', occurredAt: at('2026-03-19T08:00') }).expect(400);
    expect(group.body.errors).toEqual([expect.objectContaining({ field: 'groupId' })]);
    await post(`/communities/c-none/meetings`, await tokens.sign('x', ['villagers_committee@community:c-none']), { meetingId: 'm-x', kind: 'villagers_meeting', scheduledFor: at('2026-03-30T09:00:00') }).expect(404);
  });

  it('a body without the scope the role check needs is a 400 listing every invalid field, not the scope alone', async () => {
    const bad = await post('/communities', township, { communityId: 5, kind: 'town' }).expect(400);
    const fields = new Set((bad.body.errors as Array<{ field: string }>).map((e) => e.field));
    expect([...fields].sort()).toEqual(['communityId', 'districtRef', 'kind', 'name', 'townshipRef']);
  });
});
