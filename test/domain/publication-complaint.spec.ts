import { DeciderSpecification } from '../support/decider-specification';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionDecider } from '../../src/domain/supervision';
import { NotFoundError, ValidationError } from '../../src/domain/shared';
import { cmd, run } from './supervision-test-history';

const spec = DeciderSpecification.for(supervisionDecider);
const hash = 'c'.repeat(64);
const file = cmd('FilePublicationComplaint', { complaintId: 'pc-1', ground: 'not_published', category: 'finance', subject: '一季度财务未公布', complainantRef: 'p-r1', filedWith: 'township-t-1' });
const open = cmd('OpenPublicationInvestigation', { complaintId: 'pc-1' }, '2026-03-02T09:00:00+08:00');
const finding = (f: 'founded' | 'unfounded') => cmd('RecordComplaintFinding', { complaintId: 'pc-1', finding: f, documentHash: hash }, '2026-03-05T09:00:00+08:00');
const order = (dueBy: string, orderId = 'po-1') => cmd('OrderPublication', { complaintId: 'pc-1', orderId, dueBy }, '2026-03-06T09:00:00+08:00');

describe('PD-4 a complaint that something was not published or was untrue', () => {
  it('is filed with its ground and the category to publish; untrue names the publication', () => {
    spec.given([]).when(file).then([{ type: 'PublicationComplaintFiled', data: { communityId: 'c-1', complaintId: 'pc-1', ground: 'not_published', category: 'finance', publicationId: null, subject: '一季度财务未公布', complainantRef: 'p-r1', filedWith: 'township-t-1', filedOn: '2026-03-01', occurredAt: '2026-03-01T01:00:00.000Z' } }]);
    spec.given([]).when(cmd('FilePublicationComplaint', { complaintId: 'pc-2', ground: 'untrue', category: 'finance', subject: '数字不实', complainantRef: 'p-r1', filedWith: 't' })).thenThrows(ValidationError);
    spec.given([]).when(cmd('FilePublicationComplaint', { complaintId: 'pc-2', ground: 'untrue', category: 'finance', publicationId: 'pub-1', subject: '数字不实', complainantRef: 'p-r1', filedWith: 't' })).thenContains([{ type: 'PublicationComplaintFiled' }]);
    spec.given(run([], file)).when(file).thenNothingHappened();
  });
});

describe('PD-4 investigation -> finding -> order, in that order', () => {
  it('a finding before the investigation is opened is refused', () => {
    spec.given(run([], file)).when(finding('founded')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.INVESTIGATION_NOT_OPEN', rule: 'PD-4' });
  });
  it('no order before a finding, nor after an unfounded one', () => {
    spec.given(run([], file)).when(order('2026-03-20')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.ORDER_WITHOUT_FOUNDED_FINDING', rule: 'PD-4' });
    spec.given(run([], file, open)).when(order('2026-03-20')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.ORDER_WITHOUT_FOUNDED_FINDING' });
    spec.given(run([], file, open, finding('unfounded'))).when(order('2026-03-20')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.ORDER_WITHOUT_FOUNDED_FINDING' });
  });
  it('a founded finding leads to an order that opens an obligation for the complained category', () => {
    spec.given(run([], file, open, finding('founded'))).when(order('2026-03-20')).then([{
      type: 'PublicationOrdered',
      data: { communityId: 'c-1', complaintId: 'pc-1', orderId: 'po-1', obligationId: 'order:c-1/po-1', category: 'finance', dueBy: '2026-03-20', orderedOn: '2026-03-06', occurredAt: '2026-03-06T01:00:00.000Z' },
    }]);
  });
  it('the order is due after the day it is made: today is refused, tomorrow accepted', () => {
    const founded = run([], file, open, finding('founded'));
    spec.given(founded).when(order('2026-03-06')).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.ORDER_DUE_IN_PAST', rule: 'PD-4' });
    spec.given(founded).when(order('2026-03-07')).thenContains([{ type: 'PublicationOrdered' }]);
  });
  it('one order per complaint; the same order again changes nothing; a finding is not recorded twice (SV-8)', () => {
    const ordered = run([], file, open, finding('founded'), order('2026-03-20'));
    spec.given(ordered).when(order('2026-03-20')).thenNothingHappened();
    spec.given(ordered).when(order('2026-03-25', 'po-2')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.ALREADY_ORDERED' });
    spec.given(run([], file, open, finding('unfounded'))).when(finding('founded')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.COMPLAINT_ALREADY_DECIDED' });
  });
  it('an unknown complaint is a 404', () => {
    spec.given([]).when(open).thenThrows(NotFoundError, { code: 'SUPERVISION.UNKNOWN_COMPLAINT' });
  });
});
