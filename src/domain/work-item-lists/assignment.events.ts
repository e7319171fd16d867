import type { Event } from '../shared';
import type { EmergencyCategory, ListKind } from './work-list.vocabulary';

export type EmergencyFlag = Readonly<{ exemptionId: string; category: EmergencyCategory; expiresOn: string }>;

type AssignmentData = {
  assignmentId: string;
  jurisdictionId: string;
  communityId: string;
  departmentRef: string;
  itemId: string | null;
  taskCategory: string | null;
  title: string;
  assignedOn: string;
  /** The list version in force on assignedOn (null when none was). */
  listVersion: number | null;
  occurredAt: string;
};

/** On a positive list and not on the negative list of the version in force on the assignment's date. */
export type TaskAdmitted = Event<'TaskAdmitted', AssignmentData & { list: ListKind | null; emergency: EmergencyFlag | null }>;

export type RefusalReason =
  | 'no_list_in_force'
  | 'not_on_list'
  | 'on_negative_list'
  | 'negative_category'
  | 'not_a_work_item'
  | 'not_commissioning_department';

/** A refused assignment is evidence of the burden the lists exist to stop: recorded, not only answered. */
export type TaskRefused = Event<'TaskRefused', AssignmentData & { reason: RefusalReason; rule: string; message: string; exemptionExpired: string | null }>;

/** The community refuses an assignment itself, citing the list (§5.3: 社区有权拒绝). */
export type AssignmentRefusedByCommunity = Event<
  'AssignmentRefusedByCommunity',
  { assignmentId: string; communityId: string; citedItemId: string | null; citedCategory: string | null; reason: string; rule: string; refusedOn: string; occurredAt: string }
>;

export type AssignmentEvent = TaskAdmitted | TaskRefused | AssignmentRefusedByCommunity;

/** §5.3 emergency exemption: recorded with its category, who invoked it and its expiry. */
export type EmergencyExemptionInvoked = Event<
  'EmergencyExemptionInvoked',
  {
    exemptionId: string;
    jurisdictionId: string;
    category: EmergencyCategory;
    invokedByRole: string;
    invokedByRef: string;
    reasons: string;
    startsOn: string;
    expiresOn: string;
    /** Empty: every community of the jurisdiction. */
    communityIds: readonly string[];
    occurredAt: string;
  }
>;

/** Local rule (郑州二七区): departments may not separately assess or rank communities on admitted items. */
export type SeparateAssessmentRecorded = Event<
  'SeparateAssessmentRecorded',
  {
    assessmentId: string;
    jurisdictionId: string;
    departmentRef: string;
    title: string;
    heldOn: string;
    communityIds: readonly string[];
    /** The admitted (positive-list) items the assessment ranks communities on. */
    admittedItemIds: readonly string[];
    listVersion: number;
    rule: 'WL-4';
    violation: true;
    occurredAt: string;
  }
>;

export type WorkListOversightEvent = EmergencyExemptionInvoked | SeparateAssessmentRecorded;

export const assignmentEventSchema = {
  TaskAdmitted: 1,
  TaskRefused: 1,
  AssignmentRefusedByCommunity: 1,
  EmergencyExemptionInvoked: 1,
  SeparateAssessmentRecorded: 1,
} as const satisfies Record<AssignmentEvent['type'] | WorkListOversightEvent['type'], number>;
