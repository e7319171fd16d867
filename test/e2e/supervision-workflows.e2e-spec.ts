import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { recordTermAndCensus, registerCommunity } from '../support/mothers/community.mother';
import { apiOf, startTestService } from '../support/test-service';
import { communityBodies } from '../support/tokens';
import { HASH } from '../support/mothers/story';

/** PD-4, SV-15 and SV-13 over HTTP in one village (Asia/Shanghai); every step is stated in the past with occurredAt. */
const NOW = new Date('2026-04-02T02:00:00Z');
const at = (local: string): string => `${local}+08:00`;

let app: NestFastifyApplication;
let committee: string;
let township: string;
let supervisor: string;
let resident: string;
const C = 'c-east-river';
const { post, get, catchUp } = apiOf(() => app);

const meetingWithAdoptedItem = async (meetingId: string, itemId: string, convenedOn: string, heldOn: string) => {
  await post(`/communities/${C}/meetings`, committee, { meetingId, kind: 'villagers_meeting', scheduledFor: at(`${heldOn}T09:00:00`), occurredAt: at(`${convenedOn}T09:00`) }).expect(201);
  await post(`/meetings/${meetingId}/agenda-items`, committee, { itemId, title: itemId, matterType: 'other', occurredAt: at(`${convenedOn}T10:00`) }).expect(201);
  await post(`/meetings/${meetingId}/attendance`, committee, { present: 60, householdsRepresented: 0, occurredAt: at(`${heldOn}T09:30`) }).expect(201);
  await post(`/meetings/${meetingId}/votes`, committee, { itemId, yes: 45, no: 10, abstain: 5, occurredAt: at(`${heldOn}T10:00`) }).expect(201);
};

beforeAll(async () => {
  let tokens;
  ({ app, tokens } = await startTestService({ now: NOW }));
  ({ committee, township, supervisor, resident } = await communityBodies(tokens, C, 't-east'));
  await registerCommunity(app, { communityId: C, name: '东河村', townshipRef: 't-east', occurredAt: at('2026-01-01T09:00') });
  await recordTermAndCensus(app, committee, C, at);
  await meetingWithAdoptedItem('m-elect', 'elect', '2026-01-10', '2026-01-25');
  const members = [{ personRef: 'p-a', role: 'director', competences: ['finance'], basis: 'villager' }, { personRef: 'p-b', role: 'member', competences: [], basis: 'villager' }, { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' }];
  await post(`/communities/${C}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: 'm-elect', itemId: 'elect' }, occurredAt: at('2026-01-26T09:00') }).expect(201);
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('PD-4 over HTTP: a complaint that finance was not published, investigated, founded, ordered and covered', () => {
  const P = `/communities/${C}/publication-complaints`;
  it('the resident complains; the township may not order before a founded finding', async () => {
    await post(P, committee, { complaintId: 'pc-1', ground: 'not_published', category: 'finance', subject: '一季度财务未公布', occurredAt: at('2026-03-01T09:00') }).expect(403);
    await post(P, resident, { complaintId: 'pc-1', ground: 'not_published', category: 'finance', subject: '一季度财务未公布', occurredAt: at('2026-03-01T09:00') }).expect(201);
    const early = await post(`${P}/pc-1/order`, township, { orderId: 'po-1', dueBy: '2026-03-25', occurredAt: at('2026-03-02T09:00') }).expect(409);
    expect(early.body).toMatchObject({ code: 'SUPERVISION.ORDER_WITHOUT_FOUNDED_FINDING', rule: 'PD-4' });
    const noInvestigation = await post(`${P}/pc-1/finding`, township, { finding: 'founded', documentHash: HASH('e'), occurredAt: at('2026-03-02T09:00') }).expect(409);
    expect(noInvestigation.body).toMatchObject({ code: 'SUPERVISION.INVESTIGATION_NOT_OPEN' });
    await post(`${P}/pc-1/investigation`, supervisor, { occurredAt: at('2026-03-03T09:00') }).expect(403);
    await post(`${P}/pc-1/investigation`, township, { occurredAt: at('2026-03-03T09:00') }).expect(201);
    await post(`${P}/pc-1/finding`, township, { finding: 'founded', documentHash: HASH('e'), occurredAt: at('2026-03-08T09:00') }).expect(201);
    await post(`${P}/pc-1/order`, township, { orderId: 'po-1', dueBy: '2026-03-25', occurredAt: at('2026-03-10T09:00') }).expect(201);
  });

  it('the order opens an obligation that the covering publication closes; the complaint shows each step with provenance', async () => {
    await catchUp();
    const open = await get(`/communities/${C}/publication-obligations?asOf=2026-03-12`).expect(200);
    expect(open.body.obligations.find((o: { obligationId: string }) => o.obligationId === `order:${C}/po-1`)).toMatchObject({ source: 'publication_order', rule: 'PD-4', category: 'finance', openedOn: '2026-03-10', dueBy: '2026-03-25', status: 'open', coveredBy: null });
    await post(`/communities/${C}/publications`, committee, { publicationId: 'pub-q1-finance', category: 'finance', periodFrom: '2026-01-01', periodTo: '2026-02-28', title: '2026年1-2月财务收支', documentHash: HASH('f'), channels: ['public_board'], covers: [`order:${C}/po-1`], occurredAt: at('2026-03-20T09:00') }).expect(201);
    await post('/publications/pub-q1-finance/postings', committee, { postedFrom: '2026-03-20', postedUntil: '2026-04-04', occurredAt: at('2026-03-20T10:00') }).expect(201);
    await catchUp();
    const met = await get(`/communities/${C}/publication-obligations?asOf=2026-03-30`).expect(200);
    expect(met.body.obligations.find((o: { obligationId: string }) => o.obligationId === `order:${C}/po-1`)).toMatchObject({ status: 'met', coveredBy: { publicationId: 'pub-q1-finance', postedFrom: '2026-03-20' } });
    const complaints = await get(`/communities/${C}/publication-complaints`, township).expect(200);
    expect(complaints.body.complaints[0]).toMatchObject({ complaintId: 'pc-1', complainantRef: 'villager-77', filedWith: 't-east', status: 'ordered', finding: { finding: 'founded' }, order: { orderId: 'po-1', dueBy: '2026-03-25' } });
    expect(complaints.body.complaints[0].history).toHaveLength(4);
    await get(`/communities/${C}/publication-complaints`, resident).expect(403);
  });
});

describe('SV-15 and SV-13 over HTTP: a veto appealed to a meeting, a voucher co-signed and booked', () => {
  const V = `/communities/${C}/expenditure-vetoes`;
  const veto = { vetoId: 'veto-1', expenditureRef: 'exp-031', title: '超标准招待费', documentHash: HASH('1'), grounds: '超出村规定标准' };
  it('without a local policy there is no veto; with one the committee vetoes and booking is blocked', async () => {
    const none = await post(V, supervisor, { ...veto, occurredAt: at('2026-02-02T09:00') }).expect(422);
    expect(none.body).toMatchObject({ code: 'SUPERVISION.VETO_NOT_IN_POLICY', rule: 'SV-15' });
    const policy = { effectiveFrom: '2026-02-05', nearRelativeRelations: ['spouse', 'parent', 'child', 'sibling'], extendedExclusions: [], publicationReviewRequired: false, financeMonthlyCommunityIds: [], majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority', expenditureVeto: true, voucherCountersignRequired: true, occurredAt: at('2026-02-03T09:00') };
    await post('/supervision-policies/t-east/versions', township, policy).expect(201);
    await post(V, committee, { ...veto, occurredAt: at('2026-02-06T09:00') }).expect(403);
    await post(V, supervisor, { ...veto, occurredAt: at('2026-02-06T09:00') }).expect(201);
    await post(`/communities/${C}/vouchers/vc-1/countersignature`, supervisor, { expenditureRef: 'exp-031', decision: 'signed', occurredAt: at('2026-02-06T10:00') }).expect(201);
    const blocked = await post(`/communities/${C}/vouchers/vc-1/booking`, committee, { expenditureRef: 'exp-031', documentHash: HASH('2'), occurredAt: at('2026-02-07T09:00') }).expect(422);
    expect(blocked.body).toMatchObject({ code: 'SUPERVISION.EXPENDITURE_VETOED', rule: 'SV-15' });
  });

  it("the appeal's outcome is read from the meeting's adopted decision, which overturns the veto", async () => {
    await post(`${V}/veto-1/appeal`, committee, { grounds: '属必要开支', occurredAt: at('2026-02-08T09:00') }).expect(201);
    const notYet = await post(`${V}/veto-1/appeal-decision`, committee, { meetingId: 'm-elect', itemId: 'nope', occurredAt: at('2026-02-09T09:00') }).expect(404);
    expect(notYet.body.code).toBe('MEETING.DECISION_NOT_FOUND');
    const before = await post(`${V}/veto-1/appeal-decision`, committee, { meetingId: 'm-elect', itemId: 'elect', occurredAt: at('2026-02-09T09:00') }).expect(422);
    expect(before.body).toMatchObject({ code: 'SUPERVISION.DECIDED_BEFORE_APPEAL' });
    await meetingWithAdoptedItem('m-appeal', 'approve-exp-031', '2026-02-10', '2026-02-25');
    await post(`${V}/veto-1/appeal-decision`, committee, { meetingId: 'm-appeal', itemId: 'approve-exp-031', occurredAt: at('2026-02-26T09:00') }).expect(201);
  });

  it('SV-13: an uncountersigned voucher is refused; the co-signed one is booked; the read model shows both with provenance', async () => {
    const unsigned = await post(`/communities/${C}/vouchers/vc-2/booking`, committee, { expenditureRef: 'exp-032', documentHash: HASH('3'), occurredAt: at('2026-02-27T09:00') }).expect(422);
    expect(unsigned.body).toMatchObject({ code: 'SUPERVISION.VOUCHER_NOT_COUNTERSIGNED', rule: 'SV-13' });
    await post(`/communities/${C}/vouchers/vc-1/booking`, committee, { expenditureRef: 'exp-031', documentHash: HASH('2'), occurredAt: at('2026-02-27T10:00') }).expect(201);
    await catchUp();
    const control = await get(`/communities/${C}/expenditure-control`, supervisor).expect(200);
    expect(control.body.vetoes[0]).toMatchObject({ vetoId: 'veto-1', status: 'overturned', appeal: { appellantRef: 'clerk-1' }, decidedBy: { meetingId: 'm-appeal', outcome: 'adopted', decidedOn: '2026-02-25' } });
    expect(control.body.vouchers[0]).toMatchObject({ voucherId: 'vc-1', countersignatures: [{ decision: 'signed', signerRef: 'p-a' }], booked: { countersignRequired: true, countersignedBy: 'svc-1', policyVersion: 1 } });
    expect(typeof control.body.vouchers[0].booked.provenance.globalPosition).toBe('string');
  });
});

describe('SV-5 over HTTP: supervision observers at a meeting and a refusal, on the meeting record', () => {
  it('admitted by the supervision committee, refusal reported by a resident; the record shows both with provenance, the public view without names or notes', async () => {
    await post('/meetings/m-appeal/supervision-observers', resident, { personRef: 'p-b', occurredAt: at('2026-02-25T09:00') }).expect(403);
    await post('/meetings/m-appeal/supervision-observers', supervisor, { personRef: 'p-b', occurredAt: at('2026-02-25T10:30') }).expect(201);
    await post('/meetings/m-appeal/supervision-refusals', resident, { personRef: 'p-c', refusedByRole: 'villagers_committee', note: '门口被拦', occurredAt: at('2026-02-26T09:00') }).expect(201);
    await catchUp();
    const record = await get('/meetings/m-appeal', committee).expect(200);
    expect(record.body.supervision.observers[0]).toMatchObject({ personRef: 'p-b', capacity: 'supervision_committee' });
    expect(record.body.supervision.refusals[0]).toMatchObject({ personRef: 'p-c', refusedByRole: 'villagers_committee', note: '门口被拦', rule: 'SV-5', ruleText: '2025', violation: false });
    expect(typeof record.body.supervision.refusals[0].provenance.globalPosition).toBe('string');
    const publicView = await get('/meetings/m-appeal').expect(200);
    expect(JSON.stringify(publicView.body.supervision)).not.toMatch(/p-b|p-c|门口被拦/);
    expect(publicView.body.supervision.refusals[0]).toMatchObject({ rule: 'SV-5', violation: false });
  });
});
