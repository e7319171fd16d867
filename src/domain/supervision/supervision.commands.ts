import type { Command } from '../shared';
import type { CommunityKind, MeetingKind } from '../rules';
import type { OfficeHolder } from '../community/community.events';
import type { SupervisionMember } from './supervision.events';
import type { Relation } from './supervision.vocabulary';
import type { ObligationCommand } from './supervision.obligations';
import type { RecordAppraisal } from './appraisal';

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

export type SupervisionCommand = ConstituteSupervisionCommittee | DeclareKinship | WithdrawKinship | RecheckSupervisionEligibility | ReportMisconduct | ObligationCommand | RecordAppraisal;
