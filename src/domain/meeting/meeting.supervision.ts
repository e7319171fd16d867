import { personalDataInRef, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, isRepresentativeMeeting, type MeetingKind } from '../rules';
import type { AdmitSupervisionObserver, RecordSupervisionObserverRefused } from './meeting.commands';
import type { SupervisionObserverAdmitted, SupervisionObserverRefused } from './meeting.events';
import { MeetingStepNotAllowed, meetingInvalid } from './meeting.errors';
import { requireConvened } from './meeting.proceedings';
import type { Meeting } from './meeting.state';

/**
 * SV-5 (村 Art. 37 / 居 Art. 36): supervision committee members may attend (列席) meetings; a refusal is
 * recorded as a fact, like a consultation's (consultation.preparation.ts). The 2025 texts name the
 * representative meeting; the 2018 texts only the villagers' committee's own meetings (not a meeting of
 * this stream), so a refusal is a violation at a representative meeting held under the 2025 text.
 */
/** Whether the texts in force give the committee the right to attend this kind of meeting (SV-5). */
export const supervisionMayAttend = (kind: MeetingKind, ruleText: '2018' | '2025'): boolean => ruleText === '2025' && isRepresentativeMeeting(kind);

const personProblems = (personRef: string): FieldProblem[] => {
  const personal = personalDataInRef(personRef);
  return personal === null ? [] : [{ field: 'personRef', message: personal }];
};

/** SV-5: admitted at any stage before the meeting closes; admitting the same member twice changes nothing. */
export const admitSupervisionObserver = (command: AdmitSupervisionObserver, state: Meeting): SupervisionObserverAdmitted[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  if (s.supervisionObservers.includes(d.personRef)) return [];
  if (s.status === 'Closed') throw new MeetingStepNotAllowed('MEETING_CLOSED', `Meeting ${d.meetingId} is closed`, 'SV-5');
  const problems = personProblems(d.personRef);
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [{ type: 'SupervisionObserverAdmitted', data: { meetingId: d.meetingId, communityId: s.convened.communityId, kind: s.convened.kind, personRef: d.personRef, capacity: 'supervision_committee', occurredAt } }];
};

/** SV-5: a refusal is a fact (reported by anyone, also after the meeting); whether it breaks the texts in force is recorded with it. */
export const recordSupervisionObserverRefused = (command: RecordSupervisionObserverRefused, state: Meeting): SupervisionObserverRefused[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const problems = personProblems(d.personRef);
  if (d.refusedByRole.trim() === '') problems.push({ field: 'refusedByRole', message: 'required (SV-5)' });
  if (d.note.trim() === '') problems.push({ field: 'note', message: 'required (SV-5)' });
  if (problems.length > 0) throw meetingInvalid(problems);
  // Reported afterwards: not bound to the meeting's last step.
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'MEETING');
  const { kind, ruleText, communityId } = s.convened;
  return [{
    type: 'SupervisionObserverRefused',
    data: { meetingId: d.meetingId, communityId, kind, personRef: d.personRef, refusedByRole: d.refusedByRole.trim(), note: d.note.trim(), rule: 'SV-5', ruleText, violation: supervisionMayAttend(kind, ruleText), occurredAt },
  }];
};
