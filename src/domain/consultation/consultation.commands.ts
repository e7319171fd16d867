import type { Command } from '../shared';
import type { LocalityPolicySnapshot } from '../locality-policy/locality-policy.events';
import type { ConsultationCommunity, DeadlineStep, Participant, View } from './consultation.events';

/**
 * Outside facts arrive in the command: the locality policy in force on the step's date (`policy`),
 * the organic-law switch date (`switchDate`, default 2026-01-01), the meeting decision of a referral.
 * The actor and their roles arrive in `metadata`.
 */
type C<T extends string, D extends Record<string, unknown>> = Command<T, { consultationId: string } & D>;
type WithPolicy = { policy: LocalityPolicySnapshot };
type PostingInput = WithPolicy & { channels: readonly string[]; postedFrom: string; postedUntil: string; switchDate?: string };

/** The community's facts (ConsultationCommunity) are read from its stream by the engine, never sent. */
export type SolicitOpinions = C<'SolicitOpinions', ConsultationCommunity & {
  channel: string; periodFrom: string; periodTo: string; opinionsGathered: number;
}>;
export type ProposeTopic = C<'ProposeTopic', WithPolicy & {
  title: string; contentClass: string; catalogueEntry: string;
  crossCommunity: boolean; technical: boolean; highImpact: boolean; commissioned: boolean; commissioner: string | null;
}>;
export type DetermineParticipants = C<'DetermineParticipants', { participants: readonly Participant[] }>;
export type InviteExpert = C<'InviteExpert', { personRef: string; field: string }>;
export type AdmitSupervisionMember = C<'AdmitSupervisionMember', { personRef: string }>;
export type RecordSupervisionAttendanceRefused = C<'RecordSupervisionAttendanceRefused', { personRef: string; refusedByRole: string; note: string }>;
export type NotifyContent = C<'NotifyContent', WithPolicy & { notified: readonly string[]; channels: readonly string[]; sessionPlannedAt: string }>;
export type HoldConsultation = C<'HoldConsultation', WithPolicy & {
  form: string; attendance: readonly string[]; views: readonly View[]; minutesHash: string;
}>;
export type FormOpinion = C<'FormOpinion', WithPolicy & { summary: string; contentHash: string; resolved: boolean }>;
export type BriefDissenters = C<'BriefDissenters', { dissenters: readonly string[]; channel: string }>;
export type ReferToMeeting = C<'ReferToMeeting', WithPolicy & { meetingKind: string; reason: string }>;
export type RecordMeetingDecision = C<'RecordMeetingDecision', WithPolicy & {
  meetingId: string; decisionId: string; adopted: boolean; decidedAt: string;
}>;
export type WithdrawConsultation = C<'WithdrawConsultation', { reason: string }>;
export type PublishImplementationPlan = C<'PublishImplementationPlan', PostingInput & { planHash: string }>;
export type StartImplementation = C<'StartImplementation', Record<never, never>>;
export type ReportImplementationProgress = C<'ReportImplementationProgress', PostingInput & { milestone: string; percent: number }>;
export type CompleteImplementation = C<'CompleteImplementation', PostingInput & {
  resultsHash: string; satisfaction: Readonly<{ satisfied: number; neutral: number; dissatisfied: number }>;
}>;
export type ReportToCommissioner = C<'ReportToCommissioner', { reportHash: string }>;
export type RecordCommissionerFeedback = C<'RecordCommissionerFeedback', { feedbackHash: string }>;
export type PublishResult = C<'PublishResult', PostingInput & { publicationId: string; covers: 'result' | 'implementation'; contentHash: string }>;
export type GiveFeedback = C<'GiveFeedback', { informed: readonly string[]; channel: string }>;
export type CloseConsultation = C<'CloseConsultation', Record<never, never>>;
export type CorrectOutcome = C<'CorrectOutcome', { correctionHash: string; legalBasis: string }>;
export type RecordProcedureDeviation = C<'RecordProcedureDeviation', {
  step: string; reason: string;
  communityId?: string; townshipId?: string; localityId?: string; communityKind?: ConsultationCommunity['communityKind']; timeZone?: string;
}>;
/** Sent by the deadline watchdog (role `watchdog`); `dueOn` is the due date it saw in the read model. */
export type RecordDeadlineMissed = C<'RecordDeadlineMissed', { step: DeadlineStep; dueOn: string }>;

export type ConsultationCommand =
  | SolicitOpinions | ProposeTopic | DetermineParticipants | InviteExpert | AdmitSupervisionMember
  | RecordSupervisionAttendanceRefused | NotifyContent | HoldConsultation | FormOpinion | BriefDissenters
  | ReferToMeeting | RecordMeetingDecision | WithdrawConsultation | PublishImplementationPlan | StartImplementation
  | ReportImplementationProgress | CompleteImplementation | ReportToCommissioner | RecordCommissionerFeedback
  | PublishResult | GiveFeedback | CloseConsultation | CorrectOutcome | RecordProcedureDeviation | RecordDeadlineMissed;
