import { DeciderSpecification } from '../support/decider-specification';
import {
  NotTheSupervisionCommittee,
  PublicationRuleViolation,
  PublicationStepNotAllowed,
  publicationCadence,
  publicationDecider,
  type PublicationCommand,
  type PublicationEvent,
} from '../../src/domain/publication';
import { ValidationError } from '../../src/domain/shared';

const spec = DeciderSpecification.for(publicationDecider);
const NOW = new Date('2026-12-31T02:00:00Z');
const committeeRoles = ['villagers_committee@community:c-1'];
const meta = (occurredAt: string, actorRoles = committeeRoles) => ({ now: NOW, occurredAt: new Date(occurredAt), actorId: 'u-1', actorRoles });
const HASH = 'b'.repeat(64);
const P = 'pub-1';

const draft = (over: Record<string, unknown> = {}): PublicationCommand => ({
  type: 'DraftPublication',
  data: {
    publicationId: P, communityId: 'c-1', category: 'finance', periodFrom: '2026-02-01', periodTo: '2026-02-28', title: '2026年2月财务收支', documentHash: HASH,
    channels: ['public_board', 'online'], covers: [], communityKind: 'village', reviewRequired: false, policyVersion: null, ...over,
  },
  metadata: meta('2026-03-02T02:00:00Z'),
});
const drafted = (over: Record<string, unknown> = {}): readonly PublicationEvent[] => publicationDecider.decide(draft(over), publicationDecider.initialState());
const post = (postedFrom: string, postedUntil: string, ruleSwitchDate?: string): PublicationCommand => ({
  type: 'PostPublication', data: { publicationId: P, postedFrom, postedUntil, timeZone: 'Asia/Shanghai', ...(ruleSwitchDate === undefined ? {} : { ruleSwitchDate }) }, metadata: meta(`${postedFrom}T02:00:00Z`),
});
const review = (decision: 'approve' | 'return', comments?: string, roles = ['supervision_committee@community:c-1']): PublicationCommand => ({
  type: 'ReviewPublication', data: { publicationId: P, decision, ...(comments === undefined ? {} : { comments }) }, metadata: meta('2026-03-03T02:00:00Z', roles),
});

describe('PD-1 / PD-5 / PD-6 categories by kind of community; PD-3 the public board always', () => {
  it('a village publishes finance; an urban community fund-raising accounts but no village finance category', () => {
    spec.given([]).when(draft()).thenContains([{ type: 'PublicationDrafted' }]);
    spec.given([]).when(draft({ category: 'fund_raising_accounts', communityKind: 'urban_community' })).thenContains([{ type: 'PublicationDrafted' }]);
    spec.given([]).when(draft({ category: 'fund_raising_accounts' })).thenThrows(ValidationError);
    spec.given([]).when(draft({ category: 'finance', communityKind: 'urban_community' })).thenThrows(ValidationError);
  });
  it('refuses channels without the public board and content without a document hash', () => {
    spec.given([]).when(draft({ channels: ['online'] })).thenThrows(ValidationError);
    spec.given([]).when(draft({ documentHash: 'not-a-hash' })).thenThrows(ValidationError);
  });
});

describe('PD-3 a posting lasts at least 15 days from the 2025 text', () => {
  it('15 days exactly is enough', () => {
    spec.given(drafted()).when(post('2026-03-02', '2026-03-17')).thenContains([{ type: 'PublicationPosted', data: expect.objectContaining({ postingDays: 15, minimumPostingDays: 15, ruleText: '2025' }) as never }]);
  });
  it('14 days is refused', () => {
    spec.given(drafted()).when(post('2026-03-02', '2026-03-16')).thenThrows(PublicationRuleViolation, { code: 'PUBLICATION.POSTING_TOO_SHORT', rule: 'PD-3' });
  });
  it('on the effective date the 15 days apply; the day before, the 2018 text sets no minimum', () => {
    spec.given(drafted()).when(post('2026-03-02', '2026-03-16', '2026-03-02')).thenThrows(PublicationRuleViolation, { rule: 'PD-3' });
    spec.given(drafted()).when(post('2026-03-02', '2026-03-05', '2026-03-03')).thenContains([{ type: 'PublicationPosted', data: expect.objectContaining({ postingDays: 3, minimumPostingDays: null, ruleText: '2018' }) as never }]);
  });
});

describe('PD-8 / SV-14 the supervision committee reviews the draft first where policy requires it', () => {
  const required = (): readonly PublicationEvent[] => drafted({ reviewRequired: true });
  it('an unreviewed draft cannot be posted', () => {
    spec.given(required()).when(post('2026-03-02', '2026-03-17')).thenThrows(PublicationRuleViolation, { code: 'PUBLICATION.NOT_REVIEWED', rule: 'PD-8' });
  });
  it('returned with comments, revised, approved, then posted with the approved revision', () => {
    const returned = spec.given(required()).when(review('return', '补充明细')).events();
    expect(returned[0]).toMatchObject({ data: { decision: 'returned', draftRevision: 1 } });
    spec.given([...required(), ...returned]).when(post('2026-03-04', '2026-03-19')).thenThrows(PublicationRuleViolation, { rule: 'PD-8' });
    spec.given([...required(), ...returned]).when(review('approve')).thenThrows(PublicationStepNotAllowed, { code: 'PUBLICATION.ALREADY_REVIEWED' });
    const revise: PublicationCommand = { type: 'ReviseDraft', data: { publicationId: P, title: '2026年2月财务收支（补充）', documentHash: 'c'.repeat(64) }, metadata: meta('2026-03-03T03:00:00Z') };
    const revised = spec.given([...required(), ...returned]).when(revise).events();
    const history = [...required(), ...returned, ...revised];
    const approved = spec.given(history).when({ ...review('approve'), metadata: meta('2026-03-03T04:00:00Z', ['supervision_committee@community:c-1']) }).events();
    expect(approved[0]).toMatchObject({ data: { decision: 'approved', draftRevision: 2 } });
    spec.given([...history, ...approved]).when(post('2026-03-04', '2026-03-19')).thenContains([{ type: 'PublicationPosted', data: expect.objectContaining({ reviewedDraftRevision: 2, documentHash: 'c'.repeat(64) }) as never }]);
  });
  it('a return needs comments; only the supervision committee reviews', () => {
    spec.given(required()).when(review('return')).thenThrows(ValidationError);
    spec.given(required()).when(review('approve', undefined, committeeRoles)).thenThrows(NotTheSupervisionCommittee, { rule: 'PD-8' });
  });
});

describe('PD-3 queries are recorded and answered; SV-8 corrections are new events', () => {
  const posted = (): readonly PublicationEvent[] => [...drafted(), ...spec.given(drafted()).when(post('2026-03-02', '2026-03-17')).events()];
  it('a query on a posted publication is recorded, answered once', () => {
    const ask: PublicationCommand = { type: 'RecordPublicationQuery', data: { publicationId: P, queryId: 'q-1', residentRef: 'r-9', question: '修路款为何增加?' }, metadata: meta('2026-03-05T02:00:00Z') };
    const asked = spec.given(posted()).when(ask).events();
    const answer: PublicationCommand = { type: 'AnswerPublicationQuery', data: { publicationId: P, queryId: 'q-1', answer: '材料涨价' }, metadata: meta('2026-03-06T02:00:00Z') };
    spec.given([...posted(), ...asked]).when(answer).thenContains([{ type: 'PublicationQueryAnswered' }]);
    const answered = spec.given([...posted(), ...asked]).when(answer).events();
    spec.given([...posted(), ...asked, ...answered]).when(answer).thenThrows(PublicationStepNotAllowed, { code: 'PUBLICATION.QUERY_ALREADY_ANSWERED' });
    spec.given(drafted()).when(ask).thenThrows(PublicationStepNotAllowed, { code: 'PUBLICATION.NOT_POSTED' });
  });
  it('a posted publication is not redrafted but corrected by a new event', () => {
    const revise: PublicationCommand = { type: 'ReviseDraft', data: { publicationId: P, title: 'x', documentHash: HASH }, metadata: meta('2026-03-05T02:00:00Z') };
    spec.given(posted()).when(revise).thenThrows(PublicationStepNotAllowed, { rule: 'SV-8' });
    const correct: PublicationCommand = { type: 'CorrectPublication', data: { publicationId: P, correctionId: 'fix-1', title: '2026年2月财务收支（更正）', documentHash: 'd'.repeat(64), reason: '金额笔误' }, metadata: meta('2026-03-05T02:00:00Z') };
    spec.given(posted()).when(correct).thenContains([{ type: 'PublicationCorrected' }]);
  });
});

describe('PD-2 each general category at least quarterly in villages; finance monthly where classed busy', () => {
  const posted = [
    { publicationId: 'a', category: 'meeting_decisions', postedFrom: '2026-01-10' },
    { publicationId: 'b', category: 'finance', postedFrom: '2026-03-31' },
  ];
  it('a quarter with no publication of a category is missed once the quarter ended; the last day of the quarter counts', () => {
    const periods = publicationCadence('village', { financeMonthly: false, urbanCadence: 'none' }, posted, '2026-01-01', '2026-04-01');
    const q1 = periods.filter((p) => p.period === '2026-Q1');
    expect(q1.find((p) => p.category === 'finance')).toMatchObject({ status: 'met', publicationIds: ['b'] });
    expect(q1.find((p) => p.category === 'meeting_decisions')).toMatchObject({ status: 'met', rule: 'PD-2' });
    expect(q1.find((p) => p.category === 'government_assistance')).toMatchObject({ status: 'missed', end: '2026-03-31' });
    expect(periods.find((p) => p.period === '2026-Q2' && p.category === 'finance')).toMatchObject({ status: 'open' });
    const onLastDay = publicationCadence('village', { financeMonthly: false, urbanCadence: 'none' }, posted, '2026-01-01', '2026-03-31');
    expect(onLastDay.find((p) => p.period === '2026-Q1' && p.category === 'government_assistance')).toMatchObject({ status: 'open' });
  });
  it('finance by month when the locality classes the village busy', () => {
    const periods = publicationCadence('village', { financeMonthly: true, urbanCadence: 'none' }, posted, '2026-01-01', '2026-04-01').filter((p) => p.category === 'finance');
    expect(periods.map((p) => [p.period, p.status])).toEqual([['2026-01', 'missed'], ['2026-02', 'missed'], ['2026-03', 'met'], ['2026-04', 'open']]);
  });
});

describe('PD-5 urban cadence is locality policy (the law sets none)', () => {
  it('no cadence unless the locality sets one', () => {
    expect(publicationCadence('urban_community', { financeMonthly: false, urbanCadence: 'none' }, [], '2026-01-01', '2026-12-31')).toEqual([]);
    const half = publicationCadence('urban_community', { financeMonthly: false, urbanCadence: 'half' }, [], '2026-01-01', '2026-07-01');
    expect(half.filter((p) => p.category === 'facilities').map((p) => [p.period, p.status, p.rule])).toEqual([['2026-H1', 'missed', 'PD-5'], ['2026-H2', 'open', 'PD-5']]);
  });
});
