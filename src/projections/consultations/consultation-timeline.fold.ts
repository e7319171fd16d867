import type { ProjectedEvent } from '../../domain/shared';
import { CONSULTATION_EVENT_TYPES } from '../../domain/consultation/consultation.events';
import { asConsultationEvent, consultationKey, provenanceOf, recordingDelayDays, roleNames, type EntryProvenance } from './consultation-read-model';

/**
 * Read model `consultation-timeline` (for auditors): every step of one consultation with who did it,
 * in which role, when it happened and when it was recorded (late recording shown, never hidden),
 * deviations, the meeting decision it links to, corrections, and the event behind each entry.
 */
export type TimelineEntry = {
  step: string;
  actor: string;
  actorRoles: string[];
  occurredAt: string;
  recordedAt: string;
  /** Local days between occurredAt and recordedAt; > 0 means the step was recorded late. */
  recordingDelayDays: number;
  recordedLate: boolean;
  /** occurredAt lies before the previous entry's occurredAt (as an out-of-order import would produce). */
  occurredBeforePrevious: boolean;
  details: Record<string, unknown>;
  deviation: { step: string; rule: string; reason: string } | null;
  meetingDecision: { meetingId: string; decisionId: string; adopted: boolean; decidedAt: string } | null;
  /** Set on an opinion or meeting decision a government correction superseded (CS-10). */
  supersededBy: string | null;
  provenance: EntryProvenance;
};

export type ConsultationTimelineRow = { consultationId: string; entries: TimelineEntry[] };

export const canHandle: readonly string[] = CONSULTATION_EVENT_TYPES;
export const key = consultationKey;

export const evolve = (row: ConsultationTimelineRow | null, recorded: ProjectedEvent): ConsultationTimelineRow | null => {
  const event = asConsultationEvent(recorded);
  if (event === null) return row;
  const entries = row?.entries ?? [];
  // Idempotent by event id: a replayed event does not add a second entry.
  if (entries.some((e) => e.provenance.eventId === recorded.eventId)) return row;
  const { consultationId, occurredAt: _o, ...details } = event.data;
  const delay = recordingDelayDays(recorded);
  const previous = entries[entries.length - 1];
  const entry: TimelineEntry = {
    step: event.type,
    actor: recorded.metadata.actor,
    actorRoles: roleNames(recorded.metadata.actorRoles),
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.metadata.recordedAt,
    recordingDelayDays: delay,
    recordedLate: delay > 0,
    occurredBeforePrevious: previous !== undefined && Date.parse(recorded.metadata.occurredAt) < Date.parse(previous.occurredAt),
    details: details as Record<string, unknown>,
    deviation: event.type === 'ProcedureDeviationRecorded' ? { step: event.data.step, rule: event.data.rule, reason: event.data.reason } : null,
    meetingDecision:
      event.type === 'MeetingDecisionRecorded'
        ? { meetingId: event.data.meetingId, decisionId: event.data.decisionId, adopted: event.data.adopted, decidedAt: event.data.decidedAt }
        : null,
    supersededBy: null,
    provenance: provenanceOf(recorded),
  };
  let updated = entries;
  if (event.type === 'OutcomeCorrectedByGovernment') {
    const target = event.data.supersedes === 'opinion' ? 'OpinionFormed' : 'MeetingDecisionRecorded';
    updated = entries.map((e) => (e.step === target && e.supersededBy === null ? { ...e, supersededBy: recorded.eventId } : e));
  }
  return { consultationId, entries: [...updated, entry] };
};
