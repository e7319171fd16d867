import { ForbiddenError, holdsRole, isTimeZone, localDate, NotFoundError, type Command } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import { SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import type { AppraisalNotHeld, RectificationOverdue } from './supervision-deadlines.events';

/**
 * Supervision deadlines the watchdog records (docs/watchdog.md):
 * - SV-7 appraisal not held: no 民主评议 held (AppraisalRecorded.heldOn) in a calendar year, due by
 *   its 31 December;
 * - SV-12 rectification overdue: a rectification request's due date passed with no report and no
 *   closure on or before it.
 * Both are judged by the dates things happened, so a late appraisal or report recorded afterwards
 * does not hide the miss, and a run as of a past date finds what was due then.
 */
export type RecordAppraisalNotHeld = Command<'RecordAppraisalNotHeld', { communityId: string; year: string; timeZone: string }>;
export type RecordRectificationOverdue = Command<'RecordRectificationOverdue', { communityId: string; rectificationId: string; timeZone: string }>;
export type SupervisionDeadlineCommand = RecordAppraisalNotHeld | RecordRectificationOverdue;


/** What the supervision stream knows about its deadlines. */
export type SupervisionDeadlines = Readonly<{
  /** Local dates appraisals were held (SV-7). */
  appraisalsHeldOn: readonly string[];
  appraisalMissedYears: readonly string[];
  rectifications: Readonly<Record<string, Readonly<{ findingId: string; dueBy: string; doneOn: string | null; overdue: boolean }>>>;
}>;

export const initialDeadlines = (): SupervisionDeadlines => ({ appraisalsHeldOn: [], appraisalMissedYears: [], rectifications: {} });

type Folded = Readonly<{ type: string; data: Record<string, unknown> }>;

/** Folds the events that bear on the deadlines (the others leave it as is). */
export const evolveDeadlines = (s: SupervisionDeadlines, event: Folded): SupervisionDeadlines => {
  const d = event.data as Record<string, string>;
  switch (event.type) {
    case 'AppraisalRecorded':
      return { ...s, appraisalsHeldOn: [...s.appraisalsHeldOn, d.heldOn!] };
    case 'AppraisalNotHeld':
      return { ...s, appraisalMissedYears: [...s.appraisalMissedYears, d.year!] };
    case 'RectificationRequested':
      return { ...s, rectifications: { ...s.rectifications, [d.rectificationId!]: { findingId: d.findingId!, dueBy: d.dueBy!, doneOn: null, overdue: false } } };
    case 'RectificationReported':
    case 'RectificationClosed':
    case 'RectificationOverdue': {
      const r = s.rectifications[d.rectificationId!];
      if (r === undefined) return s;
      const next = event.type === 'RectificationOverdue' ? { ...r, overdue: true } : { ...r, doneOn: r.doneOn ?? (d.reportedOn ?? d.closedOn)! };
      return { ...s, rectifications: { ...s.rectifications, [d.rectificationId!]: next } };
    }
    default:
      return s;
  }
};

const requireWatchdog = (roles: readonly string[]): void => {
  if (!holdsRole(roles, 'watchdog')) throw new ForbiddenError('SUPERVISION.NOT_THE_WATCHDOG', 'only the watchdog records a missed supervision deadline');
};

/** SV-7: at least one appraisal held in `year`; due by its 31 December, missed from 1 January after. */
export const recordAppraisalNotHeld = (command: RecordAppraisalNotHeld, s: SupervisionDeadlines): AppraisalNotHeld[] => {
  const d = command.data;
  if (!/^\d{4}$/.test(d.year)) throw supervisionInvalid([{ field: 'year', message: 'YYYY' }]);
  if (!isTimeZone(d.timeZone)) throw supervisionInvalid([{ field: 'timeZone', message: 'an IANA time zone' }]);
  requireWatchdog(command.metadata.actorRoles);
  if (s.appraisalMissedYears.includes(d.year)) return [];
  const dueBy = `${d.year}-12-31`;
  const detectedOn = localDate(command.metadata.occurredAt, d.timeZone);
  if (detectedOn <= dueBy) throw new SupervisionStepNotAllowed('APPRAISAL_YEAR_NOT_OVER', `An appraisal may be held until ${dueBy}; today is ${detectedOn}`, 'SV-7');
  const held = s.appraisalsHeldOn.find((h) => h.startsWith(`${d.year}-`));
  if (held !== undefined) throw new SupervisionStepNotAllowed('APPRAISAL_HELD', `An appraisal was held on ${held}`, 'SV-7');
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'AppraisalNotHeld', data: { communityId: d.communityId, year: d.year, rule: 'SV-7', dueBy, detectedOn, occurredAt } }];
};

/** SV-12: a rectification reported (or closed) on or before its due date is in time; the day after, with neither, it is overdue. */
export const recordRectificationOverdue = (command: RecordRectificationOverdue, s: SupervisionDeadlines): RectificationOverdue[] => {
  const d = command.data;
  if (!isTimeZone(d.timeZone)) throw supervisionInvalid([{ field: 'timeZone', message: 'an IANA time zone' }]);
  requireWatchdog(command.metadata.actorRoles);
  const r = s.rectifications[d.rectificationId];
  if (r === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_RECTIFICATION', `No rectification ${d.rectificationId}`);
  if (r.overdue) return [];
  const detectedOn = localDate(command.metadata.occurredAt, d.timeZone);
  if (detectedOn <= r.dueBy) throw new SupervisionStepNotAllowed('RECTIFICATION_NOT_DUE', `Rectification ${d.rectificationId} is due by ${r.dueBy}; today is ${detectedOn}`, 'SV-12');
  if (r.doneOn !== null && r.doneOn <= r.dueBy) throw new SupervisionStepNotAllowed('RECTIFICATION_REPORTED_IN_TIME', `Rectification ${d.rectificationId} was reported or closed on ${r.doneOn}`, 'SV-12');
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'RectificationOverdue', data: { communityId: d.communityId, rectificationId: d.rectificationId, findingId: r.findingId, rule: 'SV-12', dueBy: r.dueBy, detectedOn, occurredAt } }];
};
