import { holdsRole } from '../shared/actor-roles';
import {
  ForbiddenError,
  IllegalStateError,
  RuleViolationError,
  ValidationError,
  addWorkingDays,
  assertNever,
  isPlainDate,
  localDate,
  type Command,
  type Decider,
  type FieldProblem,
  type WorkingCalendar,
  NotFoundError,
} from '../shared';
import { requireRegisteredCommunities, type RegisteredCommunities } from './registered-communities';
import type { ChangeOp, ChangeRequestEvent, ChangeRequestFiled, ConsultationPosition } from './change-request.events';
import type { ApprovedChangeFact } from './list-set.decider';
import type { WorkListPolicySnapshot } from './work-list-policy.events';
import { assertAssistanceItemFunded, cleanItem, itemProblems, type WorkItem } from './work-item';
import { WORK_LIST_ROLES, type CommunityKindOfList } from './work-list.vocabulary';

export const toChangeRequestStreamId = (changeRequestId: string): string => `work-list-change-${changeRequestId}`;

export type ChangeRequestStatus = 'filed' | 'approved' | 'rejected' | 'withdrawn';

export type ChangeRequest =
  | Readonly<{ status: 'none' }>
  | Readonly<{
      status: ChangeRequestStatus;
      filed: ChangeRequestFiled['data'];
      consulted: readonly string[];
      answered: readonly string[];
      reviewed: boolean;
      provincialApprovalRef: string | null;
      approval: null | Readonly<{ approvingBody: string; effectiveFrom: string; decidedOn: string }>;
      overdueRecorded: boolean;
    }>;

type Open = Exclude<ChangeRequest, { status: 'none' }>;

/** What the application reads for the filing: the policy in force, the calendar, and the list set. */
export type FilingFacts = Readonly<{
  policy: WorkListPolicySnapshot | null;
  calendar: WorkingCalendar;
  communityKind: CommunityKindOfList | null;
  /** The item as the latest list version holds it, or null when it is not on the lists. */
  currentItem: WorkItem | null;
}>;

export type FileChangeRequest = Command<
  'FileChangeRequest',
  { changeRequestId: string; jurisdictionId: string; departmentRef: string; op: ChangeOp; itemId: string; item: WorkItem | null; reasons: string; proposedEffectiveFrom: string; facts: FilingFacts }
>;
export type ConsultCommunities = Command<'ConsultCommunities', { changeRequestId: string; communityIds: readonly string[]; answerBy?: string; facts: RegisteredCommunities }>;
export type AnswerConsultation = Command<'AnswerConsultation', { changeRequestId: string; communityId: string; position: ConsultationPosition; comments: string }>;
export type ReviewChangeRequest = Command<'ReviewChangeRequest', { changeRequestId: string; recommendation: 'approve' | 'reject'; reasons: string }>;
export type RecordProvincialApproval = Command<'RecordProvincialApproval', { changeRequestId: string; approvalRef: string; approvedOn: string }>;
export type ApproveChangeRequest = Command<'ApproveChangeRequest', { changeRequestId: string; reasons: string; effectiveFrom?: string }>;
export type RejectChangeRequest = Command<'RejectChangeRequest', { changeRequestId: string; reasons: string }>;
export type WithdrawChangeRequest = Command<'WithdrawChangeRequest', { changeRequestId: string; reason: string }>;
export type RecordDecisionOverdue = Command<'RecordDecisionOverdue', { changeRequestId: string; today: string }>;

export type ChangeRequestCommand =
  | FileChangeRequest
  | ConsultCommunities
  | AnswerConsultation
  | ReviewChangeRequest
  | RecordProvincialApproval
  | ApproveChangeRequest
  | RejectChangeRequest
  | WithdrawChangeRequest
  | RecordDecisionOverdue;

const evolve = (state: ChangeRequest, event: ChangeRequestEvent): ChangeRequest => {
  if (event.type === 'ChangeRequestFiled') {
    return { status: 'filed', filed: event.data, consulted: [], answered: [], reviewed: false, provincialApprovalRef: null, approval: null, overdueRecorded: false };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CommunitiesConsulted':
      return { ...state, consulted: [...new Set([...state.consulted, ...event.data.communityIds])] };
    case 'ConsultationAnswered':
      return { ...state, answered: [...state.answered, event.data.communityId] };
    case 'ChangeRequestReviewed':
      return { ...state, reviewed: true };
    case 'ProvincialApprovalRecorded':
      return { ...state, provincialApprovalRef: event.data.approvalRef };
    case 'ChangeRequestApproved':
      return { ...state, status: 'approved', approval: { approvingBody: event.data.approvingBody, effectiveFrom: event.data.effectiveFrom, decidedOn: event.data.decidedOn } };
    case 'ChangeRequestRejected':
      return { ...state, status: 'rejected' };
    case 'ChangeRequestWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'ChangeRequestDecisionOverdue':
      return { ...state, overdueRecorded: true };
    default:
      return assertNever(event);
  }
};

/** The facts of an approved request the list set's publication needs (PublishApprovedChange). */
export const approvedChangeFact = (state: ChangeRequest): ApprovedChangeFact | null => {
  if (state.status === 'none') return null;
  const f = state.filed;
  return {
    changeRequestId: f.changeRequestId, jurisdictionId: f.jurisdictionId, status: state.status, op: f.op, itemId: f.itemId, item: f.item,
    effectiveFrom: state.approval?.effectiveFrom ?? f.proposedEffectiveFrom, approvedBy: state.approval?.approvingBody ?? '', approvedOn: state.approval?.decidedOn ?? '',
    needsProvincialApproval: f.needsProvincialApproval, provincialApprovalRef: state.provincialApprovalRef,
  };
};

const text = (value: string, field: string, problems: FieldProblem[]): void => {
  if (typeof value !== 'string' || value.trim() === '') problems.push({ field, message: 'must not be empty' });
};

const opened = (state: ChangeRequest, id: string): Open => {
  if (state.status === 'none') throw new NotFoundError('CHANGE_REQUEST.NOT_FOUND', `no change request ${id} was filed`);
  return state;
};

const undecided = (state: ChangeRequest, id: string): Open => {
  const open = opened(state, id);
  if (open.status !== 'filed') throw new IllegalStateError('CHANGE_REQUEST.DECIDED', `change request ${id} is ${open.status}`, 'WL-3');
  return open;
};

const inJurisdiction = (roles: readonly string[], role: string, state: Open, what: string): void => {
  if (!holdsRole(roles, role, { jurisdiction: state.filed.jurisdictionId })) throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', `only the ${what} of ${state.filed.jurisdictionId} may do this`);
};

const file = ({ data, metadata }: FileChangeRequest, state: ChangeRequest): ChangeRequestEvent[] => {
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.department, { department: data.departmentRef })) {
    throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', `only department ${data.departmentRef} applies in its own name`);
  }
  if (state.status !== 'none') throw new IllegalStateError('CHANGE_REQUEST.EXISTS', `change request ${data.changeRequestId} was already filed`);
  const problems: FieldProblem[] = [];
  text(data.reasons, 'reasons', problems);
  if (!isPlainDate(data.proposedEffectiveFrom)) problems.push({ field: 'proposedEffectiveFrom', message: 'must be YYYY-MM-DD' });
  if (data.op === 'remove' ? data.item !== null : data.item === null) problems.push({ field: 'item', message: data.op === 'remove' ? 'a removal names no item' : 'the item as it should read' });
  if (data.item !== null) {
    problems.push(...itemProblems(data.item));
    if (data.item.itemId !== data.itemId) problems.push({ field: 'item.itemId', message: 'must equal itemId' });
  }
  if (problems.length > 0) throw new ValidationError('invalid change request', problems, 'CHANGE_REQUEST.INVALID');
  const { policy, calendar, communityKind, currentItem } = data.facts;
  if (communityKind === null) throw new IllegalStateError('WORK_LIST.SET_NOT_ESTABLISHED', `no list set of ${data.jurisdictionId} is established`);
  if (policy === null) throw new RuleViolationError('WORK_LIST.NO_POLICY_IN_FORCE', `${data.jurisdictionId} has no admission policy in force`, 'WL-3');
  if (data.op === 'add' && currentItem !== null) throw new IllegalStateError('WORK_LIST.ITEM_EXISTS', `${data.itemId} is already on the lists`);
  if (data.op !== 'add' && currentItem === null) throw new NotFoundError('WORK_LIST.ITEM_UNKNOWN', `${data.itemId} is not on the lists`);
  // WL-1 is checked again when the version is made; refusing early spares the procedure.
  if (data.item !== null) assertAssistanceItemFunded(data.item);
  const filedOn = localDate(metadata.occurredAt);
  const earliest = addWorkingDays(filedOn, policy.applyLeadWorkingDays, calendar);
  if (data.proposedEffectiveFrom < earliest) {
    throw new RuleViolationError('CHANGE_REQUEST.APPLIED_TOO_LATE', `apply ${policy.applyLeadWorkingDays} working days ahead: take effect on ${earliest} at the earliest`, 'WL-3', { earliest, policyVersion: policy.version });
  }
  const item = data.item === null ? null : cleanItem(data.item);
  const mechanism = (item ?? currentItem)?.list === 'mechanism';
  return [{
    type: 'ChangeRequestFiled',
    data: {
      changeRequestId: data.changeRequestId, jurisdictionId: data.jurisdictionId, departmentRef: data.departmentRef, op: data.op, itemId: data.itemId, item,
      reasons: data.reasons, proposedEffectiveFrom: data.proposedEffectiveFrom, filedOn, policyVersion: policy.version, reviewingBody: policy.reviewingBody,
      approvingBody: policy.approvingBody, reviewRequired: policy.reviewRequired, consultCommunities: policy.consultCommunities,
      applyLeadWorkingDays: policy.applyLeadWorkingDays, decisionDueOn: addWorkingDays(filedOn, policy.decisionWorkingDays, calendar),
      needsProvincialApproval: mechanism && data.op === 'add' && communityKind === 'village', occurredAt: metadata.occurredAt.toISOString(),
    },
  }];
};

const consult = ({ data, metadata }: ConsultCommunities, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.reviewBody, { jurisdiction: open.filed.jurisdictionId }) && !holdsRole(metadata.actorRoles, WORK_LIST_ROLES.approvalBody, { jurisdiction: open.filed.jurisdictionId })) {
    throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', 'the reviewing or approving body consults the communities');
  }
  const problems: FieldProblem[] = [];
  if (data.communityIds.length === 0) problems.push({ field: 'communityIds', message: 'at least one community' });
  if (data.answerBy !== undefined && !isPlainDate(data.answerBy)) problems.push({ field: 'answerBy', message: 'must be YYYY-MM-DD' });
  if (problems.length > 0) throw new ValidationError('invalid consultation', problems, 'CHANGE_REQUEST.INVALID');
  requireRegisteredCommunities(data.communityIds, data.facts);
  const fresh = data.communityIds.filter((c) => !open.consulted.includes(c));
  if (fresh.length === 0) return [];
  return [{ type: 'CommunitiesConsulted', data: { changeRequestId: data.changeRequestId, communityIds: fresh, answerBy: data.answerBy ?? null, occurredAt: metadata.occurredAt.toISOString() } }];
};

const answer = ({ data, metadata }: AnswerConsultation, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  if (!WORK_LIST_ROLES.communityCommittees.some((r) => holdsRole(metadata.actorRoles, r, { community: data.communityId }))) {
    throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', `only the committee of ${data.communityId} answers for it`);
  }
  if (!open.consulted.includes(data.communityId)) throw new IllegalStateError('CHANGE_REQUEST.NOT_CONSULTED', `${data.communityId} was not consulted on this request`);
  if (open.answered.includes(data.communityId)) throw new IllegalStateError('CHANGE_REQUEST.ALREADY_ANSWERED', `${data.communityId} has answered`);
  if (!['agree', 'object', 'no_opinion'].includes(data.position)) throw new ValidationError('invalid answer', [{ field: 'position', message: 'agree, object or no_opinion' }]);
  return [{ type: 'ConsultationAnswered', data: { ...data, occurredAt: metadata.occurredAt.toISOString() } }];
};

const review = ({ data, metadata }: ReviewChangeRequest, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  inJurisdiction(metadata.actorRoles, WORK_LIST_ROLES.reviewBody, open, 'reviewing body');
  const problems: FieldProblem[] = [];
  text(data.reasons, 'reasons', problems);
  if (!['approve', 'reject'].includes(data.recommendation)) problems.push({ field: 'recommendation', message: 'approve or reject' });
  if (problems.length > 0) throw new ValidationError('invalid review', problems, 'CHANGE_REQUEST.INVALID');
  if (open.reviewed) throw new IllegalStateError('CHANGE_REQUEST.ALREADY_REVIEWED', 'the request was reviewed');
  if (open.filed.consultCommunities && open.consulted.length === 0) {
    throw new IllegalStateError('CHANGE_REQUEST.NOT_CONSULTED', 'the policy in force on filing has the communities consulted before the review', 'WL-3');
  }
  return [{
    type: 'ChangeRequestReviewed',
    data: { ...data, reviewingBody: open.filed.reviewingBody, reviewedOn: localDate(metadata.occurredAt), occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const provincial = ({ data, metadata }: RecordProvincialApproval, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.provincialGovernment) && !holdsRole(metadata.actorRoles, WORK_LIST_ROLES.approvalBody, { jurisdiction: open.filed.jurisdictionId })) {
    throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', 'the provincial government, or the approving body citing its document, records provincial approval');
  }
  if (!open.filed.needsProvincialApproval) throw new IllegalStateError('CHANGE_REQUEST.NO_PROVINCIAL_APPROVAL_NEEDED', 'only a new village-level mechanism needs provincial approval', 'WL-6');
  const problems: FieldProblem[] = [];
  text(data.approvalRef, 'approvalRef', problems);
  if (!isPlainDate(data.approvedOn)) problems.push({ field: 'approvedOn', message: 'must be YYYY-MM-DD' });
  if (problems.length > 0) throw new ValidationError('invalid provincial approval', problems, 'CHANGE_REQUEST.INVALID');
  return [{ type: 'ProvincialApprovalRecorded', data: { ...data, rule: 'WL-6', occurredAt: metadata.occurredAt.toISOString() } }];
};

const decision = (roles: readonly string[], open: Open, reasons: string) => {
  inJurisdiction(roles, WORK_LIST_ROLES.approvalBody, open, 'approving body');
  const problems: FieldProblem[] = [];
  text(reasons, 'reasons', problems);
  if (problems.length > 0) throw new ValidationError('a decision gives its reasons', problems, 'CHANGE_REQUEST.INVALID');
  if (open.filed.reviewRequired && !open.reviewed) throw new IllegalStateError('CHANGE_REQUEST.NOT_REVIEWED', `${open.filed.reviewingBody} reviews before the decision`, 'WL-3');
};

const approve = ({ data, metadata }: ApproveChangeRequest, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  decision(metadata.actorRoles, open, data.reasons);
  if (open.filed.consultCommunities && open.consulted.length === 0) throw new IllegalStateError('CHANGE_REQUEST.NOT_CONSULTED', 'the communities are consulted before the decision', 'WL-3');
  if (open.filed.needsProvincialApproval && open.provincialApprovalRef === null) {
    throw new RuleViolationError('CHANGE_REQUEST.PROVINCIAL_APPROVAL_REQUIRED', 'a new village-level mechanism needs provincial approval first', 'WL-6');
  }
  const decidedOn = localDate(metadata.occurredAt);
  const effectiveFrom = data.effectiveFrom ?? open.filed.proposedEffectiveFrom;
  if (!isPlainDate(effectiveFrom)) throw new ValidationError('invalid date', [{ field: 'effectiveFrom', message: 'must be YYYY-MM-DD' }]);
  if (effectiveFrom < decidedOn) throw new ValidationError('a change takes effect on or after its approval', [{ field: 'effectiveFrom', message: 'not before the approval' }], 'CHANGE_REQUEST.RETROACTIVE');
  return [{
    type: 'ChangeRequestApproved',
    data: { changeRequestId: data.changeRequestId, approvingBody: open.filed.approvingBody, reasons: data.reasons, effectiveFrom, decidedOn, late: decidedOn > open.filed.decisionDueOn, occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const reject = ({ data, metadata }: RejectChangeRequest, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = undecided(state, data.changeRequestId);
  decision(metadata.actorRoles, open, data.reasons);
  const decidedOn = localDate(metadata.occurredAt);
  return [{
    type: 'ChangeRequestRejected',
    data: { changeRequestId: data.changeRequestId, approvingBody: open.filed.approvingBody, reasons: data.reasons, decidedOn, late: decidedOn > open.filed.decisionDueOn, occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const withdraw = ({ data, metadata }: WithdrawChangeRequest, state: ChangeRequest): ChangeRequestEvent[] => {
  const open = opened(state, data.changeRequestId);
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.department, { department: open.filed.departmentRef })) {
    throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', 'only the applying department withdraws its request');
  }
  if (open.status === 'withdrawn') return [];
  undecided(state, data.changeRequestId);
  return [{ type: 'ChangeRequestWithdrawn', data: { ...data, withdrawnOn: localDate(metadata.occurredAt), occurredAt: metadata.occurredAt.toISOString() } }];
};

const overdue = ({ data, metadata }: RecordDecisionOverdue, state: ChangeRequest): ChangeRequestEvent[] => {
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.watchdog)) throw new ForbiddenError('CHANGE_REQUEST.NOT_ALLOWED', 'only the watchdog records a missed decision deadline');
  const open = opened(state, data.changeRequestId);
  if (open.overdueRecorded) return [];
  if (open.status !== 'filed') throw new IllegalStateError('CHANGE_REQUEST.DECIDED', `change request ${data.changeRequestId} is ${open.status}`);
  if (!(data.today > open.filed.decisionDueOn)) throw new IllegalStateError('CHANGE_REQUEST.NOT_OVERDUE', `the decision is due by ${open.filed.decisionDueOn}`);
  return [{ type: 'ChangeRequestDecisionOverdue', data: { changeRequestId: data.changeRequestId, dueOn: open.filed.decisionDueOn, detectedOn: data.today, occurredAt: metadata.occurredAt.toISOString() } }];
};

const decide = (command: ChangeRequestCommand, state: ChangeRequest): ChangeRequestEvent[] => {
  switch (command.type) {
    case 'FileChangeRequest':
      return file(command, state);
    case 'ConsultCommunities':
      return consult(command, state);
    case 'AnswerConsultation':
      return answer(command, state);
    case 'ReviewChangeRequest':
      return review(command, state);
    case 'RecordProvincialApproval':
      return provincial(command, state);
    case 'ApproveChangeRequest':
      return approve(command, state);
    case 'RejectChangeRequest':
      return reject(command, state);
    case 'WithdrawChangeRequest':
      return withdraw(command, state);
    case 'RecordDecisionOverdue':
      return overdue(command, state);
    default:
      return assertNever(command);
  }
};

export const changeRequestDecider: Decider<ChangeRequest, ChangeRequestCommand, ChangeRequestEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};
