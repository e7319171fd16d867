import { DeciderSpecification } from '../support/decider-specification';
import { CIVIL_CODE_NEAR_RELATIVES, SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionDecider, type SupervisionCommand, type SupervisionEvent } from '../../src/domain/supervision';
import { ValidationError } from '../../src/domain/shared';

const spec = DeciderSpecification.for(supervisionDecider);
const meta = (occurredAt: string) => ({ now: new Date('2026-12-31T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'p-a', actorRoles: ['supervision_committee@community:c-1'] });
const committee = supervisionDecider.decide({
  type: 'ConstituteSupervisionCommittee',
  data: {
    communityId: 'c-1', committeeId: 'svc-1', termId: 't', community: { kind: 'village', terms: [{ termId: 't', startsOn: '2026-01-01', endsOn: '2030-12-31' }] },
    members: [{ personRef: 'p-a', role: 'director', competences: ['finance'], basis: 'villager' }, { personRef: 'p-b', role: 'member', competences: [], basis: 'villager' }, { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' }],
    decision: { meetingId: 'm-0', itemId: 'e', communityId: 'c-1', meetingKind: 'villagers_meeting', adopted: true, status: 'in_force', decidedOn: '2026-01-20' },
    eligibility: { officeHolders: { recordId: null, holders: [] }, nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES, extendedExclusions: [] },
  },
  metadata: meta('2026-01-21T09:00:00+08:00'),
} as SupervisionCommand, supervisionDecider.initialState());

const cmd = (type: string, data: Record<string, unknown>, occurredAt = '2026-03-01T09:00:00+08:00'): SupervisionCommand => ({ type, data: { communityId: 'c-1', timeZone: 'Asia/Shanghai', ...data }, metadata: meta(occurredAt) }) as unknown as SupervisionCommand;
const run = (history: readonly SupervisionEvent[], ...commands: SupervisionCommand[]): SupervisionEvent[] =>
  commands.reduce<SupervisionEvent[]>((h, c) => [...h, ...supervisionDecider.decide(c, h.reduce(supervisionDecider.evolve, supervisionDecider.initialState()))], [...history]);
const finding = cmd('RecordFinding', { findingId: 'f-1', domain: 'construction_projects', title: '工程款超付', documentHash: 'a'.repeat(64) });

describe('SV-11 a finding is tagged with one of the six supervision domains', () => {
  it('accepts a domain of the six, refuses another', () => {
    spec.given(committee).when(finding).thenContains([{ type: 'FindingRecorded', data: expect.objectContaining({ domain: 'construction_projects', committeeId: 'svc-1' }) as never }]);
    spec.given(committee).when(cmd('RecordFinding', { findingId: 'f-1', domain: 'gossip', title: 'x', documentHash: 'a'.repeat(64) })).thenThrows(ValidationError);
  });
});

describe('SV-12 inquiries are raised by a committee in office and answered once', () => {
  it('raised, answered, not answered twice; none without a committee', () => {
    const raise = cmd('RaiseInquiry', { inquiryId: 'i-1', domain: 'collective_property', subject: '资产出租', question: '租金去向?' });
    const answer = cmd('AnswerInquiry', { inquiryId: 'i-1', answer: '入账' });
    const history = run(committee, raise, answer);
    expect(history.slice(-2).map((e) => e.type)).toEqual(['InquiryRaised', 'InquiryAnswered']);
    spec.given(history).when(answer).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.INQUIRY_ALREADY_ANSWERED' });
    spec.given([]).when(raise).thenThrows(SupervisionStepNotAllowed, { rule: 'SV-12' });
  });
});

describe('SV-12 rectification: requested with a future due date, reported, closed', () => {
  const request = (dueBy: string) => cmd('RequestRectification', { rectificationId: 'r-1', findingId: 'f-1', requirement: '追回', dueBy });
  it('a due date of today is refused, tomorrow is accepted', () => {
    spec.given(run(committee, finding)).when(request('2026-03-01')).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.RECTIFICATION_DUE_IN_PAST' });
    spec.given(run(committee, finding)).when(request('2026-03-02')).thenContains([{ type: 'RectificationRequested' }]);
  });
  it('closing as rectified needs a report first', () => {
    const requested = run(committee, finding, request('2026-03-31'));
    spec.given(requested).when(cmd('CloseRectification', { rectificationId: 'r-1', outcome: 'rectified' })).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.NOT_REPORTED' });
    const reported = run(requested, cmd('ReportRectification', { rectificationId: 'r-1', reportHash: 'b'.repeat(64) }, '2026-03-20T09:00:00+08:00'));
    spec.given(reported).when(cmd('CloseRectification', { rectificationId: 'r-1', outcome: 'rectified' }, '2026-03-21T09:00:00+08:00')).thenContains([{ type: 'RectificationClosed', data: expect.objectContaining({ outcome: 'rectified', closedOn: '2026-03-21' }) as never }]);
  });
});
