import { DeciderSpecification } from '../support/decider-specification';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionDecider, type SupervisionEvent } from '../../src/domain/supervision';
import { NotFoundError, ValidationError } from '../../src/domain/shared';
import { cmd, committeeHistory, run } from './supervision-test-history';

const spec = DeciderSpecification.for(supervisionDecider);
const hash = 'd'.repeat(64);
const veto = (enabled = true, vetoId = 'v-1') => cmd('VetoExpenditure', { vetoId, expenditureRef: 'exp-1', title: '招待费', documentHash: hash, grounds: '超标准', policy: { enabled, policyVersion: enabled ? 2 : null } });
const appeal = cmd('AppealExpenditureVeto', { vetoId: 'v-1', appellantRef: 'p-chair', grounds: '属必要开支' }, '2026-03-03T09:00:00+08:00');
const decision = (over: Record<string, unknown> = {}) => ({ meetingId: 'm-9', itemId: 'appeal', communityId: 'c-1', meetingKind: 'village_representatives_meeting', outcome: 'adopted', status: 'in_force', decidedOn: '2026-03-10', ...over });
const decide = (over: Record<string, unknown> = {}) => cmd('DecideExpenditureVetoAppeal', { vetoId: 'v-1', communityKind: 'village', decision: decision(over) }, '2026-03-11T09:00:00+08:00');
const book = (countersignRequired: boolean, voucherId = 'vc-1') => cmd('BookVoucher', { voucherId, expenditureRef: 'exp-1', documentHash: hash, policy: { countersignRequired, policyVersion: 2 } }, '2026-03-12T09:00:00+08:00');
const sign = (decisionText: 'signed' | 'refused', comments?: string) => cmd('CountersignVoucher', { voucherId: 'vc-1', expenditureRef: 'exp-1', decision: decisionText, signerRef: 'p-a', ...(comments === undefined ? {} : { comments }) }, '2026-03-02T09:00:00+08:00');

describe('SV-15 the committee vetoes an unreasonable expenditure where the locality policy has the workflow', () => {
  it('refused when the policy in force has no veto; recorded when it has one', () => {
    spec.given(committeeHistory).when(veto(false)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.VETO_NOT_IN_POLICY', rule: 'SV-15' });
    spec.given(committeeHistory).when(veto(true)).thenContains([{ type: 'ExpenditureVetoed', data: expect.objectContaining({ committeeId: 'svc-1', expenditureRef: 'exp-1', policyVersion: 2, vetoedOn: '2026-03-01' }) as never }]);
  });
  it('needs a committee in office; one standing veto per expenditure', () => {
    spec.given([]).when(veto()).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.NO_ACTIVE_COMMITTEE' });
    spec.given(run(committeeHistory, veto())).when(veto(true, 'v-2')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.EXPENDITURE_ALREADY_VETOED' });
  });
});

describe('SV-15 the appeal is decided by a meeting whose decision is read from its stream', () => {
  const appealed = (): SupervisionEvent[] => run(committeeHistory, veto(), appeal);
  it('no meeting decision without an appeal', () => {
    spec.given(run(committeeHistory, veto())).when(decide()).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.VETO_NOT_APPEALED', rule: 'SV-15' });
    spec.given(committeeHistory).when(appeal).thenThrows(NotFoundError, { code: 'SUPERVISION.UNKNOWN_VETO' });
  });
  it('an adopted decision overturns the veto, a rejected one upholds it', () => {
    spec.given(appealed()).when(decide()).thenContains([{ type: 'ExpenditureVetoAppealDecided', data: expect.objectContaining({ result: 'veto_overturned', decidedBy: expect.objectContaining({ meetingId: 'm-9', outcome: 'adopted' }) }) as never }]);
    spec.given(appealed()).when(decide({ outcome: 'rejected', status: null })).thenContains([{ type: 'ExpenditureVetoAppealDecided', data: expect.objectContaining({ result: 'veto_upheld' }) as never }]);
  });
  it('only a villagers\' (representative) meeting decides; an item not yet voted is not a decision', () => {
    spec.given(appealed()).when(decide({ meetingKind: 'villagers_committee_meeting' })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.WRONG_APPEAL_MEETING', rule: 'SV-15' });
    spec.given(appealed()).when(decide({ outcome: null, decidedOn: null })).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.APPEAL_NOT_DECIDED' });
  });
  it('a decision the day of the appeal counts, the day before does not', () => {
    spec.given(appealed()).when(decide({ decidedOn: '2026-03-02' })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.DECIDED_BEFORE_APPEAL' });
    spec.given(appealed()).when(decide({ decidedOn: '2026-03-03' })).thenContains([{ type: 'ExpenditureVetoAppealDecided' }]);
  });
  it('a decided veto is not appealed again', () => {
    spec.given(run(appealed(), decide({ outcome: 'rejected' }))).when(appeal).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.VETO_NOT_APPEALABLE' });
  });
});

describe('SV-13 a voucher is booked with the committee\'s co-signature where the policy requires it', () => {
  it('without co-signature: refused when required, booked when not', () => {
    spec.given(committeeHistory).when(book(true)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.VOUCHER_NOT_COUNTERSIGNED', rule: 'SV-13' });
    spec.given(committeeHistory).when(book(false)).thenContains([{ type: 'VoucherBooked', data: expect.objectContaining({ countersignRequired: false, countersignedBy: null }) as never }]);
  });
  it('a refused voucher is not booked; a signed one is, naming the committee', () => {
    spec.given(run(committeeHistory, sign('refused', '票据不全'))).when(book(true)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.VOUCHER_NOT_COUNTERSIGNED' });
    spec.given(run(committeeHistory, sign('signed'))).when(book(true)).thenContains([{ type: 'VoucherBooked', data: expect.objectContaining({ countersignRequired: true, countersignedBy: 'svc-1', bookedOn: '2026-03-12' }) as never }]);
  });
  it('a refusal says why; no signing after booking', () => {
    spec.given(committeeHistory).when(sign('refused')).thenThrows(ValidationError);
    spec.given(run(committeeHistory, sign('signed'), book(true))).when(sign('signed')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.VOUCHER_ALREADY_BOOKED' });
  });
  it('SV-15: a standing veto blocks booking until a meeting overturns it', () => {
    const vetoed = run(committeeHistory, veto(), sign('signed'));
    spec.given(vetoed).when(book(true)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.EXPENDITURE_VETOED', rule: 'SV-15' });
    spec.given(run(vetoed, appeal, decide({ outcome: 'rejected' }))).when(book(true)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.EXPENDITURE_VETOED' });
    spec.given(run(vetoed, appeal, decide())).when(book(true)).thenContains([{ type: 'VoucherBooked' }]);
  });
});
