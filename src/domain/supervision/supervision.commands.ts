import type { Command } from '../shared';
import type { CommunityKind, MeetingKind } from '../rules';
import type { OfficeHolder } from '../community/community.events';
import type { SupervisionMember } from './supervision.events';
import type { Relation, SupervisionDomain } from './supervision.vocabulary';
import type { ObligationCommand } from './supervision.obligations';
import type { SupervisionDeadlineCommand } from './supervision.deadlines';
import type { PublicationComplaintCommand } from './publication-complaint';
import type { ExpenditureControlCommand } from './expenditure-control';

/** Outside facts eligibility is judged by: the office holders in force and the locality's definitions. */
export type EligibilityFacts = Readonly<{
  officeHolders: Readonly<{ recordId: string | null; holders: readonly OfficeHolder[] }>;
  nearRelativeRelations: readonly Relation[];
  extendedExclusions: readonly string[];
}>;

/** The electing decision, read by the application from the meeting's stream (never from the request body). */
export type ElectingDecisionFact = Readonly<{
  meetingId: string;
  itemId: string;
  communityId: string;
  meetingKind: MeetingKind;
  adopted: boolean;
  status: string | null;
  decidedOn: string | null;
}>;

export type ConstituteSupervisionCommittee = Command<
  'ConstituteSupervisionCommittee',
  {
    communityId: string;
    committeeId: string;
    termId: string;
    members: readonly SupervisionMember[];
    justification?: string;
    community: Readonly<{ kind: CommunityKind; terms: readonly Readonly<{ termId: string; startsOn: string; endsOn: string }>[] }>;
    decision: ElectingDecisionFact;
    eligibility: EligibilityFacts;
    ruleSwitchDate?: string;
  }
>;

export type DeclareKinship = Command<
  'DeclareKinship',
  { communityId: string; kinshipId: string; personRef: string; relativeRef: string; relation: Relation; eligibility: EligibilityFacts; timeZone: string }
>;

export type WithdrawKinship = Command<'WithdrawKinship', { communityId: string; kinshipId: string; reason: string; eligibility: EligibilityFacts; timeZone: string }>;

/** Sent after the community's office holders changed: records new conflicts and clears resolved ones. */
export type RecheckSupervisionEligibility = Command<'RecheckSupervisionEligibility', { communityId: string; eligibility: EligibilityFacts; timeZone: string }>;

export type ReportMisconduct = Command<
  'ReportMisconduct',
  { communityId: string; reportId: string; title: string; documentHash: string; governmentRef: string; supervisoryOrganRef: string; timeZone: string }
>;

export type RecordAppraisal = Command<
  'RecordAppraisal',
  {
    communityId: string;
    appraisalId: string;
    year: string;
    results: readonly Readonly<{ cadreRef: string; competent: number; basicallyCompetent: number; incompetent: number }>[];
    /** Outside facts: the meeting (from its stream), the community's kind and the locality threshold. */
    meeting: Readonly<{ meetingId: string; communityId: string; kind: MeetingKind; heldOn: string | null }>;
    communityKind: CommunityKind;
    threshold: 'majority' | 'two_thirds';
  }
>;

type Tz = { communityId: string; timeZone: string };
export type RaiseInquiry = Command<'RaiseInquiry', Tz & { inquiryId: string; domain: SupervisionDomain; subject: string; question: string; answerDueBy?: string }>;
export type AnswerInquiry = Command<'AnswerInquiry', Tz & { inquiryId: string; answer: string }>;
export type RecordFinding = Command<'RecordFinding', Tz & { findingId: string; domain: SupervisionDomain; title: string; documentHash: string; inquiryId?: string }>;
export type RequestRectification = Command<'RequestRectification', Tz & { rectificationId: string; findingId: string; requirement: string; dueBy: string }>;
export type ReportRectification = Command<'ReportRectification', Tz & { rectificationId: string; reportHash: string }>;
export type CloseRectification = Command<'CloseRectification', Tz & { rectificationId: string; outcome: 'rectified' | 'not_rectified' }>;
export type CasebookCommand = RaiseInquiry | AnswerInquiry | RecordFinding | RequestRectification | ReportRectification | CloseRectification;

export type SupervisionCommand = ConstituteSupervisionCommittee | DeclareKinship | WithdrawKinship | RecheckSupervisionEligibility | ReportMisconduct | ObligationCommand | RecordAppraisal | CasebookCommand | PublicationComplaintCommand | ExpenditureControlCommand | SupervisionDeadlineCommand;
