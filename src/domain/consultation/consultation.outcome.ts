import { IllegalStateError, addDays, localDate } from '../shared';
import type { LocalityPolicySnapshot } from '../locality-policy/locality-policy.events';
import type * as Cmd from './consultation.commands';
import type * as Ev from './consultation.events';
import {
  forbidden, invalid, notStarted, requireActive, requireHash, requirePersonRefs, requirePolicy, requireText, requireTimeline, stepOutOfOrder, violation,
} from './consultation.errors';
import { holdsRole } from '../shared/actor-roles';
import { ROLES, organiserRoleOf } from './consultation.roles';
import { isWaived, type Consultation } from './consultation.state';
import { LAW_FIXED_STEPS, MEETING_KINDS, WAIVABLE_STEPS, isWaivableStep } from './consultation.vocabulary';

/** The opinion, the referral to a meeting, withdrawal, correction and deviations (CS-3, CS-9, CS-10). */

const requireOrganiser = (command: Cmd.ConsultationCommand, s: { communityId: string; townshipId: string }): string => {
  const role = organiserRoleOf(command.metadata.actorRoles, s);
  if (role === undefined) throw forbidden('CONSULTATION.NOT_AN_ORGANISER', 'only the consultation organisers record this step');
  return role;
};

export const tallyOf = (views: readonly Ev.View[]): Ev.Tally => ({
  for: views.filter((v) => v.position === 'for').length,
  against: views.filter((v) => v.position === 'against').length,
  abstain: views.filter((v) => v.position === 'abstain').length,
});

/** CS-9: seriously contested when `100 * against >= percent * views cast` (integer arithmetic). */
export const isSeriouslyContested = (tally: Ev.Tally, percent: number): boolean => {
  const cast = tally.for + tally.against + tally.abstain;
  return cast > 0 && tally.against > 0 && 100 * tally.against >= percent * cast;
};

const dues = (policy: LocalityPolicySnapshot, at: Date, timeZone: string): { implementationStartDue: string; publicationDue: string } => ({
  implementationStartDue: addDays(localDate(at, timeZone), policy.implementationStartDeadlineDays),
  publicationDue: addDays(localDate(at, timeZone), policy.publicationDeadlineDays),
});

export const formOpinion = (command: Cmd.FormOpinion, state: Consultation): Ev.OpinionFormed[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'OpinionFormed');
  if (s.status === 'Referred') throw new IllegalStateError('CONSULTATION.AWAITING_MEETING_DECISION', 'a referred matter is settled by the meeting decision, not by the organisers', 'CS-3');
  if (s.status !== 'Preparing') throw new IllegalStateError('CONSULTATION.OPINION_FROZEN', 'the opinion is already formed', 'CS-5');
  if (s.held === null) throw stepOutOfOrder('OpinionFormed', 'ConsultationHeld', 'CS-5');
  requireOrganiser(command, s);
  const d = command.data;
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  const tally = tallyOf(s.held.views);
  if ((!d.resolved || isSeriouslyContested(tally, policy.seriousContestPercent)) && !isWaived(s, 'MeetingReferral')) {
    throw violation('CONSULTATION.REFERRAL_REQUIRED', 'an unresolved or seriously contested matter goes to a villagers\'/residents\' meeting', 'CS-9', { tally });
  }
  requireText('summary', d.summary);
  requireHash('contentHash', d.contentHash);
  const dissenters = s.held.views.filter((v) => v.position === 'against').map((v) => v.personRef);
  return [{
    type: 'OpinionFormed',
    data: { consultationId: s.consultationId, summary: d.summary, contentHash: d.contentHash, tally, dissenters, ...dues(policy, command.metadata.occurredAt, s.timeZone), occurredAt },
  }];
};

/** CS-9 (二(五)): whoever disagreed is given an explanation, whatever the outcome. */
export const briefDissenters = (command: Cmd.BriefDissenters, state: Consultation): Ev.DissentersBriefed[] => {
  const occurredAt = requireTimeline(command, state);
  const s = state.status === 'Closed' ? state : requireActive(state, 'DissentersBriefed');
  if (s.status === 'Preparing') throw stepOutOfOrder('DissentersBriefed', 'OpinionFormed or ReferredToMeeting', 'CS-9');
  requireOrganiser(command, s);
  if (s.briefed) return [];
  requirePersonRefs('dissenters', command.data.dissenters);
  const missing = s.dissenters.filter((ref) => !command.data.dissenters.includes(ref));
  if (missing.length > 0) throw violation('CONSULTATION.DISSENTER_NOT_BRIEFED', `${missing.length} dissenter(s) left out`, 'CS-9', { missing });
  requireText('channel', command.data.channel);
  return [{ type: 'DissentersBriefed', data: { ...command.data, consultationId: s.consultationId, occurredAt } }];
};

export const referToMeeting = (command: Cmd.ReferToMeeting, state: Consultation): Ev.ReferredToMeeting[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'ReferredToMeeting');
  if (s.status === 'Referred') return [];
  if (s.status !== 'Preparing') throw new IllegalStateError('CONSULTATION.OPINION_FROZEN', 'the opinion is formed; refer before it', 'CS-9');
  if (s.held === null) throw stepOutOfOrder('ReferredToMeeting', 'ConsultationHeld', 'CS-9');
  requireOrganiser(command, s);
  const d = command.data;
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  const kinds = MEETING_KINDS.filter((k) => k.startsWith(s.communityKind === 'village' ? 'villagers' : 'residents'));
  if (!(kinds as readonly string[]).includes(d.meetingKind)) throw invalid('meetingKind', `one of ${kinds.join(', ')}`, 'CS-9');
  requireText('reason', d.reason, 'CS-9');
  const contested = isSeriouslyContested(tallyOf(s.held.views), policy.seriousContestPercent);
  return [{ type: 'ReferredToMeeting', data: { consultationId: s.consultationId, meetingKind: d.meetingKind, reason: d.reason, contested, occurredAt } }];
};

/** CS-3 / CS-9 (二(四)): the meeting decision (an outside fact) settles a referred matter. */
export const recordMeetingDecision = (command: Cmd.RecordMeetingDecision, state: Consultation): Ev.MeetingDecisionRecorded[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'MeetingDecisionRecorded');
  if (s.status !== 'Referred') throw stepOutOfOrder('MeetingDecisionRecorded', 'ReferredToMeeting', 'CS-3');
  requireOrganiser(command, s);
  const d = command.data;
  const decided = new Date(d.decidedAt);
  if (Number.isNaN(decided.getTime()) || decided.getTime() > command.metadata.occurredAt.getTime()) {
    throw invalid('decidedAt', 'an ISO instant not after the step', 'CS-3');
  }
  requireText('meetingId', d.meetingId);
  requireText('decisionId', d.decisionId);
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  return [{
    type: 'MeetingDecisionRecorded',
    data: { consultationId: s.consultationId, meetingId: d.meetingId, decisionId: d.decisionId, adopted: d.adopted, decidedAt: decided.toISOString(), ...dues(policy, decided, s.timeZone), occurredAt },
  }];
};

export const withdrawConsultation = (command: Cmd.WithdrawConsultation, state: Consultation): Ev.ConsultationWithdrawn[] => {
  if (state.status === 'Withdrawn') return [];
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'ConsultationWithdrawn');
  if (s.status === 'Referred') throw new IllegalStateError('CONSULTATION.AWAITING_MEETING_DECISION', 'a referred matter cannot be closed by the organisers alone', 'CS-3');
  if (s.status !== 'Preparing') throw new IllegalStateError('CONSULTATION.OPINION_FROZEN', 'after the opinion the matter is implemented, not withdrawn', 'CS-3');
  requireOrganiser(command, s);
  requireText('reason', command.data.reason);
  const stage = s.held !== null ? 'held' : s.notice !== null ? 'notified' : s.participants !== null ? 'participants' : s.topic !== null ? 'topic' : 'solicited';
  return [{ type: 'ConsultationWithdrawn', data: { consultationId: s.consultationId, reason: command.data.reason, stage, occurredAt } }];
};

/** CS-10: the township government / street office corrects an unlawful result; the original is kept. */
export const correctOutcome = (command: Cmd.CorrectOutcome, state: Consultation): Ev.OutcomeCorrectedByGovernment[] => {
  const occurredAt = requireTimeline(command, state);
  if (state.status === 'NotStarted') throw notStarted();
  if (state.status !== 'Settled' && state.status !== 'Closed') throw stepOutOfOrder('OutcomeCorrectedByGovernment', 'an opinion or a meeting decision', 'CS-10');
  if (!holdsRole(command.metadata.actorRoles, ROLES.townshipGovernment, { township: state.townshipId })) throw forbidden('CONSULTATION.CORRECTION_NOT_ALLOWED', 'only the township government / street office corrects a result');
  requireHash('correctionHash', command.data.correctionHash);
  requireText('legalBasis', command.data.legalBasis, 'CS-10');
  const supersedes = state.outcome === 'opinion' ? 'opinion' : 'meeting_decision';
  return [{ type: 'OutcomeCorrectedByGovernment', data: { ...command.data, consultationId: state.consultationId, supersedes, correctedByRole: ROLES.townshipGovernment, occurredAt } }];
};

/** Only policy-fixed steps (CS-5 order, CS-6, CS-7, CS-9, CS-12) can be skipped, with a reason. */
export const recordProcedureDeviation = (command: Cmd.RecordProcedureDeviation, state: Consultation): Ev.ProcedureDeviationRecorded[] => {
  const occurredAt = requireTimeline(command, state);
  const d = command.data;
  const law = (LAW_FIXED_STEPS as Record<string, string>)[d.step];
  if (law !== undefined) throw violation('CONSULTATION.DEVIATION_NOT_ALLOWED', `${d.step} is fixed by law and cannot be skipped`, law);
  if (!isWaivableStep(d.step)) throw invalid('step', `one of ${Object.keys(WAIVABLE_STEPS).join(', ')}`);
  requireText('reason', d.reason, WAIVABLE_STEPS[d.step]);
  const rule = WAIVABLE_STEPS[d.step];
  if (state.status === 'NotStarted') {
    if (d.step !== 'OpinionsSolicited' || !d.communityId || !d.townshipId || !d.localityId || !d.communityKind || !d.timeZone) throw notStarted();
    const recordedByRole = requireOrganiser(command, { communityId: d.communityId, townshipId: d.townshipId });
    const { consultationId, step, reason, communityId, townshipId, localityId, communityKind, timeZone } = d;
    return [{ type: 'ProcedureDeviationRecorded', data: { consultationId, step, reason, rule, recordedByRole, communityId, townshipId, localityId, communityKind, timeZone, occurredAt } }];
  }
  const s = requireActive(state, 'ProcedureDeviationRecorded');
  const recordedByRole = requireOrganiser(command, s);
  if (isWaived(s, d.step)) return [];
  return [{ type: 'ProcedureDeviationRecorded', data: { consultationId: s.consultationId, step: d.step, reason: d.reason, rule, recordedByRole, occurredAt } }];
};
