import { DeciderSpecification } from '../support/decider-specification';
import { supervisionDecider, SupervisionStepNotAllowed, type SupervisionCommand } from '../../src/domain/supervision';
import { obligationDueBy } from '../../src/domain/publication';
import { ForbiddenError, ValidationError } from '../../src/domain/shared';

const spec = DeciderSpecification.for(supervisionDecider);
const watchdog = (occurredAt: string) => ({ now: new Date('2026-12-31T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'system:watchdog', actorRoles: ['watchdog'] });
const cadenceMissed = (occurredAt: string, postedOn: string[] = [], roles?: string[]): SupervisionCommand => ({
  type: 'RecordPublicationCadenceMissed',
  data: { communityId: 'c-1', category: 'government_assistance', period: '2026-Q1', rule: 'PD-2', start: '2026-01-01', end: '2026-03-31', postedOn, timeZone: 'Asia/Shanghai' },
  metadata: roles === undefined ? watchdog(occurredAt) : { ...watchdog(occurredAt), actorRoles: roles },
});

describe('PD-2 the watchdog records a quarter that ended with a category unpublished', () => {
  it('not on the last day of the quarter, but on the day after; once', () => {
    spec.given([]).when(cadenceMissed('2026-03-31T10:00:00+08:00')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.PERIOD_NOT_OVER', rule: 'PD-2' });
    const recorded = spec.given([]).when(cadenceMissed('2026-04-01T00:10:00+08:00')).events();
    expect(recorded).toEqual([expect.objectContaining({ type: 'PublicationCadenceMissed', data: expect.objectContaining({ period: '2026-Q1', detectedOn: '2026-04-01' }) })]);
    spec.given(recorded).when(cadenceMissed('2026-04-02T00:10:00+08:00')).thenNothingHappened();
  });
  it('refuses when a publication was posted in the quarter (the last day counts), and anyone but the watchdog', () => {
    spec.given([]).when(cadenceMissed('2026-04-01T09:00:00+08:00', ['2026-03-31'])).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.CADENCE_MET' });
    spec.given([]).when(cadenceMissed('2026-04-01T09:00:00+08:00', ['2026-04-01'])).thenContains([{ type: 'PublicationCadenceMissed' }]);
    spec.given([]).when(cadenceMissed('2026-04-01T09:00:00+08:00', [], ['villagers_committee@community:c-1'])).thenThrows(ForbiddenError);
  });
});

describe('PD-1 an obligation is due within the locality maximum lag (PD-2 随时, PD-10 e.g. 5 days), else by the end of the quarter', () => {
  it('due dates', () => {
    expect(obligationDueBy('2026-02-10', null)).toBe('2026-03-31');
    expect(obligationDueBy('2026-02-10', 5)).toBe('2026-02-15');
  });
  const missed = (occurredAt: string, coveredOn: string | null): SupervisionCommand => ({
    type: 'RecordPublicationObligationMissed',
    data: { communityId: 'c-1', obligationId: 'decision:m-1/funds', rule: 'PD-1', dueBy: '2026-02-15', coveredOn, timeZone: 'Asia/Shanghai' },
    metadata: watchdog(occurredAt),
  });
  it('recorded the day after the due date unless covered by then; a late publication does not undo the miss', () => {
    spec.given([]).when(missed('2026-02-15T20:00:00+08:00', null)).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.OBLIGATION_NOT_DUE' });
    spec.given([]).when(missed('2026-02-16T09:00:00+08:00', '2026-02-15')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.OBLIGATION_MET' });
    spec.given([]).when(missed('2026-02-20T09:00:00+08:00', '2026-02-16')).thenContains([{ type: 'PublicationObligationMissed' }]);
  });
  it('funds received open an obligation with a stable id', () => {
    const receipt: SupervisionCommand = { type: 'RecordFundsReceipt', data: { communityId: 'c-1', receiptId: 'r-1', fundKind: 'subsidy', title: '补贴', documentHash: 'a'.repeat(64), receivedOn: '2026-02-10' }, metadata: { ...watchdog('2026-02-10T09:00:00+08:00'), actorRoles: ['villagers_committee@community:c-1'] } };
    spec.given([]).when(receipt).thenContains([{ type: 'FundsReceiptRecorded', data: expect.objectContaining({ obligationId: 'funds:c-1/r-1' }) as never }]);
    spec.given([]).when({ ...receipt, data: { ...receipt.data, receivedOn: '2026-02-30' } } as SupervisionCommand).thenThrows(ValidationError);
  });
});
