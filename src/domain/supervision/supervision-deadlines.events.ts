import type { Event } from '../shared';

/** Recorded by the watchdog: no appraisal (民主评议) held in a calendar year (SV-7); due by its 31 December. */
export type AppraisalNotHeld = Event<'AppraisalNotHeld', { communityId: string; year: string; rule: 'SV-7'; dueBy: string; detectedOn: string; occurredAt: string }>;
/** Recorded by the watchdog: a rectification request's due date passed with no report and no closure by then (SV-12). */
export type RectificationOverdue = Event<
  'RectificationOverdue',
  { communityId: string; rectificationId: string; findingId: string; rule: 'SV-12'; dueBy: string; detectedOn: string; occurredAt: string }
>;
export type SupervisionDeadlineEvent = AppraisalNotHeld | RectificationOverdue;
