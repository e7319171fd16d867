import { holdsRole } from '../shared/actor-roles';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, assertNever, localDate, type Command, type Decider, type FieldProblem } from '../shared';
import { admission, type ExemptionFact } from './admission';
import type { AssignmentEvent, TaskAdmitted, TaskRefused } from './assignment.events';
import type { ListVersion } from './list-set.decider';
import { NEGATIVE_CATEGORIES, WORK_LIST_ROLES, LIST_RULE, type CommunityKindOfList } from './work-list.vocabulary';

export const toAssignmentStreamId = (assignmentId: string): string => `work-assignment-${assignmentId}`;

export type Assignment =
  | Readonly<{ status: 'none' }>
  | Readonly<{ status: 'admitted' | 'refused' | 'refused_by_community'; communityId: string; jurisdictionId: string; assignedOn: string; emergency: boolean }>;

/** The registered community an assignment goes to, as its stream records it (kind, district, time zone). */
export type AssignedCommunity = Readonly<{ kind: CommunityKindOfList; districtRef: string; timeZone: string }>;

/** The outside facts of an assignment: the list set and its version in force on the date, the community, the exemption named. */
export type AssignmentFacts = Readonly<{
  listSet: Readonly<{ communityKind: CommunityKindOfList; coveredAreaRefs: readonly string[] }> | null;
  community: AssignedCommunity | null;
  version: ListVersion | undefined;
  exemption: ExemptionFact | null;
}>;

export type AssignTask = Command<
  'AssignTask',
  {
    assignmentId: string;
    jurisdictionId: string;
    communityId: string;
    departmentRef: string;
    itemId: string | null;
    taskCategory: string | null;
    title: string;
    exemptionId: string | null;
    facts: AssignmentFacts;
  }
>;

/**
 * `citedItemId`: a negative-list item of the version in force on the assignment's date; or
 * `citedCategory`: a negative category of the community's kind. `community`: the assigned community
 * as its stream records it (its kind picks the negative categories and the rule, its zone the date).
 */
export type RefuseAssignment = Command<
  'RefuseAssignment',
  { assignmentId: string; citedItemId: string | null; citedCategory: string | null; reason: string; facts: Readonly<{ version: ListVersion | undefined; community: AssignedCommunity }> }
>;

export type AssignmentCommand = AssignTask | RefuseAssignment;

const evolve = (state: Assignment, event: AssignmentEvent): Assignment => {
  switch (event.type) {
    case 'TaskAdmitted':
    case 'TaskRefused': {
      const d = event.data;
      const emergency = event.type === 'TaskAdmitted' && event.data.emergency !== null;
      return { status: event.type === 'TaskAdmitted' ? 'admitted' : 'refused', communityId: d.communityId, jurisdictionId: d.jurisdictionId, assignedOn: d.assignedOn, emergency };
    }
    case 'AssignmentRefusedByCommunity':
      return state.status === 'none' ? state : { ...state, status: 'refused_by_community' };
    default:
      return assertNever(event);
  }
};

const assign = ({ data, metadata }: AssignTask, state: Assignment): AssignmentEvent[] => {
  if (!holdsRole(metadata.actorRoles, WORK_LIST_ROLES.department, { department: data.departmentRef })) {
    throw new ForbiddenError('ASSIGNMENT.NOT_ALLOWED', `only department ${data.departmentRef} assigns in its own name`);
  }
  if (state.status !== 'none') throw new IllegalStateError('ASSIGNMENT.EXISTS', `assignment ${data.assignmentId} was already made`);
  const problems: FieldProblem[] = [];
  if (data.title.trim() === '') problems.push({ field: 'title', message: 'must not be empty' });
  if (data.itemId === null && data.taskCategory === null && data.exemptionId === null) problems.push({ field: 'itemId', message: 'name the list item the task falls under (or its category)' });
  if (problems.length > 0) throw new ValidationError('invalid assignment', problems, 'ASSIGNMENT.INVALID');
  const { listSet, community, version, exemption } = data.facts;
  if (listSet === null) throw new IllegalStateError('WORK_LIST.SET_NOT_ESTABLISHED', `no list set of ${data.jurisdictionId} is established`);
  if (community === null) throw new NotFoundError('COMMUNITY.NOT_FOUND', `no community ${data.communityId} is registered`);
  const rule = LIST_RULE[listSet.communityKind];
  if (community.kind !== listSet.communityKind || !listSet.coveredAreaRefs.includes(community.districtRef)) {
    throw new ValidationError(`the lists of ${data.jurisdictionId} do not govern ${data.communityId}`, [{ field: 'jurisdictionId', message: `${data.communityId} (${community.kind}, ${community.districtRef}) is not covered` }], 'ASSIGNMENT.WRONG_LIST_SET', rule);
  }
  if (data.exemptionId !== null && exemption === null) throw new NotFoundError('EXEMPTION.NOT_FOUND', `no emergency exemption ${data.exemptionId}`);
  const assignedOn = localDate(metadata.occurredAt, community.timeZone);
  const base = {
    assignmentId: data.assignmentId, jurisdictionId: data.jurisdictionId, communityId: data.communityId, departmentRef: data.departmentRef,
    itemId: data.itemId, taskCategory: data.taskCategory, title: data.title, assignedOn, occurredAt: metadata.occurredAt.toISOString(),
  };
  const outcome = admission({ ...base }, listSet.communityKind, version, exemption);
  if (outcome.outcome === 'admitted') {
    const event: TaskAdmitted = { type: 'TaskAdmitted', data: { ...base, listVersion: outcome.listVersion, list: outcome.list, emergency: outcome.emergency } };
    return [event];
  }
  const event: TaskRefused = {
    type: 'TaskRefused',
    data: { ...base, listVersion: outcome.listVersion, reason: outcome.reason, rule: outcome.rule, message: outcome.message, exemptionExpired: outcome.exemptionExpired },
  };
  return [event];
};

const refuse = ({ data, metadata }: RefuseAssignment, state: Assignment): AssignmentEvent[] => {
  if (state.status === 'none') throw new NotFoundError('ASSIGNMENT.NOT_FOUND', `no assignment ${data.assignmentId}`);
  if (!WORK_LIST_ROLES.communityCommittees.some((r) => holdsRole(metadata.actorRoles, r, { community: state.communityId }))) {
    throw new ForbiddenError('ASSIGNMENT.NOT_ALLOWED', `only the committee of ${state.communityId} refuses its assignments`);
  }
  if (state.status === 'refused_by_community') return [];
  if (state.status === 'refused') throw new IllegalStateError('ASSIGNMENT.ALREADY_REFUSED', 'the engine refused this assignment on admission');
  const { kind, timeZone } = data.facts.community;
  const rule = LIST_RULE[kind];
  if (data.reason.trim() === '') throw new ValidationError('a refusal gives its reason', [{ field: 'reason', message: 'must not be empty' }]);
  if (data.citedItemId !== null) {
    const item = data.facts.version?.items[data.citedItemId];
    if (item === undefined || (item.list !== 'negative')) {
      throw new ValidationError('the cited item is not on the negative list in force on the assignment date', [{ field: 'citedItemId', message: 'cite a negative-list item' }], 'ASSIGNMENT.REFUSAL_CITATION', rule);
    }
  } else if (data.citedCategory === null || !(NEGATIVE_CATEGORIES[kind] as readonly string[]).includes(data.citedCategory)) {
    throw new ValidationError('a refusal cites the list: a negative-list item or a negative category', [{ field: 'citedCategory', message: `one of ${NEGATIVE_CATEGORIES[kind].join(', ')}` }], 'ASSIGNMENT.REFUSAL_CITATION', rule);
  }
  return [{
    type: 'AssignmentRefusedByCommunity',
    data: { assignmentId: data.assignmentId, communityId: state.communityId, citedItemId: data.citedItemId, citedCategory: data.citedItemId === null ? data.citedCategory : null, reason: data.reason, rule, refusedOn: localDate(metadata.occurredAt, timeZone), occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const decide = (command: AssignmentCommand, state: Assignment): AssignmentEvent[] => {
  switch (command.type) {
    case 'AssignTask':
      return assign(command, state);
    case 'RefuseAssignment':
      return refuse(command, state);
    default:
      return assertNever(command);
  }
};

export const assignmentDecider: Decider<Assignment, AssignmentCommand, AssignmentEvent> = { initialState: () => ({ status: 'none' }), evolve, decide };
