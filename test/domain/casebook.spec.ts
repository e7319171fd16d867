import { DeciderSpecification } from '../support/decider-specification';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionDecider } from '../../src/domain/supervision';
import { cmd, committeeHistory, run } from './supervision-test-history';
import { ValidationError } from '../../src/domain/shared';

const spec = DeciderSpecification.for(supervisionDecider);
const committee = committeeHistory;
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
