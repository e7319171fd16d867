import { IllegalStateError, addDays, localDate } from '../shared';
import type * as Cmd from './consultation.commands';
import type * as Ev from './consultation.events';
import {
  forbidden, invalid, requireActive, requireHash, requirePersonRefs, requirePolicy, requirePosting, requireText, requireTimeline, stepOutOfOrder, violation,
} from './consultation.errors';
import { organiserRoleOf } from './consultation.roles';
import { isWaived, type Consultation, type Settled } from './consultation.state';

/** Implementation (晒方案/晒进度/晒成效), publication (CS-4, CS-12, PD-3), CS-11 reporting, feedback and closure. */

const requireSettled = (command: Cmd.ConsultationCommand, state: Consultation, step: string): Settled => {
  const s = requireActive(state, step);
  if (s.status !== 'Settled') throw stepOutOfOrder(step, 'OpinionFormed or MeetingDecisionRecorded', 'CS-5');
  if (organiserRoleOf(command.metadata.actorRoles, s) === undefined) {
    throw forbidden('CONSULTATION.NOT_AN_ORGANISER', 'only the consultation organisers record this step');
  }
  return s;
};

const requireImplementable = (s: Settled, step: string): void => {
  if (s.outcome === 'meeting_rejected') throw new IllegalStateError('CONSULTATION.NOTHING_TO_IMPLEMENT', `${step}: the meeting rejected the matter`, 'CS-3');
};

const posting = (d: { channels: readonly string[]; postedFrom: string; postedUntil: string }): Ev.Posting => ({
  channels: d.channels, postedFrom: d.postedFrom, postedUntil: d.postedUntil,
});

export const publishImplementationPlan = (command: Cmd.PublishImplementationPlan, state: Consultation): Ev.ImplementationPlanPublished[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ImplementationPlanPublished');
  requireImplementable(s, 'ImplementationPlanPublished');
  if (s.started) throw stepOutOfOrder('ImplementationPlanPublished', 'a plan published before work starts', 'CS-12');
  const d = command.data;
  requirePosting(d, requirePolicy(d.policy, s, command.metadata.occurredAt), isWaived(s, 'PublicationChannels'));
  requireHash('planHash', d.planHash);
  return [{ type: 'ImplementationPlanPublished', data: { consultationId: s.consultationId, planHash: d.planHash, ...posting(d), occurredAt } }];
};

export const startImplementation = (command: Cmd.StartImplementation, state: Consultation): Ev.ImplementationStarted[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ImplementationStarted');
  requireImplementable(s, 'ImplementationStarted');
  if (s.started) return [];
  if (!s.planPublished) throw stepOutOfOrder('ImplementationStarted', 'ImplementationPlanPublished', 'CS-12');
  return [{ type: 'ImplementationStarted', data: { consultationId: s.consultationId, startDue: s.implementationStartDue, occurredAt } }];
};

export const reportImplementationProgress = (command: Cmd.ReportImplementationProgress, state: Consultation): Ev.ImplementationProgressReported[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ImplementationProgressReported');
  if (!s.started || s.completion !== null) throw stepOutOfOrder('ImplementationProgressReported', 'ImplementationStarted and not completed', 'CS-12');
  const d = command.data;
  if (!Number.isInteger(d.percent) || d.percent < s.percent || d.percent > 100) throw invalid('percent', `an integer from ${s.percent} to 100`);
  requireText('milestone', d.milestone);
  requirePosting(d, requirePolicy(d.policy, s, command.metadata.occurredAt), isWaived(s, 'PublicationChannels'));
  return [{ type: 'ImplementationProgressReported', data: { consultationId: s.consultationId, milestone: d.milestone, percent: d.percent, ...posting(d), occurredAt } }];
};

export const completeImplementation = (command: Cmd.CompleteImplementation, state: Consultation): Ev.ImplementationCompleted[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ImplementationCompleted');
  if (!s.started) throw stepOutOfOrder('ImplementationCompleted', 'ImplementationStarted', 'CS-3');
  if (s.completion !== null) return [];
  const d = command.data;
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  requirePosting(d, policy, isWaived(s, 'PublicationChannels'));
  requireHash('resultsHash', d.resultsHash);
  const counts = Object.values(d.satisfaction);
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) throw invalid('satisfaction', 'non-negative counts');
  return [{
    type: 'ImplementationCompleted',
    data: {
      consultationId: s.consultationId, resultsHash: d.resultsHash, satisfaction: d.satisfaction, ...posting(d),
      publicationDue: addDays(localDate(command.metadata.occurredAt, s.timeZone), policy.publicationDeadlineDays), occurredAt,
    },
  }];
};

export const reportToCommissioner = (command: Cmd.ReportToCommissioner, state: Consultation): Ev.ReportedToCommissioner[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ReportedToCommissioner');
  if (!s.topic.commissioned || s.topic.commissioner === null) throw new IllegalStateError('CONSULTATION.NOT_COMMISSIONED', 'only a commissioned matter is reported to its commissioner', 'CS-11');
  requireHash('reportHash', command.data.reportHash);
  return [{ type: 'ReportedToCommissioner', data: { consultationId: s.consultationId, commissioner: s.topic.commissioner, reportHash: command.data.reportHash, occurredAt } }];
};

export const recordCommissionerFeedback = (command: Cmd.RecordCommissionerFeedback, state: Consultation): Ev.CommissionerFeedbackReceived[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'CommissionerFeedbackReceived');
  if (!s.reportedToCommissioner || s.topic.commissioner === null) throw stepOutOfOrder('CommissionerFeedbackReceived', 'ReportedToCommissioner', 'CS-11');
  requireHash('feedbackHash', command.data.feedbackHash);
  return [{ type: 'CommissionerFeedbackReceived', data: { consultationId: s.consultationId, commissioner: s.topic.commissioner, feedbackHash: command.data.feedbackHash, occurredAt } }];
};

export const publishResult = (command: Cmd.PublishResult, state: Consultation): Ev.ResultPublished[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'ResultPublished');
  const d = command.data;
  if (d.covers === 'implementation') {
    requireImplementable(s, 'ResultPublished');
    if (s.completion === null) throw stepOutOfOrder('ResultPublished(implementation)', 'ImplementationCompleted', 'CS-4');
  } else if (d.covers !== 'result') throw invalid('covers', 'result or implementation', 'CS-4');
  requirePosting(d, requirePolicy(d.policy, s, command.metadata.occurredAt), isWaived(s, 'PublicationChannels'));
  requireText('publicationId', d.publicationId);
  requireHash('contentHash', d.contentHash);
  const due = d.covers === 'result' ? s.publicationDue : (s.completion?.publicationDue ?? s.publicationDue);
  return [{
    type: 'ResultPublished',
    data: { consultationId: s.consultationId, publicationId: d.publicationId, covers: d.covers, contentHash: d.contentHash, ...posting(d), due, occurredAt },
  }];
};

const publishedEnough = (s: Settled): boolean => s.resultPublished && (s.outcome === 'meeting_rejected' || s.implementationPublished);

export const giveFeedback = (command: Cmd.GiveFeedback, state: Consultation): Ev.FeedbackGiven[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireSettled(command, state, 'FeedbackGiven');
  if (!publishedEnough(s)) throw stepOutOfOrder('FeedbackGiven', 'the result and its implementation published', 'CS-5');
  if (s.feedbackGiven) return [];
  requirePersonRefs('informed', command.data.informed);
  const missing = s.participants.map((p) => p.personRef).filter((ref) => !command.data.informed.includes(ref));
  if (missing.length > 0) throw violation('CONSULTATION.PARTICIPANT_NOT_INFORMED', `${missing.length} participant(s) not given feedback`, 'CS-5', { missing });
  requireText('channel', command.data.channel);
  return [{ type: 'FeedbackGiven', data: { ...command.data, consultationId: s.consultationId, occurredAt } }];
};

const cannotClose = (message: string, rule: string): IllegalStateError => new IllegalStateError('CONSULTATION.CANNOT_CLOSE', message, rule);

export const closeConsultation = (command: Cmd.CloseConsultation, state: Consultation): Ev.ConsultationClosed[] => {
  if (state.status === 'Closed') return [];
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'ConsultationClosed');
  if (s.status === 'Referred') throw cannotClose('a referred matter waits for the meeting decision', 'CS-3');
  const settled = requireSettled(command, s, 'ConsultationClosed');
  if (settled.outcome !== 'meeting_rejected' && settled.completion === null) throw cannotClose('the implementation is not completed', 'CS-3');
  if (!settled.resultPublished) throw cannotClose('the result is not published', 'CS-4');
  if (settled.outcome !== 'meeting_rejected' && !settled.implementationPublished) throw cannotClose('the implementation is not published', 'CS-4');
  if (settled.topic.commissioned && !settled.commissionerFeedback) throw cannotClose('the commissioner has not fed back', 'CS-11');
  if (settled.dissenters.length > 0 && !settled.briefed && !isWaived(settled, 'DissentersBriefed')) throw cannotClose('dissenters were not briefed', 'CS-9');
  if (!settled.feedbackGiven && !isWaived(settled, 'FeedbackGiven')) throw cannotClose('participants were not given feedback', 'CS-5');
  return [{ type: 'ConsultationClosed', data: { consultationId: settled.consultationId, occurredAt } }];
};
