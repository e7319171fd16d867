import type { CommunityKind } from '../rules';
import { DEFAULT_TIME_ZONE, type Event } from '../shared';

/**
 * Consultation events (the CS rules, PD-1, PD-3, PD-5). Plain data only; persons appear only as
 * `personRef`. Every event carries the consultation id and `occurredAt` (ISO instant) so that state
 * and read models can be rebuilt from the data alone.
 */
type Base = { consultationId: string; occurredAt: string };
type E<T extends string, D extends Record<string, unknown>> = Event<T, Base & D>;

export type Participant = Readonly<{ personRef: string; category: string }>;
export type View = Readonly<{ personRef: string; position: 'for' | 'against' | 'abstain'; text: string | null }>;
export type Tally = Readonly<{ for: number; against: number; abstain: number }>;
export type Posting = { channels: readonly string[]; postedFrom: string; postedUntil: string };

/**
 * The registered community a consultation belongs to, as its stream says when the consultation
 * opens (never from the request body): its kind in the registry's vocabulary, its township, the
 * locality whose consultation policy applies and its time zone.
 */
export type ConsultationCommunity = Readonly<{ communityId: string; townshipId: string; localityId: string; communityKind: CommunityKind; timeZone: string }>;

/** v2: `communityKind` in the registry's vocabulary (`urban_community`, not `urban`) and the community's `timeZone`. */
export type OpinionsSolicited = E<'OpinionsSolicited', ConsultationCommunity & {
  channel: string; periodFrom: string; periodTo: string; opinionsGathered: number;
}>;
/** v1 (stored only): the consultation's own kinds, no time zone. */
export type OpinionsSolicitedV1 = E<'OpinionsSolicited', {
  communityId: string; townshipId: string; localityId: string; communityKind: 'village' | 'urban';
  channel: string; periodFrom: string; periodTo: string; opinionsGathered: number;
}>;
export type TopicProposed = E<'TopicProposed', {
  title: string; contentClass: string; catalogueEntry: string; proposerRole: string; policyVersion: number;
  crossCommunity: boolean; technical: boolean; highImpact: boolean; commissioned: boolean; commissioner: string | null;
}>;
export type ParticipantsDetermined = E<'ParticipantsDetermined', { participants: readonly Participant[]; leadRole: string }>;
export type ExpertInvited = E<'ExpertInvited', { personRef: string; field: string }>;
export type SupervisionMemberAdmitted = E<'SupervisionMemberAdmitted', { personRef: string }>;
export type SupervisionAttendanceRefused = E<'SupervisionAttendanceRefused', { personRef: string; refusedByRole: string; note: string }>;
export type ContentNotified = E<'ContentNotified', {
  notified: readonly string[]; channels: readonly string[]; sessionPlannedAt: string; noticeLeadDays: number;
}>;
export type ConsultationHeld = E<'ConsultationHeld', {
  form: string; attendance: readonly string[]; views: readonly View[]; minutesHash: string;
}>;
export type OpinionFormed = E<'OpinionFormed', {
  summary: string; contentHash: string; tally: Tally; dissenters: readonly string[];
  implementationStartDue: string; publicationDue: string;
}>;
export type DissentersBriefed = E<'DissentersBriefed', { dissenters: readonly string[]; channel: string }>;
export type ReferredToMeeting = E<'ReferredToMeeting', { meetingKind: string; reason: string; contested: boolean }>;
export type MeetingDecisionRecorded = E<'MeetingDecisionRecorded', {
  meetingId: string; decisionId: string; adopted: boolean; decidedAt: string;
  implementationStartDue: string; publicationDue: string;
}>;
export type ConsultationWithdrawn = E<'ConsultationWithdrawn', { reason: string; stage: string }>;
export type ImplementationPlanPublished = E<'ImplementationPlanPublished', Posting & { planHash: string }>;
export type ImplementationStarted = E<'ImplementationStarted', { startDue: string }>;
export type ImplementationProgressReported = E<'ImplementationProgressReported', Posting & { milestone: string; percent: number }>;
export type ImplementationCompleted = E<'ImplementationCompleted', Posting & {
  resultsHash: string; satisfaction: Readonly<{ satisfied: number; neutral: number; dissatisfied: number }>; publicationDue: string;
}>;
export type ReportedToCommissioner = E<'ReportedToCommissioner', { commissioner: string; reportHash: string }>;
export type CommissionerFeedbackReceived = E<'CommissionerFeedbackReceived', { commissioner: string; feedbackHash: string }>;
export type ResultPublished = E<'ResultPublished', Posting & {
  publicationId: string; covers: 'result' | 'implementation'; contentHash: string; due: string;
}>;
export type FeedbackGiven = E<'FeedbackGiven', { informed: readonly string[]; channel: string }>;
export type ConsultationClosed = E<'ConsultationClosed', Record<never, never>>;
export type OutcomeCorrectedByGovernment = E<'OutcomeCorrectedByGovernment', {
  supersedes: 'opinion' | 'meeting_decision'; correctionHash: string; legalBasis: string; correctedByRole: string;
}>;
/** v2: the opening deviation carries the community as OpinionsSolicited v2 does. */
export type ProcedureDeviationRecorded = E<'ProcedureDeviationRecorded', {
  step: string; rule: string; reason: string; recordedByRole: string;
  /** Present when the deviation opens the consultation (skipping OpinionsSolicited). */
  communityId?: string; townshipId?: string; localityId?: string; communityKind?: CommunityKind; timeZone?: string;
}>;
/** v1 (stored only). */
export type ProcedureDeviationRecordedV1 = E<'ProcedureDeviationRecorded', {
  step: string; rule: string; reason: string; recordedByRole: string;
  communityId?: string; townshipId?: string; localityId?: string; communityKind?: 'village' | 'urban';
}>;

/** Recorded by the deadline watchdog: a due date passed with the step still missing (CS-3, CS-12). */
export type DeadlineStep = 'implementation_start' | 'result_publication' | 'implementation_publication';
export type ConsultationDeadlineMissed = E<'ConsultationDeadlineMissed', {
  step: DeadlineStep; rule: 'CS-3' | 'CS-12'; dueOn: string; detectedOn: string;
}>;

export type ConsultationEvent =
  | OpinionsSolicited | TopicProposed | ParticipantsDetermined | ExpertInvited | SupervisionMemberAdmitted
  | SupervisionAttendanceRefused | ContentNotified | ConsultationHeld | OpinionFormed | DissentersBriefed
  | ReferredToMeeting | MeetingDecisionRecorded | ConsultationWithdrawn | ImplementationPlanPublished
  | ImplementationStarted | ImplementationProgressReported | ImplementationCompleted | ReportedToCommissioner
  | CommissionerFeedbackReceived | ResultPublished | FeedbackGiven | ConsultationClosed
  | OutcomeCorrectedByGovernment | ProcedureDeviationRecorded | ConsultationDeadlineMissed;

export type ConsultationEventType = ConsultationEvent['type'];

/** Stable type names and their current schema versions (for the event-type registry). */
export const consultationEventSchema = {
  OpinionsSolicited: 2,
  TopicProposed: 1,
  ParticipantsDetermined: 1,
  ExpertInvited: 1,
  SupervisionMemberAdmitted: 1,
  SupervisionAttendanceRefused: 1,
  ContentNotified: 1,
  ConsultationHeld: 1,
  OpinionFormed: 1,
  DissentersBriefed: 1,
  ReferredToMeeting: 1,
  MeetingDecisionRecorded: 1,
  ConsultationWithdrawn: 1,
  ImplementationPlanPublished: 1,
  ImplementationStarted: 1,
  ImplementationProgressReported: 1,
  ImplementationCompleted: 1,
  ReportedToCommissioner: 1,
  CommissionerFeedbackReceived: 1,
  ResultPublished: 1,
  FeedbackGiven: 1,
  ConsultationClosed: 1,
  OutcomeCorrectedByGovernment: 1,
  ProcedureDeviationRecorded: 2,
  ConsultationDeadlineMissed: 1,
} as const satisfies Record<ConsultationEventType, number>;

export const CONSULTATION_EVENT_TYPES = Object.keys(consultationEventSchema) as readonly ConsultationEventType[];

export const toConsultationStreamId = (consultationId: string): string => `consultation-${consultationId}`;
export const CONSULTATION_STREAM_PREFIX = 'consultation-';

/**
 * Upcasters of stored consultation events (v1 -> v2): the consultation's own kind `urban` becomes the
 * registry's `urban_community`, and the time zone, not recorded before, is the default one.
 */
const kindOfV1 = (kind: unknown): unknown => (kind === 'urban' ? 'urban_community' : kind);
export const consultationUpcasters = {
  OpinionsSolicited: {
    1: (data: Record<string, unknown>): Record<string, unknown> => ({ ...data, communityKind: kindOfV1(data['communityKind']), timeZone: DEFAULT_TIME_ZONE }),
  },
  ProcedureDeviationRecorded: {
    1: (data: Record<string, unknown>): Record<string, unknown> =>
      data['communityKind'] === undefined ? data : { ...data, communityKind: kindOfV1(data['communityKind']), timeZone: DEFAULT_TIME_ZONE },
  },
} as const;
