import { holdsRole } from '../shared/actor-roles';
import { ForbiddenError, IllegalStateError, ValidationError, assertNever, daysBetween, isPlainDate, type Command, type Decider, type FieldProblem } from '../shared';
import type { WorkListOversightEvent } from './assignment.events';
import type { ListVersion } from './list-set.decider';
import { requireRegisteredCommunities, type RegisteredCommunities } from './registered-communities';
import { EMERGENCY_CATEGORIES, WORK_LIST_ROLES, isPositiveList, type EmergencyCategory } from './work-list.vocabulary';

/** Emergency exemptions (`work-list-exemption-<id>`) and reported separate assessments (`work-list-assessment-<id>`). */
export const toExemptionStreamId = (exemptionId: string): string => `work-list-exemption-${exemptionId}`;
export const toAssessmentStreamId = (assessmentId: string): string => `work-list-assessment-${assessmentId}`;

export type Oversight = Readonly<{ recorded: boolean }>;

export type InvokeEmergencyExemption = Command<
  'InvokeEmergencyExemption',
  { exemptionId: string; jurisdictionId: string; category: EmergencyCategory; invokedByRef: string; reasons: string; startsOn: string; expiresOn: string; communityIds: readonly string[]; facts: RegisteredCommunities }
>;

/** Reported by a community, the reviewing or approving body or the civil-affairs office; the list version in force on `heldOn` is the fact. */
export type RecordSeparateAssessment = Command<
  'RecordSeparateAssessment',
  { assessmentId: string; jurisdictionId: string; departmentRef: string; title: string; heldOn: string; communityIds: readonly string[]; itemIds: readonly string[]; version: ListVersion | undefined; facts: RegisteredCommunities }
>;

export type OversightCommand = InvokeEmergencyExemption | RecordSeparateAssessment;

/** The longest an exemption may run without being invoked again (an emergency is not a standing arrangement). */
export const MAX_EXEMPTION_DAYS = 90;

const invoke = ({ data, metadata }: InvokeEmergencyExemption, state: Oversight): WorkListOversightEvent[] => {
  const asDepartment = holdsRole(metadata.actorRoles, WORK_LIST_ROLES.department, { department: data.invokedByRef });
  const asApprover = holdsRole(metadata.actorRoles, WORK_LIST_ROLES.approvalBody, { jurisdiction: data.jurisdictionId });
  if (!asDepartment && !asApprover) throw new ForbiddenError('EXEMPTION.NOT_ALLOWED', 'a department in its own name, or the approving body, invokes an emergency exemption');
  if (state.recorded) throw new IllegalStateError('EXEMPTION.EXISTS', `exemption ${data.exemptionId} was already invoked`);
  const problems: FieldProblem[] = [];
  if (!(EMERGENCY_CATEGORIES as readonly string[]).includes(data.category)) problems.push({ field: 'category', message: `one of ${EMERGENCY_CATEGORIES.join(', ')}` });
  if (data.reasons.trim() === '') problems.push({ field: 'reasons', message: 'must not be empty' });
  if (!isPlainDate(data.startsOn)) problems.push({ field: 'startsOn', message: 'must be YYYY-MM-DD' });
  if (!isPlainDate(data.expiresOn)) problems.push({ field: 'expiresOn', message: 'must be YYYY-MM-DD' });
  if (problems.length === 0 && data.expiresOn < data.startsOn) problems.push({ field: 'expiresOn', message: 'not before startsOn' });
  if (problems.length > 0) throw new ValidationError('invalid emergency exemption', problems, 'EXEMPTION.INVALID');
  requireRegisteredCommunities(data.communityIds, data.facts);
  if (daysBetween(data.startsOn, data.expiresOn) > MAX_EXEMPTION_DAYS) {
    throw new ValidationError(`an exemption runs at most ${MAX_EXEMPTION_DAYS} days`, [{ field: 'expiresOn', message: `within ${MAX_EXEMPTION_DAYS} days of startsOn` }], 'EXEMPTION.TOO_LONG');
  }
  const { facts: _registered, ...recorded } = data;
  return [{
    type: 'EmergencyExemptionInvoked',
    data: { ...recorded, communityIds: [...data.communityIds], invokedByRole: asDepartment ? WORK_LIST_ROLES.department : WORK_LIST_ROLES.approvalBody, occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const REPORTERS = [...WORK_LIST_ROLES.communityCommittees, WORK_LIST_ROLES.reviewBody, WORK_LIST_ROLES.approvalBody, WORK_LIST_ROLES.civilAffairs];

const assessment = ({ data, metadata }: RecordSeparateAssessment, state: Oversight): WorkListOversightEvent[] => {
  if (!REPORTERS.some((r) => holdsRole(metadata.actorRoles, r))) throw new ForbiddenError('ASSESSMENT.NOT_ALLOWED', 'a community committee or the list bodies report a separate assessment');
  if (state.recorded) return [];
  const problems: FieldProblem[] = [];
  if (data.title.trim() === '') problems.push({ field: 'title', message: 'must not be empty' });
  if (!isPlainDate(data.heldOn)) problems.push({ field: 'heldOn', message: 'must be YYYY-MM-DD' });
  if (data.communityIds.length === 0) problems.push({ field: 'communityIds', message: 'the communities assessed or ranked' });
  if (problems.length > 0) throw new ValidationError('invalid assessment report', problems, 'ASSESSMENT.INVALID');
  requireRegisteredCommunities(data.communityIds, data.facts);
  if (data.version === undefined) throw new IllegalStateError('WORK_LIST.NO_VERSION_IN_FORCE', `no list version in force on ${data.heldOn}`);
  const version = data.version;
  const admitted = data.itemIds.filter((id) => { const item = version.items[id]; return item !== undefined && isPositiveList(item.list); });
  if (admitted.length === 0) {
    throw new ValidationError('none of the items is an admitted work item', [{ field: 'itemIds', message: `no positive-list item of version ${version.version}` }], 'ASSESSMENT.NO_ADMITTED_ITEM', 'WL-4');
  }
  return [{
    type: 'SeparateAssessmentRecorded',
    data: {
      assessmentId: data.assessmentId, jurisdictionId: data.jurisdictionId, departmentRef: data.departmentRef, title: data.title, heldOn: data.heldOn,
      communityIds: [...data.communityIds], admittedItemIds: admitted, listVersion: version.version, rule: 'WL-4', violation: true, occurredAt: metadata.occurredAt.toISOString(),
    },
  }];
};

const decide = (command: OversightCommand, state: Oversight): WorkListOversightEvent[] => {
  switch (command.type) {
    case 'InvokeEmergencyExemption':
      return invoke(command, state);
    case 'RecordSeparateAssessment':
      return assessment(command, state);
    default:
      return assertNever(command);
  }
};

export const oversightDecider: Decider<Oversight, OversightCommand, WorkListOversightEvent> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide,
};

/** The exemption as admission reads it, from its one event. */
export const exemptionFactOf = (event: WorkListOversightEvent | undefined) =>
  event?.type === 'EmergencyExemptionInvoked'
    ? { exemptionId: event.data.exemptionId, jurisdictionId: event.data.jurisdictionId, category: event.data.category, startsOn: event.data.startsOn, expiresOn: event.data.expiresOn, communityIds: event.data.communityIds }
    : null;
