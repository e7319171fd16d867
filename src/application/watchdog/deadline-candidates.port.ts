import type { DeadlineStep } from '../../domain/consultation';
import type { MeetingKind } from '../../domain/rules';

/** A consultation step the read model shows as overdue on `today` and not yet recorded as missed. */
export type DeadlineCandidate = Readonly<{ consultationId: string; step: DeadlineStep; dueOn: string }>;

/**
 * Where the watchdog finds candidates: the read models (eventually consistent; the decider re-checks
 * each candidate against the stream, so a stale row can only cost a refused command).
 */
export interface DeadlineCandidates extends CadenceCandidates {
  overdueConsultationSteps(today: string): Promise<readonly DeadlineCandidate[]>;
}

/** A meeting-cadence period (VM-4, VM-10, RM-4) the read models show as ended with no meeting, not yet recorded as missed. */
export type CadenceCandidate = Readonly<{
  communityId: string;
  meetingKind: MeetingKind;
  period: string;
  dueBy: string;
  /** The dates meetings of the kind were held (the outside fact the decider judges by). */
  heldOn: readonly string[];
}>;

export interface CadenceCandidates {
  /** Judged per community on its local date at `asOf`, with the 2025 texts in force from `ruleSwitchDate`. */
  missedMeetingCadences(asOf: Date, ruleSwitchDate: string): Promise<readonly CadenceCandidate[]>;
}
