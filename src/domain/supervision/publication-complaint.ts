import { NotFoundError, isIsoDate, localDate, personalDataInRef, type Command, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import { PUBLICATION_CATEGORIES } from '../publication/publication.vocabulary';
import { COMPLAINT_GROUNDS, publicationOrderObligationId, type ComplaintGround, type PublicationComplaintEvent } from './publication-complaint.events';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import type { Supervision } from './supervision.state';

type Tz = { communityId: string; timeZone: string };
export type FilePublicationComplaint = Command<
  'FilePublicationComplaint',
  Tz & { complaintId: string; ground: ComplaintGround; category: string; publicationId?: string; subject: string; complainantRef: string; filedWith: string }
>;
export type OpenPublicationInvestigation = Command<'OpenPublicationInvestigation', Tz & { complaintId: string }>;
export type RecordComplaintFinding = Command<'RecordComplaintFinding', Tz & { complaintId: string; finding: 'founded' | 'unfounded'; documentHash: string }>;
export type OrderPublication = Command<'OrderPublication', Tz & { complaintId: string; orderId: string; dueBy: string }>;
export type PublicationComplaintCommand = FilePublicationComplaint | OpenPublicationInvestigation | RecordComplaintFinding | OrderPublication;

const HASH = /^(sha256:)?[0-9a-f]{64}$/;

const complaintOf = (state: Supervision, complaintId: string) => {
  const complaint = state.complaints[complaintId];
  if (complaint === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_COMPLAINT', `No publication complaint ${complaintId}`);
  return complaint;
};

/**
 * PD-4, in its order: complaint -> investigation -> finding (founded / unfounded) -> on a founded
 * finding only, one publication order with a due date after the order. Nothing is withdrawn (SV-8).
 */
export const decidePublicationComplaint = (command: PublicationComplaintCommand, state: Supervision): PublicationComplaintEvent[] => {
  const today = localDate(command.metadata.occurredAt, command.data.timeZone);
  switch (command.type) {
    case 'FilePublicationComplaint': {
      const d = command.data;
      if (state.complaints[d.complaintId] !== undefined) return [];
      const problems: FieldProblem[] = [];
      if (!COMPLAINT_GROUNDS.includes(d.ground)) problems.push({ field: 'ground', message: COMPLAINT_GROUNDS.join(' or ') });
      if (!(PUBLICATION_CATEGORIES as readonly string[]).includes(d.category)) problems.push({ field: 'category', message: `one of ${PUBLICATION_CATEGORIES.join(', ')}` });
      if (d.ground === 'untrue' && (d.publicationId ?? '').trim() === '') problems.push({ field: 'publicationId', message: 'an untrue publication is named (PD-4: 公布不真实)' });
      if (d.subject.trim() === '') problems.push({ field: 'subject', message: 'required' });
      const personal = personalDataInRef(d.complainantRef);
      if (personal !== null) problems.push({ field: 'complainantRef', message: personal });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{
        type: 'PublicationComplaintFiled',
        data: { communityId: d.communityId, complaintId: d.complaintId, ground: d.ground, category: d.category, publicationId: d.publicationId ?? null, subject: d.subject.trim(), complainantRef: d.complainantRef, filedWith: d.filedWith, filedOn: today, occurredAt },
      }];
    }
    case 'OpenPublicationInvestigation': {
      const d = command.data;
      const complaint = complaintOf(state, d.complaintId);
      if (complaint.status === 'investigating') return [];
      if (complaint.status !== 'filed') throw new SupervisionStepNotAllowed('COMPLAINT_ALREADY_DECIDED', `Complaint ${d.complaintId} is ${complaint.status}`, 'PD-4');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'PublicationInvestigationOpened', data: { communityId: d.communityId, complaintId: d.complaintId, openedOn: today, occurredAt } }];
    }
    case 'RecordComplaintFinding': {
      const d = command.data;
      const complaint = complaintOf(state, d.complaintId);
      const problems: FieldProblem[] = [];
      if (d.finding !== 'founded' && d.finding !== 'unfounded') problems.push({ field: 'finding', message: 'founded or unfounded' });
      if (!HASH.test(d.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      if (complaint.status === 'filed') throw new SupervisionStepNotAllowed('INVESTIGATION_NOT_OPEN', `Complaint ${d.complaintId} is not under investigation (调查核实 first)`, 'PD-4');
      if (complaint.status !== 'investigating') throw new SupervisionStepNotAllowed('COMPLAINT_ALREADY_DECIDED', `Complaint ${d.complaintId} is ${complaint.status}`, 'PD-4');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'PublicationComplaintFindingRecorded', data: { communityId: d.communityId, complaintId: d.complaintId, finding: d.finding, documentHash: d.documentHash, decidedOn: today, occurredAt } }];
    }
    case 'OrderPublication': {
      const d = command.data;
      const complaint = complaintOf(state, d.complaintId);
      if (complaint.status === 'ordered') {
        if (complaint.orderId === d.orderId) return [];
        throw new SupervisionStepNotAllowed('ALREADY_ORDERED', `Complaint ${d.complaintId} already led to order ${complaint.orderId}`, 'PD-4');
      }
      if (!isIsoDate(d.dueBy)) throw supervisionInvalid([{ field: 'dueBy', message: 'must be a date YYYY-MM-DD' }]);
      if (complaint.status !== 'founded') {
        throw new SupervisionStepNotAllowed('ORDER_WITHOUT_FOUNDED_FINDING', `Complaint ${d.complaintId} is ${complaint.status}: only a founded finding leads to a publication order`, 'PD-4');
      }
      if (d.dueBy <= today) throw new SupervisionRuleViolation('ORDER_DUE_IN_PAST', `dueBy ${d.dueBy} must lie after ${today}`, 'PD-4');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{
        type: 'PublicationOrdered',
        data: { communityId: d.communityId, complaintId: d.complaintId, orderId: d.orderId, obligationId: publicationOrderObligationId(d.communityId, d.orderId), category: complaint.category, dueBy: d.dueBy, orderedOn: today, occurredAt },
      }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
