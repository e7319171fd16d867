import { consultationDecider, toConsultationStreamId, type Consultation, type ConsultationCommand } from '../../domain/consultation';
import { IllegalStateError, NotFoundError, RuleViolationError, localDate, type RecordedEvent } from '../../domain/shared';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';
import { consultationCommunity } from './consultation-community';
import { localityPolicyInForce } from '../locality-policy/locality-policy-in-force';
import { meetingDecisionFacts } from '../meeting/meeting-decision-facts';
import type { ConsultationStep } from './consultation-step.command';

type Deps = Pick<CommandPipelineDeps, 'eventStore' | 'registry'>;

/** Steps whose decision depends on the locality policy in force on the step's date. */
const POLICY_STEPS: ReadonlySet<string> = new Set([
  'ProposeTopic', 'NotifyContent', 'HoldConsultation', 'FormOpinion', 'ReferToMeeting', 'RecordMeetingDecision',
  'PublishImplementationPlan', 'ReportImplementationProgress', 'CompleteImplementation', 'PublishResult',
]);
/** Postings judged by the organic-law text in force (PD-3). */
const POSTING_STEPS: ReadonlySet<string> = new Set(['PublishImplementationPlan', 'ReportImplementationProgress', 'CompleteImplementation', 'PublishResult']);

export type LegalSettings = Readonly<{ organicLaw2025Effective: string }>;

/** SolicitOpinions, or the deviation that skips it, opens a consultation for a registered community. */
const opensConsultation = (step: ConsultationStep): step is ConsultationStep & { data: { communityId: string } } =>
  step.type === 'SolicitOpinions' || (step.type === 'RecordProcedureDeviation' && step.data.step === 'OpinionsSolicited' && typeof step.data.communityId === 'string');

export const loadConsultation = async (deps: Deps, consultationId: string): Promise<{ state: Consultation; events: readonly RecordedEvent[] }> =>
  aggregateStream(deps, consultationDecider.evolve, consultationDecider.initialState, toConsultationStreamId(consultationId));

export const consultationNotFound = (consultationId: string): NotFoundError =>
  new NotFoundError('CONSULTATION.NOT_FOUND', `no consultation ${consultationId}`);

/**
 * Completes a step with the facts the engine looks up: the locality policy in force on the step's
 * occurredAt date (from the locality's policy stream), the organic-law switch date for postings,
 * and for RecordMeetingDecision the decision itself, read from the meeting's stream (CS-3, CS-9).
 */
export const withOutsideFacts = async (
  deps: Deps,
  settings: LegalSettings,
  step: ConsultationStep,
  occurredAt: Date,
): Promise<ConsultationCommand['data']> => {
  const data: Record<string, unknown> = { ...step.data };
  if (opensConsultation(step)) Object.assign(data, await consultationCommunity(deps, step.data.communityId));
  if (!POLICY_STEPS.has(step.type)) return data as ConsultationCommand['data'];
  const { state, events } = await loadConsultation(deps, step.data.consultationId);
  if (state.status === 'NotStarted') throw consultationNotFound(step.data.consultationId);
  data['policy'] = await localityPolicyInForce(deps, state.localityId, localDate(occurredAt));
  if (POSTING_STEPS.has(step.type)) data['switchDate'] = settings.organicLaw2025Effective;
  if (step.type === 'RecordMeetingDecision') Object.assign(data, await meetingDecision(deps, state, events, step.data.meetingId, step.data.decisionId));
  return data as ConsultationCommand['data'];
};

const meetingDecision = async (
  deps: Deps,
  state: Exclude<Consultation, { status: 'NotStarted' }>,
  events: readonly RecordedEvent[],
  meetingId: string,
  itemId: string,
): Promise<{ adopted: boolean; decidedAt: string }> => {
  const facts = await meetingDecisionFacts(deps, meetingId, itemId);
  if (facts === null) throw new NotFoundError('CONSULTATION.MEETING_DECISION_NOT_FOUND', `meeting ${meetingId} has no agenda item ${itemId}`);
  if (facts.communityId !== state.communityId) {
    throw new RuleViolationError('CONSULTATION.MEETING_OF_ANOTHER_COMMUNITY', `meeting ${meetingId} belongs to community ${facts.communityId}`, 'CS-9');
  }
  const referral = [...events].reverse().find((e) => e.type === 'ReferredToMeeting');
  const referredKind = referral === undefined ? undefined : (referral.data as { meetingKind?: string }).meetingKind;
  if (referredKind !== undefined && facts.meetingKind !== referredKind) {
    throw new RuleViolationError('CONSULTATION.MEETING_KIND_MISMATCH', `the matter was referred to a ${referredKind}, not a ${facts.meetingKind}`, 'CS-9');
  }
  if (facts.outcome === null || facts.decidedAt === null) {
    throw new IllegalStateError('CONSULTATION.MEETING_NOT_DECIDED', `meeting ${meetingId} has not voted on item ${itemId}`, 'CS-3');
  }
  return { adopted: facts.adopted, decidedAt: facts.decidedAt };
};
