import { IllegalStateError, localDate } from '../shared';
import type * as Cmd from './consultation.commands';
import type * as Ev from './consultation.events';
import { forbidden, invalid, requireActive, requireTimeline, stepOutOfOrder } from './consultation.errors';
import { holdsRole } from '../shared/actor-roles';
import { ROLES } from './consultation.roles';
import { initialState, type Consultation, type Settled } from './consultation.state';

/**
 * Deadlines the watchdog records (docs/architecture.md "Reading: projections"): the due dates were fixed from the
 * locality policy in force when the outcome was settled (OpinionFormed / MeetingDecisionRecorded)
 * or the implementation completed, and are read from state; the decider re-checks that the date
 * really passed and the step is still missing, so a stale read model cannot record a false miss.
 */
export const DEADLINE_RULES: Readonly<Record<Ev.DeadlineStep, 'CS-3' | 'CS-12'>> = {
  implementation_start: 'CS-3',
  result_publication: 'CS-12',
  implementation_publication: 'CS-12',
};

type Deadline = Readonly<{ due: string; done: boolean }>;

/** Done on or before the due date: a step done late does not undo the miss (a run as of a past date finds it). */
const doneBy = (s: Settled, step: Ev.DeadlineStep, due: string): boolean => {
  const on = s.doneOn[step];
  return on !== undefined && on <= due;
};

const deadlineOf = (s: Settled, step: Ev.DeadlineStep): Deadline => {
  switch (step) {
    case 'implementation_start':
      if (s.outcome === 'meeting_rejected') throw new IllegalStateError('CONSULTATION.NOTHING_TO_IMPLEMENT', 'the meeting rejected the matter', 'CS-3');
      return { due: s.implementationStartDue, done: doneBy(s, step, s.implementationStartDue) };
    case 'result_publication':
      return { due: s.publicationDue, done: doneBy(s, step, s.publicationDue) };
    case 'implementation_publication':
      if (s.completion === null) throw stepOutOfOrder('ConsultationDeadlineMissed(implementation_publication)', 'ImplementationCompleted', 'CS-12');
      return { due: s.completion.publicationDue, done: doneBy(s, step, s.completion.publicationDue) };
    default:
      throw invalid('step', `one of ${Object.keys(DEADLINE_RULES).join(', ')}`);
  }
};

/** CS-3 / CS-12: a due date passed (before the local date of `occurredAt`) with the step still missing. */
export const recordDeadlineMissed = (command: Cmd.RecordDeadlineMissed, state: Consultation): Ev.ConsultationDeadlineMissed[] => {
  // Not in the future; but the watchdog's observation is not a procedure step, so it may precede a later step (a run as of a past date).
  const occurredAt = requireTimeline(command, initialState());
  const s = requireActive(state, 'ConsultationDeadlineMissed');
  const { step, dueOn } = command.data;
  const rule = DEADLINE_RULES[step] ?? 'CS-3';
  if (!holdsRole(command.metadata.actorRoles, ROLES.watchdog)) {
    throw forbidden('CONSULTATION.NOT_THE_WATCHDOG', 'only the deadline watchdog records a missed deadline');
  }
  if (s.status !== 'Settled') throw stepOutOfOrder('ConsultationDeadlineMissed', 'OpinionFormed or MeetingDecisionRecorded', 'CS-3');
  const deadline = deadlineOf(s, step);
  if (dueOn !== deadline.due) throw invalid('dueOn', `the ${step} deadline is ${deadline.due}`, rule);
  if (s.missedDeadlines.includes(`${step}:${dueOn}`)) return [];
  if (deadline.done) throw new IllegalStateError('CONSULTATION.DEADLINE_MET', `${step} is done`, rule, { step, dueOn });
  const detectedOn = localDate(command.metadata.occurredAt, s.timeZone);
  if (detectedOn <= dueOn) {
    throw new IllegalStateError('CONSULTATION.DEADLINE_NOT_PASSED', `${step} is due by ${dueOn}; today is ${detectedOn}`, rule, { step, dueOn, detectedOn });
  }
  return [{ type: 'ConsultationDeadlineMissed', data: { consultationId: s.consultationId, step, rule, dueOn, detectedOn, occurredAt } }];
};
