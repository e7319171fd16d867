import type { DeadlineStep } from '../../domain/consultation';

/** A consultation step the read model shows as overdue on `today` and not yet recorded as missed. */
export type DeadlineCandidate = Readonly<{ consultationId: string; step: DeadlineStep; dueOn: string }>;

/**
 * Where the watchdog finds candidates: the read models (eventually consistent; the decider re-checks
 * each candidate against the stream, so a stale row can only cost a refused command).
 */
export interface DeadlineCandidates {
  overdueConsultationSteps(today: string): Promise<readonly DeadlineCandidate[]>;
}
