import type { Event } from '../shared';
import type { CommunityKind, MatterType, MeetingKind, PetitionBasis, ResidentsMeetingMode } from '../rules';

/** Denominators in force on the meeting date (VM-1, RM-1, VM-9, RM-4), with where they came from. */
export type RosterFact = Readonly<{
  /** Census snapshot id, or the representative-meeting constitution id for representative meetings. */
  sourceId: string;
  effectiveFrom: string;
  adults: number;
  households: number;
  members: number;
  representatives: number;
  residentGroups: number;
}>;

/** A petition to convene, counted against VM-2 / VM-10 / RM-2 / RM-4. `obliges` opens a must-convene obligation. */
export type ConveningPetitioned = Event<
  'ConveningPetitioned',
  {
    meetingId: string;
    communityId: string;
    communityKind: CommunityKind;
    kind: MeetingKind;
    petitionId: string;
    basis: PetitionBasis;
    signerRefs: readonly string[];
    signers: number;
    required: number;
    obliges: boolean;
    rule: string;
    formula: string;
    ruleText: '2018' | '2025';
    roster: RosterFact;
    occurredAt: string;
  }
>;

/** Notice given (occurredAt) for a meeting on `meetingDate`; discharges open petitions (VM-2, RM-2). */
export type MeetingConvened = Event<
  'MeetingConvened',
  {
    meetingId: string;
    communityId: string;
    communityKind: CommunityKind;
    kind: MeetingKind;
    groupId: string | null;
    residentsMode: ResidentsMeetingMode | null;
    scheduledFor: string;
    timeZone: string;
    noticeDate: string;
    meetingDate: string;
    noticeDays: number;
    /** Rule and minimum that applied to the notice, null when the text sets none. */
    noticeRule: string | null;
    minimumNoticeDays: number | null;
    urgencyReason: string | null;
    ruleText: '2018' | '2025';
    roster: RosterFact;
    dischargedPetitionIds: readonly string[];
    occurredAt: string;
  }
>;

export type AgendaItemAdded = Event<
  'AgendaItemAdded',
  {
    meetingId: string;
    itemId: string;
    title: string;
    matterType: MatterType;
    /** On the VM-6 / RM-7 list under the text in force on the meeting date. */
    reserved: boolean;
    /** Important matter needing Party pre-deliberation (VM-7, RM-7); reserved matters always are. */
    important: boolean;
    authorisationId: string | null;
    authorisationValidUntil: string | null;
    occurredAt: string;
  }
>;

export type PartyPreDeliberationRecorded = Event<
  'PartyPreDeliberationRecorded',
  { meetingId: string; itemId: string; deliberatedOn: string; partyOrganisationRef: string; minutesRef: string; occurredAt: string }
>;

/** Observers (列席) are recorded apart and never counted (RM-4). */
export type AttendanceRecorded = Event<
  'AttendanceRecorded',
  {
    meetingId: string;
    /** Context copied from the convening so read models keyed by community need no join. */
    communityId: string;
    kind: MeetingKind;
    heldOn: string;
    present: number;
    householdsRepresented: number;
    observers: number;
    attendeeRefs: readonly string[];
    observerRefs: readonly string[];
    quorumMet: boolean;
    quorumRule: string;
    quorumFormula: string;
    occurredAt: string;
  }
>;

export type VoteRecorded = Event<
  'VoteRecorded',
  {
    meetingId: string;
    itemId: string;
    /** Context copied from the convening and the agenda item for the decisions register. */
    communityId: string;
    kind: MeetingKind;
    matterType: MatterType;
    reserved: boolean;
    yes: number;
    no: number;
    abstain: number;
    present: number;
    outcome: 'adopted' | 'rejected';
    rule: string;
    formula: string;
    decidedOn: string;
    ruleText: '2018' | '2025';
    occurredAt: string;
  }
>;

export type MeetingClosed = Event<'MeetingClosed', { meetingId: string; occurredAt: string }>;

/** VM-12 (township government) / RM-8 (district government or street office). The decision stays in history. */
export type CorrectionOrdered = Event<
  'CorrectionOrdered',
  { meetingId: string; itemId: string; correctionId: string; orderedByRole: string; authorityRef: string; reason: string; rule: string; occurredAt: string }
>;

/** VM-13: a people's court revoked the decision. */
export type DecisionRevokedByCourt = Event<
  'DecisionRevokedByCourt',
  { meetingId: string; itemId: string; courtRef: string; judgmentRef: string; judgmentDate: string; reason: string; rule: string; occurredAt: string }
>;

/** VM-8: the plenary meeting revoked or changed a representative meeting's decision. */
export type DecisionOverruledByHigherMeeting = Event<
  'DecisionOverruledByHigherMeeting',
  {
    meetingId: string;
    itemId: string;
    action: 'revoke' | 'change';
    byMeetingId: string;
    byItemId: string;
    byMeetingKind: MeetingKind;
    reason: string;
    changeSummary: string | null;
    rule: string;
    occurredAt: string;
  }
>;

/** The watchdog's record: no meeting convened within MUST_CONVENE_WITHIN_DAYS of the obliging petition (meeting.must-convene.ts). */
export type MustConveneNotHonoured = Event<
  'MustConveneNotHonoured',
  {
    meetingId: string;
    communityId: string;
    kind: MeetingKind;
    rule: string;
    petitionIds: readonly string[];
    petitionedOn: string;
    withinDays: number;
    dueBy: string;
    /** The notice date of a meeting convened after the limit, null when none is convened yet. */
    convenedOn: string | null;
    detectedOn: string;
    occurredAt: string;
  }
>;
/** SV-5 (meeting.supervision.ts): observers admitted in their supervision-committee capacity; refusals with whether they break the text in force. */
export type SupervisionObserverAdmitted = Event<
  'SupervisionObserverAdmitted',
  { meetingId: string; communityId: string; kind: MeetingKind; personRef: string; capacity: 'supervision_committee'; occurredAt: string }
>;
export type SupervisionObserverRefused = Event<
  'SupervisionObserverRefused',
  { meetingId: string; communityId: string; kind: MeetingKind; personRef: string; refusedByRole: string; note: string; rule: 'SV-5'; ruleText: '2018' | '2025'; violation: boolean; occurredAt: string }
>;
export type MeetingSupervisionEvent = SupervisionObserverAdmitted | SupervisionObserverRefused;

export type MeetingEvent =
  | ConveningPetitioned
  | MeetingConvened
  | AgendaItemAdded
  | PartyPreDeliberationRecorded
  | AttendanceRecorded
  | VoteRecorded
  | MeetingClosed
  | CorrectionOrdered
  | DecisionRevokedByCourt
  | DecisionOverruledByHigherMeeting
  | MustConveneNotHonoured
  | MeetingSupervisionEvent;

export const MeetingEventSchema = {
  ConveningPetitioned: 1,
  MeetingConvened: 1,
  AgendaItemAdded: 1,
  PartyPreDeliberationRecorded: 1,
  AttendanceRecorded: 1,
  VoteRecorded: 1,
  MeetingClosed: 1,
  CorrectionOrdered: 1,
  DecisionRevokedByCourt: 1,
  DecisionOverruledByHigherMeeting: 1,
  MustConveneNotHonoured: 1,
  SupervisionObserverAdmitted: 1,
  SupervisionObserverRefused: 1,
} as const satisfies Record<MeetingEvent['type'], number>;

export const MEETING_EVENT_TYPES = Object.keys(MeetingEventSchema) as MeetingEvent['type'][];

export const toMeetingStreamId = (meetingId: string): string => `meeting-${meetingId}`;
