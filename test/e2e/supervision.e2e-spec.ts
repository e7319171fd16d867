import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadlineWatchdog } from '../../src/application/watchdog/deadline-watchdog';
import { recordTermAndCensus, registerCommunity } from '../support/mothers/community.mother';
import { apiOf, startTestService } from '../support/test-service';
import { communityBodies } from '../support/tokens';
import { HASH } from '../support/mothers/story';

/** The engine's clock: every step below is stated in the past with occurredAt (Asia/Shanghai). */
const NOW = new Date('2026-04-02T02:00:00Z');
const at = (local: string): string => `${local}+08:00`;

let app: NestFastifyApplication;
let committee: string;
let township: string;
let supervisor: string;
let resident: string;
const C = 'c-west-hill';
const M = 'm-election';
const { post, get, catchUp } = apiOf(() => app);

beforeAll(async () => {
  let tokens;
  ({ app, tokens } = await startTestService({ now: NOW }));
  ({ committee, township, supervisor, resident } = await communityBodies(tokens, C, 't-west'));
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('village supervision over HTTP: the committee, a kinship after election, a month of finance publication, a quarter with a gap', () => {
  it('registers the village, its term, census, posts and the township policy (review required, PD-8)', async () => {
    await registerCommunity(app, { communityId: C, name: '西山村', townshipRef: 't-west', occurredAt: at('2026-01-01T09:00') });
    await recordTermAndCensus(app, committee, C, at);
    const holders = [{ personRef: 'p-chair', post: 'committee_director' }, { personRef: 'p-m1', post: 'committee_member' }, { personRef: 'p-sec', post: 'party_secretary' }];
    await post(`/communities/${C}/office-holders`, committee, { termId: 'term-12', recordId: 'oh-1', effectiveFrom: '2026-01-01', holders, occurredAt: at('2026-01-01T12:00') }).expect(201);
    const policy = { effectiveFrom: '2026-01-06', nearRelativeRelations: ['spouse', 'parent', 'child', 'sibling'], extendedExclusions: [], publicationReviewRequired: true, financeMonthlyCommunityIds: [], majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority', occurredAt: at('2026-01-06T09:00') };
    await post('/supervision-policies/t-west/versions', committee, policy).expect(403);
    await post('/supervision-policies/t-west/versions', township, policy).expect(201);
  });

  it('SV-1: before any committee the roster flags the village', async () => {
    await catchUp();
    const roster = await get(`/communities/${C}/supervision-committee`, committee).expect(200);
    expect(roster.body).toMatchObject({ activeCommitteeId: null, flags: [{ rule: 'SV-1' }] });
  });

  it('a villagers meeting elects the committee (adopted) and refuses another item (rejected)', async () => {
    await post(`/communities/${C}/meetings`, committee, { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-01-25T09:00:00'), occurredAt: at('2026-01-10T09:00') }).expect(201);
    await post(`/meetings/${M}/agenda-items`, committee, { itemId: 'elect', title: '推选村务监督委员会', matterType: 'other', occurredAt: at('2026-01-11T09:00') }).expect(201);
    await post(`/meetings/${M}/agenda-items`, committee, { itemId: 'other', title: '另一事项', matterType: 'other', occurredAt: at('2026-01-11T09:05') }).expect(201);
    await post(`/meetings/${M}/attendance`, committee, { present: 60, householdsRepresented: 0, occurredAt: at('2026-01-25T09:30') }).expect(201);
    await post(`/meetings/${M}/votes`, committee, { itemId: 'elect', yes: 45, no: 10, abstain: 5, occurredAt: at('2026-01-25T10:00') }).expect(201);
    await post(`/meetings/${M}/votes`, committee, { itemId: 'other', yes: 20, no: 40, abstain: 0, occurredAt: at('2026-01-25T10:10') }).expect(201);
  });

  const members = [
    { personRef: 'p-a', role: 'director', competences: [], basis: 'villager' },
    { personRef: 'p-b', role: 'member', competences: ['finance'], basis: 'villager' },
    { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' },
  ];

  it('SV-2 / SV-3: constitution refused from a rejected decision or with a committee member; accepted from the adopted one', async () => {
    const rejected = await post(`/communities/${C}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: M, itemId: 'other' }, occurredAt: at('2026-01-26T09:00') }).expect(422);
    expect(rejected.body).toMatchObject({ code: 'SUPERVISION.ELECTION_NOT_ADOPTED', rule: 'SV-2' });
    const withChair = [...members, { personRef: 'p-chair', role: 'member', competences: [], basis: 'villager' }];
    const ineligible = await post(`/communities/${C}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members: withChair, electedBy: { meetingId: M, itemId: 'elect' }, occurredAt: at('2026-01-26T09:00') }).expect(422);
    expect(ineligible.body).toMatchObject({ code: 'SUPERVISION.MEMBER_INELIGIBLE', rule: 'SV-3' });
    await post(`/communities/${C}/supervision-committees`, resident, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: M, itemId: 'elect' } }).expect(403);
    const ok = await post(`/communities/${C}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: M, itemId: 'elect' }, occurredAt: at('2026-01-26T09:00') }).expect(201);
    expect(ok.body.streamId).toBe(`supervision-${C}`);
  });

  it('SV-3: a kinship declared after the election flags the committee', async () => {
    const declared = await post(`/communities/${C}/kinships`, supervisor, { kinshipId: 'k-1', personRef: 'p-b', relativeRef: 'p-chair', relation: 'sibling', occurredAt: at('2026-02-10T09:00') }).expect(201);
    expect(declared.body.eventIds).toHaveLength(2);
    await catchUp();
    const roster = await get(`/communities/${C}/supervision-committee?asOf=2026-02-11`, committee).expect(200);
    expect(roster.body).toMatchObject({ activeCommitteeId: 'svc-1', flags: [] });
    const [svc] = roster.body.committees;
    expect(svc).toMatchObject({ committeeId: 'svc-1', status: 'in_office', mandateEndsOn: '2030-12-31', eligibility: 'conflict' });
    expect(svc.members.find((m: { personRef: string }) => m.personRef === 'p-b')).toMatchObject({ eligibility: 'conflict' });
    expect(roster.body.conflicts[0]).toMatchObject({ memberRef: 'p-b', rule: 'SV-3', cause: 'near_relative', officeHolderRef: 'p-chair', status: 'open', detectedOn: '2026-02-10' });
    expect(roster.body.conflicts[0].provenance).toMatchObject({ stream: `supervision-${C}`, eventId: declared.body.eventIds[1] });
    expect(typeof roster.body.conflicts[0].provenance.globalPosition).toBe('string');
    await get(`/communities/${C}/supervision-committee`).expect(401);
    await get(`/communities/${C}/supervision-committee`, resident).expect(403);
  });

  const PUB = 'pub-2026-02-finance';

  it('a finance publication is drafted, returned by the committee, corrected, approved and posted for 15 days (PD-8, PD-3)', async () => {
    await post(`/communities/${C}/publications`, committee, { publicationId: PUB, category: 'finance', periodFrom: '2026-02-01', periodTo: '2026-02-28', title: '2026年2月财务收支', documentHash: HASH('a'), channels: ['public_board', 'online'], occurredAt: at('2026-03-02T09:00') }).expect(201);
    const unreviewed = await post(`/publications/${PUB}/postings`, committee, { postedFrom: '2026-03-02', postedUntil: '2026-03-17', occurredAt: at('2026-03-02T10:00') }).expect(422);
    expect(unreviewed.body).toMatchObject({ code: 'PUBLICATION.NOT_REVIEWED', rule: 'PD-8' });
    await post(`/publications/${PUB}/reviews`, committee, { decision: 'approve', occurredAt: at('2026-03-03T09:00') }).expect(403);
    await post(`/publications/${PUB}/reviews`, supervisor, { decision: 'return', comments: '请补充修路支出明细', occurredAt: at('2026-03-03T09:00') }).expect(201);
    await post(`/publications/${PUB}/revisions`, committee, { title: '2026年2月财务收支（含明细）', documentHash: HASH('b'), occurredAt: at('2026-03-04T09:00') }).expect(201);
    await post(`/publications/${PUB}/reviews`, supervisor, { decision: 'approve', occurredAt: at('2026-03-04T15:00') }).expect(201);
    const short = await post(`/publications/${PUB}/postings`, committee, { postedFrom: '2026-03-05', postedUntil: '2026-03-19', occurredAt: at('2026-03-05T09:00') }).expect(422);
    expect(short.body).toMatchObject({ code: 'PUBLICATION.POSTING_TOO_SHORT', rule: 'PD-3' });
    await post(`/publications/${PUB}/postings`, committee, { postedFrom: '2026-03-05', postedUntil: '2026-03-20', occurredAt: at('2026-03-05T09:00') }).expect(201);
  });

  it('a resident queries it and the committee answers (PD-3); the public board shows content only', async () => {
    await post(`/publications/${PUB}/queries`, committee, { queryId: 'q-1', question: '修路款为何增加?', occurredAt: at('2026-03-08T09:00') }).expect(403);
    await post(`/publications/${PUB}/queries`, resident, { queryId: 'q-1', question: '修路款为何增加? 联系我 13800000000', occurredAt: at('2026-03-08T09:00') }).expect(201);
    await post(`/publications/${PUB}/queries/q-1/answer`, committee, { answer: '材料涨价，见附件二', occurredAt: at('2026-03-09T09:00') }).expect(201);
    await catchUp();
    const board = await get(`/communities/${C}/public-board?asOf=2026-03-10`).expect(200);
    expect(board.body.postedNow).toHaveLength(1);
    expect(board.body.postedNow[0]).toMatchObject({ publicationId: PUB, category: 'finance', title: '2026年2月财务收支（含明细）', documentHash: HASH('b'), postedFrom: '2026-03-05', postedUntil: '2026-03-20', postingDays: 15 });
    expect(typeof board.body.postedNow[0].provenance.globalPosition).toBe('string');
    const text = JSON.stringify(board.body);
    for (const secret of ['13800000000', '请补充', 'villager-77', 'p-a', '材料涨价', 'clerk-1']) expect(text).not.toContain(secret);
    const later = await get(`/communities/${C}/public-board?asOf=2026-03-21`).expect(200);
    expect(later.body.postedNow).toHaveLength(0);
    expect(later.body.history).toHaveLength(1);
    const record = await get(`/publications/${PUB}`, supervisor).expect(200);
    expect(record.body).toMatchObject({ status: 'posted', review: 'approved', draftRevision: 2 });
    expect(record.body.reviews.map((r: { decision: string }) => r.decision)).toEqual(['returned', 'approved']);
    expect(record.body.queries[0]).toMatchObject({ queryId: 'q-1', residentRef: 'villager-77', answer: '材料涨价，见附件二' });
    await get(`/publications/${PUB}`).expect(401);
  });

  it('PD-2: a quarter in which one general category is missing is flagged', async () => {
    const categories = ['meeting_decisions', 'funds_and_materials', 'consultation_results', 'other_affairs'];
    for (const [i, category] of categories.entries()) {
      const id = `pub-q1-${category.replace(/_/g, '-')}`;
      await post(`/communities/${C}/publications`, committee, { publicationId: id, category, periodFrom: '2026-01-01', periodTo: '2026-03-31', title: `一季度 ${category}`, documentHash: HASH(String(i + 1)), channels: ['public_board'], occurredAt: at('2026-03-10T09:00') }).expect(201);
      await post(`/publications/${id}/reviews`, supervisor, { decision: 'approve', occurredAt: at('2026-03-11T09:00') }).expect(201);
      await post(`/publications/${id}/postings`, committee, { postedFrom: '2026-03-12', postedUntil: '2026-03-27', occurredAt: at('2026-03-12T09:00') }).expect(201);
    }
    await catchUp();
    const cadence = await get(`/communities/${C}/publication-cadence?asOf=2026-04-01`).expect(200);
    expect(cadence.body.missing.map((p: { category: string; period: string; rule: string }) => [p.category, p.period, p.rule])).toEqual([['government_assistance', '2026-Q1', 'PD-2']]);
    expect(cadence.body.periods.filter((p: { period: string; status: string }) => p.period === '2026-Q1' && p.status === 'met')).toHaveLength(5);
  });

  it('PD-1: adopted decisions and funds received open obligations that a covering publication closes', async () => {
    await post(`/communities/${C}/funds-receipts`, committee, { receiptId: 'relief-1', fundKind: 'disaster_relief', title: '防汛救灾资金', documentHash: HASH('e'), receivedOn: '2026-03-15', occurredAt: at('2026-03-15T09:00') }).expect(201);
    const id = 'pub-relief';
    await post(`/communities/${C}/publications`, committee, { publicationId: id, category: 'funds_and_materials', periodFrom: '2026-03-15', periodTo: '2026-03-31', title: '救灾资金使用', documentHash: HASH('f'), channels: ['public_board'], covers: [`funds:${C}/relief-1`], occurredAt: at('2026-03-20T09:00') }).expect(201);
    await post(`/publications/${id}/reviews`, supervisor, { decision: 'approve', occurredAt: at('2026-03-21T09:00') }).expect(201);
    await post(`/publications/${id}/postings`, committee, { postedFrom: '2026-03-22', postedUntil: '2026-04-06', occurredAt: at('2026-03-22T09:00') }).expect(201);
    await catchUp();
    const obligations = await get(`/communities/${C}/publication-obligations?asOf=2026-04-01`).expect(200);
    const status = Object.fromEntries(obligations.body.obligations.map((o: { obligationId: string; status: string; dueBy: string }) => [o.obligationId, [o.status, o.dueBy]]));
    expect(status).toEqual({ [`decision:${M}/elect`]: ['overdue', '2026-03-31'], [`funds:${C}/relief-1`]: ['met', '2026-03-31'] });
  });

  it('the watchdog records each missed period and obligation once (PD-2, PD-1), and the views name the events', async () => {
    const watchdog = app.get(DeadlineWatchdog);
    const first = await watchdog.run(new Date('2026-04-01T02:00:00Z'));
    const mine = (run: typeof first) => run.outcomes.filter((o) => o.name.startsWith('publication-') && o.stream === `supervision-${C}`).map((o) => [o.rule, o.key, o.result]);
    expect(mine(first)).toEqual([['PD-2', 'government_assistance:2026-Q1', 'recorded'], ['PD-1', `decision:${M}/elect`, 'recorded']]);
    expect(mine(await watchdog.run(new Date('2026-04-01T03:00:00Z')))).toEqual([['PD-2', 'government_assistance:2026-Q1', 'already_recorded'], ['PD-1', `decision:${M}/elect`, 'already_recorded']]);
    await catchUp();
    expect(mine(await watchdog.run(new Date('2026-04-01T04:00:00Z')))).toEqual([]);
    const cadence = await get(`/communities/${C}/publication-cadence?asOf=2026-04-01`).expect(200);
    expect(cadence.body.missing[0].recordedBy).toMatchObject({ stream: `supervision-${C}`, eventId: first.outcomes.find((o) => o.rule === 'PD-2')!.eventIds[0] });
  });

  it('SV-7: the supervision committee hosts the appraisal at the meeting; the history shows the verdict by cadre', async () => {
    const body = { appraisalId: 'appraisal-2026', year: '2026', meetingId: M, results: [{ cadreRef: 'p-chair', competent: 29, basicallyCompetent: 0, incompetent: 31 }, { cadreRef: 'p-m1', competent: 50, basicallyCompetent: 8, incompetent: 2 }], occurredAt: at('2026-01-26T10:00') };
    await post(`/communities/${C}/appraisals`, committee, body).expect(403);
    await post(`/communities/${C}/appraisals`, supervisor, body).expect(201);
    await catchUp();
    const history = await get(`/communities/${C}/appraisals?cadreRef=p-chair`, township).expect(200);
    expect(history.body.cadres).toEqual([expect.objectContaining({ cadreRef: 'p-chair', mandateTerminated: null, appraisals: [expect.objectContaining({ year: '2026', incompetent: 31, verdict: 'incompetent', formula: '2*incompetent > votes', hostedByCommitteeId: 'svc-1' })] })]);
  });

  it('SV-11 / SV-12: the casebook shows an inquiry answered, a finding and an overdue rectification', async () => {
    await post(`/communities/${C}/inquiries`, committee, { inquiryId: 'inq-1', domain: 'construction_projects', subject: '修路工程款', question: '第二笔工程款依据?', occurredAt: at('2026-02-12T09:00') }).expect(403);
    await post(`/communities/${C}/inquiries`, supervisor, { inquiryId: 'inq-1', domain: 'construction_projects', subject: '修路工程款', question: '第二笔工程款依据?', answerDueBy: '2026-02-20', occurredAt: at('2026-02-12T09:00') }).expect(201);
    await post(`/communities/${C}/inquiries/inq-1/answer`, committee, { answer: '依据合同第5条', occurredAt: at('2026-02-18T09:00') }).expect(201);
    await post(`/communities/${C}/findings`, supervisor, { findingId: 'find-1', domain: 'construction_projects', title: '工程款超合同支付', documentHash: HASH('9'), inquiryId: 'inq-1', occurredAt: at('2026-02-19T09:00') }).expect(201);
    await post(`/communities/${C}/rectifications`, supervisor, { rectificationId: 'rect-1', findingId: 'find-1', requirement: '追回超付款项', dueBy: '2026-03-01', occurredAt: at('2026-02-19T10:00') }).expect(201);
    await catchUp();
    const book = await get(`/communities/${C}/casebook?asOf=2026-03-02`, supervisor).expect(200);
    expect(book.body.inquiries[0]).toMatchObject({ inquiryId: 'inq-1', status: 'answered', overdue: false });
    expect(book.body.findings[0]).toMatchObject({ findingId: 'find-1', domain: 'construction_projects' });
    expect(book.body.rectifications[0]).toMatchObject({ rectificationId: 'rect-1', status: 'requested', overdue: true });
    await get(`/communities/${C}/casebook`).expect(401);
  });
});
