import type { Command } from '../shared';
import type { CommunityKind, MatterType, MeetingKind, PetitionBasis, ResidentsMeetingMode } from '../rules';
import type { RosterFact } from './meeting.events';

/**
 * Outside facts every meeting command may carry: the rule-set switch date is configuration
 * (default 2026-01-01); the roster and community kind are resolved by the application.
 */
type RuleConfig = { ruleSwitchDate?: string };

export type PetitionToConvene = Command<
  'PetitionToConvene',
  RuleConfig & {
    meetingId: string;
    communityId: string;
    communityKind: CommunityKind;
    kind: MeetingKind;
    petitionId: string;
    basis: PetitionBasis;
    signerRefs: readonly string[];
    roster: RosterFact;
    timeZone: string;
  }
>;

export type ConveneMeeting = Command<
  'ConveneMeeting',
  RuleConfig & {
    meetingId: string;
    communityId: string;
    communityKind: CommunityKind;
    kind: MeetingKind;
    /** ISO instant with offset. occurredAt is when notice was given. */
    scheduledFor: string;
    timeZone: string;
    urgencyReason?: string;
    groupId?: string;
    residentsMode?: ResidentsMeetingMode;
    /** Snapshot in force on the meeting date (group counts for a group meeting, composition for a representative meeting). */
    roster: RosterFact;
  }
>;

export type AgendaAuthorisationFact = Readonly<{
  authorisationId: string;
  matterTypes: readonly MatterType[];
  validFrom: string;
  validUntil: string | null;
}>;

export type AddAgendaItem = Command<
  'AddAgendaItem',
  RuleConfig & {
    meetingId: string;
    itemId: string;
    title: string;
    matterType: MatterType;
    important?: boolean;
    /** The plenary's recorded authorisation, for a reserved matter at a representative meeting (VM-6, RM-7). */
    authorisation?: AgendaAuthorisationFact;
  }
>;

export type RecordPartyPreDeliberation = Command<
  'RecordPartyPreDeliberation',
  { meetingId: string; itemId: string; deliberatedOn: string; partyOrganisationRef: string; minutesRef: string }
>;

export type RecordAttendance = Command<
  'RecordAttendance',
  {
    meetingId: string;
    present: number;
    householdsRepresented?: number;
    observers?: number;
    attendeeRefs?: readonly string[];
    observerRefs?: readonly string[];
  }
>;

export type RecordVote = Command<'RecordVote', RuleConfig & { meetingId: string; itemId: string; yes: number; no: number; abstain: number }>;

export type CloseMeeting = Command<'CloseMeeting', { meetingId: string }>;

export type OrderCorrection = Command<
  'OrderCorrection',
  { meetingId: string; itemId: string; correctionId: string; authorityRef: string; reason: string }
>;

export type RecordCourtRevocation = Command<
  'RecordCourtRevocation',
  { meetingId: string; itemId: string; courtRef: string; judgmentRef: string; judgmentDate: string; reason: string }
>;

export type OverruleByHigherMeeting = Command<
  'OverruleByHigherMeeting',
  {
    meetingId: string;
    itemId: string;
    action: 'revoke' | 'change';
    reason: string;
    changeSummary?: string;
    /** The overruling decision, resolved by the application from the higher meeting's stream. */
    byDecision: Readonly<{ meetingId: string; itemId: string; meetingKind: MeetingKind; outcome: 'adopted' | 'rejected'; status: DecisionStatus }>;
  }
>;

export type DecisionStatus = 'in_force' | 'corrected' | 'changed' | 'revoked';

/** VM-2, VM-10, RM-2, RM-4: the watchdog's record that a petition was not honoured in time (meeting.must-convene.ts). */
export type RecordMustConveneNotHonoured = Command<
  'RecordMustConveneNotHonoured',
  { meetingId: string; withinDays: number; timeZone: string }
>;
/** SV-5 (meeting.supervision.ts): a supervision committee member admitted as observer, or a refusal reported. */
export type AdmitSupervisionObserver = Command<'AdmitSupervisionObserver', { meetingId: string; personRef: string }>;
export type RecordSupervisionObserverRefused = Command<'RecordSupervisionObserverRefused', { meetingId: string; personRef: string; refusedByRole: string; note: string }>;
export type MeetingSupervisionCommand = AdmitSupervisionObserver | RecordSupervisionObserverRefused;

export type MeetingCommand =
  | RecordMustConveneNotHonoured
  | PetitionToConvene
  | ConveneMeeting
  | AddAgendaItem
  | RecordPartyPreDeliberation
  | RecordAttendance
  | RecordVote
  | CloseMeeting
  | OrderCorrection
  | RecordCourtRevocation
  | OverruleByHigherMeeting
  | MeetingSupervisionCommand;
