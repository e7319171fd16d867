import type { ProjectedEvent } from '../../domain/shared';
import { CONSULTATION_EVENT_TYPES } from '../../domain/consultation/consultation.events';
import { asConsultationEvent, consultationKey, provenanceOf, roleNames, type ConsultationStatus, type EntryProvenance } from './consultation-read-model';

/**
 * Read model `consultation-public-view`: what anyone may see. No personal data: no personRefs, no
 * actor ids, no free-text views; people appear only as counts, actors only by role.
 */
export type PublicStep = {
  step: string;
  actorRoles: string[];
  occurredAt: string;
  recordedAt: string;
  provenance: EntryProvenance;
};

export type PublicPublication = {
  kind: 'plan' | 'progress' | 'completion' | 'result' | 'implementation';
  channels: string[];
  postedFrom: string;
  postedUntil: string;
  contentHash: string | null;
  percent: number | null;
  provenance: EntryProvenance;
};

export type ConsultationPublicView = {
  consultationId: string;
  communityId: string;
  townshipId: string;
  status: ConsultationStatus;
  title: string | null;
  contentClass: string | null;
  opinionsGathered: number | null;
  participantsByCategory: Record<string, number>;
  session: { form: string; attendance: number; for: number; against: number; abstain: number; minutesHash: string } | null;
  outcome: { kind: 'opinion' | 'meeting_adopted' | 'meeting_rejected'; summary: string | null; contentHash: string | null; meetingId: string | null; decisionId: string | null; superseded: boolean } | null;
  dissentersBriefed: boolean;
  satisfaction: { satisfied: number; neutral: number; dissatisfied: number } | null;
  publications: PublicPublication[];
  deviations: { step: string; rule: string; reason: string; provenance: EntryProvenance }[];
  /** Deadlines the watchdog recorded as passed with the step missing (CS-3, CS-12). */
  missedDeadlines: { step: string; rule: string; dueOn: string; detectedOn: string; provenance: EntryProvenance }[];
  steps: PublicStep[];
};

export const canHandle: readonly string[] = CONSULTATION_EVENT_TYPES;
export const key = consultationKey;

const empty = (consultationId: string, communityId: string, townshipId: string): ConsultationPublicView => ({
  consultationId, communityId, townshipId, status: 'preparing', title: null, contentClass: null, opinionsGathered: null,
  participantsByCategory: {}, session: null, outcome: null, dissentersBriefed: false, satisfaction: null, publications: [], deviations: [], missedDeadlines: [], steps: [],
});

export const evolve = (row: ConsultationPublicView | null, recorded: ProjectedEvent): ConsultationPublicView | null => {
  const event = asConsultationEvent(recorded);
  if (event === null) return row;
  let view = row;
  if (view === null) {
    if (event.type === 'OpinionsSolicited') view = empty(event.data.consultationId, event.data.communityId, event.data.townshipId);
    else if (event.type === 'ProcedureDeviationRecorded' && event.data.communityId !== undefined) view = empty(event.data.consultationId, event.data.communityId, event.data.townshipId ?? '');
    else return null;
  }
  if (view.steps.some((s) => s.provenance.eventId === recorded.eventId)) return view;
  const provenance = provenanceOf(recorded);
  const v: ConsultationPublicView = {
    ...view,
    steps: [...view.steps, { step: event.type, actorRoles: roleNames(recorded.metadata.actorRoles), occurredAt: recorded.metadata.occurredAt, recordedAt: recorded.metadata.recordedAt, provenance }],
  };
  const publication = (kind: PublicPublication['kind'], d: { channels: readonly string[]; postedFrom: string; postedUntil: string }, contentHash: string | null, percent: number | null): ConsultationPublicView => ({
    ...v, publications: [...v.publications, { kind, channels: [...d.channels], postedFrom: d.postedFrom, postedUntil: d.postedUntil, contentHash, percent, provenance }],
  });
  switch (event.type) {
    case 'OpinionsSolicited':
      return { ...v, opinionsGathered: event.data.opinionsGathered };
    case 'TopicProposed':
      return { ...v, title: event.data.title, contentClass: event.data.contentClass };
    case 'ParticipantsDetermined':
    case 'ExpertInvited': {
      const categories = event.type === 'ExpertInvited' ? ['expert'] : event.data.participants.map((p) => p.category);
      const counts = event.type === 'ExpertInvited' ? { ...v.participantsByCategory } : {};
      for (const c of categories) counts[c] = (counts[c] ?? 0) + 1;
      return { ...v, participantsByCategory: counts };
    }
    case 'ConsultationHeld': {
      const views = event.data.views;
      const count = (p: string): number => views.filter((x) => x.position === p).length;
      return { ...v, session: { form: event.data.form, attendance: event.data.attendance.length, for: count('for'), against: count('against'), abstain: count('abstain'), minutesHash: event.data.minutesHash } };
    }
    case 'OpinionFormed':
      return { ...v, status: 'settled', outcome: { kind: 'opinion', summary: event.data.summary, contentHash: event.data.contentHash, meetingId: null, decisionId: null, superseded: false } };
    case 'ReferredToMeeting':
      return { ...v, status: 'referred' };
    case 'MeetingDecisionRecorded':
      return {
        ...v, status: 'settled',
        outcome: { kind: event.data.adopted ? 'meeting_adopted' : 'meeting_rejected', summary: null, contentHash: null, meetingId: event.data.meetingId, decisionId: event.data.decisionId, superseded: false },
      };
    case 'DissentersBriefed':
      return { ...v, dissentersBriefed: true };
    case 'OutcomeCorrectedByGovernment':
      return v.outcome === null ? v : { ...v, outcome: { ...v.outcome, superseded: true } };
    case 'ImplementationPlanPublished':
      return publication('plan', event.data, event.data.planHash, null);
    case 'ImplementationProgressReported':
      return publication('progress', event.data, null, event.data.percent);
    case 'ImplementationCompleted':
      return { ...publication('completion', event.data, event.data.resultsHash, 100), satisfaction: { ...event.data.satisfaction } };
    case 'ResultPublished':
      return publication(event.data.covers, event.data, event.data.contentHash, null);
    case 'ProcedureDeviationRecorded':
      return { ...v, deviations: [...v.deviations, { step: event.data.step, rule: event.data.rule, reason: event.data.reason, provenance }] };
    case 'ConsultationDeadlineMissed': {
      const { step, rule, dueOn, detectedOn } = event.data;
      return { ...v, missedDeadlines: [...(v.missedDeadlines ?? []), { step, rule, dueOn, detectedOn, provenance }] };
    }
    case 'ConsultationClosed':
      return { ...v, status: 'closed' };
    case 'ConsultationWithdrawn':
      return { ...v, status: 'withdrawn' };
    default:
      return v;
  }
};
