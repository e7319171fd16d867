import type { Event } from '../shared';
import type { CommunityKind, MeetingKind } from '../rules';
import type { Competence, MemberBasis, Relation } from './supervision.vocabulary';
import type { ObligationEvent } from './supervision-obligations.events';
import type { AppraisalEvent } from './appraisal.events';
import type { CasebookEvent } from './casebook.events';
import type { SupervisionDeadlineEvent } from './supervision-deadlines.events';
import type { PublicationComplaintEvent } from './publication-complaint.events';
import type { ExpenditureControlEvent } from './expenditure-control.events';

export type SupervisionMember = Readonly<{ personRef: string; role: 'director' | 'member'; competences: readonly Competence[]; basis: MemberBasis }>;

/** SV-9 warnings the constitution carries with its recorded justification (not refusals). */
export type SupervisionWarning = Readonly<{ rule: 'SV-9'; code: 'SIZE_OUTSIDE_3_TO_5' | 'DIRECTOR_IS_PARTY_SECRETARY'; detail: string }>;

/** An SV-3 / SV-10 conflict between a supervision member and an office holder (directly, or through a declared kinship). */
export type EligibilityConflict = Readonly<{
  conflictId: string;
  committeeId: string;
  memberRef: string;
  rule: 'SV-3' | 'SV-10';
  cause: 'holds_post' | 'near_relative';
  officeHolderRef: string;
  post: string;
  kinshipId: string | null;
  relation: Relation | null;
}>;

/** SV-2: elected by the villagers'/residents' (representative) meeting whose adopted decision is named; SV-4: mandate ends with the term. */
export type SupervisionCommitteeConstituted = Event<
  'SupervisionCommitteeConstituted',
  {
    communityId: string;
    communityKind: CommunityKind;
    committeeId: string;
    termId: string;
    mandateStartsOn: string;
    mandateEndsOn: string;
    members: readonly SupervisionMember[];
    electedBy: Readonly<{ meetingId: string; itemId: string; meetingKind: MeetingKind; decidedOn: string }>;
    warnings: readonly SupervisionWarning[];
    justification: string | null;
    /** What eligibility was judged by: the office-holder record and the policy's near-relative relations and exclusions. */
    eligibilityBasis: Readonly<{ officeHoldersRecordId: string | null; nearRelativeRelations: readonly Relation[]; extendedExclusions: readonly string[] }>;
    ruleText: '2018' | '2025';
    occurredAt: string;
  }
>;

export type KinshipDeclared = Event<'KinshipDeclared', { communityId: string; kinshipId: string; personRef: string; relativeRef: string; relation: Relation; occurredAt: string }>;
export type KinshipWithdrawn = Event<'KinshipWithdrawn', { communityId: string; kinshipId: string; reason: string; occurredAt: string }>;

/** A conflict that appeared after constitution (a kinship declared, a post taken): recorded, never silently kept (SV-3). */
export type SupervisionEligibilityConflictRecorded = Event<
  'SupervisionEligibilityConflictRecorded',
  EligibilityConflict & { communityId: string; detectedOn: string; occurredAt: string }
>;
export type SupervisionEligibilityConflictCleared = Event<
  'SupervisionEligibilityConflictCleared',
  { communityId: string; committeeId: string; conflictId: string; detectedOn: string; occurredAt: string }
>;

/** SV-6: misconduct reported to the township government (street office) and the supervisory organ, both named. */
export type MisconductReported = Event<
  'MisconductReported',
  {
    communityId: string;
    committeeId: string;
    reportId: string;
    title: string;
    documentHash: string;
    governmentRef: string;
    supervisoryOrganRef: string;
    occurredAt: string;
  }
>;

export type SupervisionEvent =
  | SupervisionCommitteeConstituted
  | KinshipDeclared
  | KinshipWithdrawn
  | SupervisionEligibilityConflictRecorded
  | SupervisionEligibilityConflictCleared
  | MisconductReported
  | ObligationEvent
  | AppraisalEvent
  | CasebookEvent
  | SupervisionDeadlineEvent
  | PublicationComplaintEvent
  | ExpenditureControlEvent;

export const SupervisionEventSchema = {
  SupervisionCommitteeConstituted: 1,
  KinshipDeclared: 1,
  KinshipWithdrawn: 1,
  SupervisionEligibilityConflictRecorded: 1,
  SupervisionEligibilityConflictCleared: 1,
  MisconductReported: 1,
  FundsReceiptRecorded: 1,
  PublicationCadenceMissed: 1,
  PublicationObligationMissed: 1,
  AppraisalRecorded: 1,
  CadreMandateTerminated: 1,
  InquiryRaised: 1,
  InquiryAnswered: 1,
  FindingRecorded: 1,
  RectificationRequested: 1,
  RectificationReported: 1,
  RectificationClosed: 1,
  AppraisalNotHeld: 1,
  RectificationOverdue: 1,
  PublicationComplaintFiled: 1,
  PublicationInvestigationOpened: 1,
  PublicationComplaintFindingRecorded: 1,
  PublicationOrdered: 1,
  ExpenditureVetoed: 1,
  ExpenditureVetoAppealed: 1,
  ExpenditureVetoAppealDecided: 1,
  VoucherCountersigned: 1,
  VoucherBooked: 1,
} as const satisfies Record<SupervisionEvent['type'], number>;

export const SUPERVISION_EVENT_TYPES = Object.keys(SupervisionEventSchema) as SupervisionEvent['type'][];

/** One stream per community: its supervision committees, the kinship registry and conflicts. */
export const toSupervisionStreamId = (communityId: string): string => `supervision-${communityId}`;
