import { addDays, ForbiddenError, holdsRole, isTimeZone, localDate } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import type { RecordMustConveneNotHonoured } from './meeting.commands';
import type { MustConveneNotHonoured } from './meeting.events';
import { MeetingStepNotAllowed, meetingInvalid } from './meeting.errors';
import type { Meeting } from './meeting.state';

/**
 * VM-2, VM-10, RM-2, RM-4 ("应当召集"): a petition that reaches its threshold obliges the convener
 * to convene. The statutes set no number of days, so the limit is configuration
 * (MUST_CONVENE_WITHIN_DAYS), passed in as an outside fact: the meeting must be convened (notice
 * given, MeetingConvened) on or before `petitionedOn + withinDays`, the petition day not counted (D-3).
 * The watchdog records the day after, whatever happened later: a meeting convened too late does
 * not undo the miss.
 */
/** The first obliging petition's local date and the last day to convene, or null when no petition obliges. */
export const mustConveneDue = (state: Meeting, withinDays: number, timeZone: string): Readonly<{ petitionedOn: string; dueBy: string }> | null => {
  if (state.status === 'None') return null;
  const first = state.petitions.find((p) => p.obliges);
  if (first === undefined) return null;
  const petitionedOn = localDate(new Date(first.occurredAt), timeZone);
  return { petitionedOn, dueBy: addDays(petitionedOn, withinDays) };
};

export const recordMustConveneNotHonoured = (command: RecordMustConveneNotHonoured, state: Meeting): MustConveneNotHonoured[] => {
  const d = command.data;
  if (!Number.isInteger(d.withinDays) || d.withinDays < 1) throw meetingInvalid([{ field: 'withinDays', message: 'a whole number of days, at least 1' }]);
  if (!isTimeZone(d.timeZone)) throw meetingInvalid([{ field: 'timeZone', message: 'an IANA time zone' }]);
  if (!holdsRole(command.metadata.actorRoles, 'watchdog')) {
    throw new ForbiddenError('MEETING.NOT_THE_WATCHDOG', 'only the deadline watchdog records a must-convene petition not honoured');
  }
  const due = mustConveneDue(state, d.withinDays, d.timeZone);
  if (state.status === 'None' || due === null) throw new MeetingStepNotAllowed('NO_MUST_CONVENE', `No petition obliges convening meeting ${d.meetingId}`, 'VM-2');
  const first = state.petitions.find((p) => p.obliges)!;
  if (state.mustConveneMissed) return [];
  const detectedOn = localDate(command.metadata.occurredAt, d.timeZone);
  if (detectedOn <= due.dueBy) throw new MeetingStepNotAllowed('MUST_CONVENE_NOT_DUE', `Meeting ${d.meetingId} may be convened until ${due.dueBy}; today is ${detectedOn}`, first.rule);
  const convenedOn = state.status === 'Petitioned' ? null : state.convened.noticeDate;
  if (convenedOn !== null && convenedOn <= due.dueBy) {
    throw new MeetingStepNotAllowed('MUST_CONVENE_HONOURED', `Meeting ${d.meetingId} was convened on ${convenedOn}, within the limit (${due.dueBy})`, first.rule);
  }
  // The watchdog's record does not join the procedure's timeline: it may be dated before a later step (a run as of a past date).
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'MEETING');
  return [{
    type: 'MustConveneNotHonoured',
    data: {
      meetingId: d.meetingId, communityId: first.communityId, kind: first.kind, rule: first.rule,
      petitionIds: state.petitions.filter((p) => p.obliges).map((p) => p.petitionId),
      petitionedOn: due.petitionedOn, withinDays: d.withinDays, dueBy: due.dueBy, convenedOn, detectedOn, occurredAt,
    },
  }];
};
