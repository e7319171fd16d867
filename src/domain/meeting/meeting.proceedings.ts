import { isIsoDate, localDate, organicLawTextOn, personalDataInRef, type FieldProblem } from '../shared';
import {
  adoption,
  assertOccurredAtAcceptable,
  isCount,
  isRepresentativeMeeting,
  isReservedMatter,
  MATTER_TYPES,
  partyPreDeliberationRule,
  quorum,
  reservedMatterRule,
} from '../rules';
import type { AddAgendaItem, CloseMeeting, RecordAttendance, RecordPartyPreDeliberation, RecordVote } from './meeting.commands';
import type { AgendaItemAdded, AttendanceRecorded, MeetingClosed, PartyPreDeliberationRecorded, VoteRecorded } from './meeting.events';
import { MeetingRuleViolation, MeetingStepNotAllowed, meetingInvalid } from './meeting.errors';
import type { AgendaItem, ConvenedMeeting, Meeting } from './meeting.state';

export const requireConvened = (state: Meeting, meetingId: string): ConvenedMeeting => {
  if (!('convened' in state)) throw new MeetingStepNotAllowed('NOT_CONVENED', `Meeting ${meetingId} has not been convened`);
  return state;
};

export const requireItem = (state: ConvenedMeeting, itemId: string): AgendaItem => {
  const item = state.items[itemId];
  if (item === undefined) throw new MeetingStepNotAllowed('UNKNOWN_AGENDA_ITEM', `Agenda item ${itemId} is not on the agenda`);
  return item;
};

/** VM-6 / RM-7: reserved matters marked; at a representative meeting only under a recorded authorisation. */
export const addAgendaItem = (command: AddAgendaItem, state: Meeting): AgendaItemAdded[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  if (s.items[d.itemId] !== undefined) return [];
  if (s.status !== 'Convened' && s.status !== 'Held') throw new MeetingStepNotAllowed('AGENDA_CLOSED', `Meeting ${d.meetingId} is ${s.status}`);
  const problems: FieldProblem[] = [];
  if (!MATTER_TYPES.includes(d.matterType)) problems.push({ field: 'matterType', message: `one of ${MATTER_TYPES.join(', ')}` });
  if (d.title.trim() === '') problems.push({ field: 'title', message: 'required' });
  if (problems.length > 0) throw meetingInvalid(problems);
  const { kind, communityKind, meetingDate } = s.convened;
  const text = organicLawTextOn(meetingDate, d.ruleSwitchDate);
  const reserved = kind !== 'village_group_meeting' && isReservedMatter(communityKind, text, d.matterType);
  const auth = d.authorisation;
  if (reserved && isRepresentativeMeeting(kind)) {
    const covers = auth !== undefined && auth.matterTypes.includes(d.matterType) && auth.validFrom <= meetingDate && (auth.validUntil === null || meetingDate <= auth.validUntil);
    if (!covers) {
      throw new MeetingRuleViolation('RESERVED_MATTER_NOT_AUTHORISED', `${d.matterType} is reserved to the plenary meeting; no authorisation covers it on ${meetingDate}`, reservedMatterRule(communityKind));
    }
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  const useAuth = reserved && isRepresentativeMeeting(kind) && auth !== undefined;
  return [
    {
      type: 'AgendaItemAdded',
      data: {
        meetingId: d.meetingId,
        itemId: d.itemId,
        title: d.title,
        matterType: d.matterType,
        reserved,
        important: reserved || d.important === true,
        authorisationId: useAuth ? auth.authorisationId : null,
        authorisationValidUntil: useAuth ? auth.validUntil : null,
        occurredAt,
      },
    },
  ];
};

/** VM-7 / RM-7: the Party organisation's pre-deliberation, dated no later than the meeting and recorded before the vote. */
export const recordPartyPreDeliberation = (command: RecordPartyPreDeliberation, state: Meeting): PartyPreDeliberationRecorded[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const item = requireItem(s, d.itemId);
  if (item.deliberatedOn !== null) return [];
  const rule = s.convened.communityKind === 'village' ? 'VM-7' : 'RM-7';
  if (item.vote !== null) throw new MeetingStepNotAllowed('PRE_DELIBERATION_AFTER_DECISION', `Item ${d.itemId} was already voted on`, rule);
  const problems: FieldProblem[] = [];
  if (!isIsoDate(d.deliberatedOn)) problems.push({ field: 'deliberatedOn', message: 'must be a date YYYY-MM-DD' });
  if (d.partyOrganisationRef.trim() === '') problems.push({ field: 'partyOrganisationRef', message: 'required' });
  if (problems.length > 0) throw meetingInvalid(problems);
  if (d.deliberatedOn > s.convened.meetingDate) {
    throw new MeetingRuleViolation('PRE_DELIBERATION_AFTER_MEETING', `Deliberation on ${d.deliberatedOn} is after the meeting date ${s.convened.meetingDate}`, rule);
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [{ type: 'PartyPreDeliberationRecorded', data: { ...d, occurredAt } }];
};

/** VM-5, VM-10, VM-11, RM-3, RM-5: quorum against the roster in force; observers (列席) never count (RM-4). */
export const recordAttendance = (command: RecordAttendance, state: Meeting): AttendanceRecorded[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  if (s.status !== 'Convened') throw new MeetingStepNotAllowed('ATTENDANCE_ALREADY_RECORDED', `Attendance of meeting ${d.meetingId} is already recorded`);
  const { roster, kind, residentsMode, meetingDate, timeZone } = s.convened;
  const householdsRepresented = d.householdsRepresented ?? 0;
  const observers = d.observers ?? d.observerRefs?.length ?? 0;
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries({ present: d.present, householdsRepresented, observers })) {
    if (!isCount(value)) problems.push({ field, message: 'must be a non-negative integer' });
  }
  for (const [field, refs] of Object.entries({ attendeeRefs: d.attendeeRefs ?? [], observerRefs: d.observerRefs ?? [] })) {
    if (refs.some((r) => personalDataInRef(r) !== null)) problems.push({ field, message: 'person references only (never a phone or ID-card number)' });
  }
  const maxPresent = isRepresentativeMeeting(kind) ? roster.members : kind === 'residents_meeting' && residentsMode === 'households' ? roster.households : roster.adults;
  if (d.present > maxPresent) problems.push({ field: 'present', message: `more than the ${maxPresent} on the roster` });
  if (householdsRepresented > roster.households) problems.push({ field: 'householdsRepresented', message: `more than the ${roster.households} households` });
  if (d.attendeeRefs !== undefined && new Set(d.attendeeRefs).size !== d.present) problems.push({ field: 'attendeeRefs', message: 'must list exactly the persons present' });
  if (d.observerRefs !== undefined && d.attendeeRefs?.some((r) => d.observerRefs?.includes(r))) problems.push({ field: 'observerRefs', message: 'an observer is not counted as present' });
  if (problems.length > 0) throw meetingInvalid(problems);
  const heldOn = localDate(command.metadata.occurredAt, timeZone);
  if (heldOn < meetingDate) {
    throw new MeetingStepNotAllowed('HELD_BEFORE_NOTIFIED_DATE', `Held on ${heldOn}, before the notified date ${meetingDate}`, s.convened.noticeRule ?? undefined);
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  const q = quorum(kind, roster, { present: d.present, householdsRepresented, observers }, residentsMode ?? 'adults');
  return [
    {
      type: 'AttendanceRecorded',
      data: {
        meetingId: d.meetingId,
        communityId: s.convened.communityId,
        kind,
        heldOn,
        present: d.present,
        householdsRepresented,
        observers,
        attendeeRefs: d.attendeeRefs ?? [],
        observerRefs: d.observerRefs ?? [],
        quorumMet: q.met,
        quorumRule: q.rule,
        quorumFormula: q.formula,
        occurredAt,
      },
    },
  ];
};

/** Adopted if 2*yes > present (VM-5, VM-10, VM-11, RM-3, RM-5); Party pre-deliberation first where in force (VM-7, RM-7). */
export const recordVote = (command: RecordVote, state: Meeting): VoteRecorded[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const item = requireItem(s, d.itemId);
  if (item.vote !== null) {
    if (item.vote.yes === d.yes && item.vote.no === d.no && item.vote.abstain === d.abstain) return [];
    throw new MeetingStepNotAllowed('ITEM_ALREADY_VOTED', `Item ${d.itemId} was already voted on`);
  }
  if (s.status === 'Convened') throw new MeetingStepNotAllowed('ATTENDANCE_NOT_RECORDED', 'Record attendance before votes');
  if (s.status !== 'Held') {
    const rule = s.status === 'Inquorate' ? s.attendance.quorumRule : undefined;
    throw new MeetingStepNotAllowed(s.status === 'Inquorate' ? 'QUORUM_NOT_MET' : 'MEETING_CLOSED', `Meeting ${d.meetingId} is ${s.status}`, rule);
  }
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries({ yes: d.yes, no: d.no, abstain: d.abstain })) {
    if (!isCount(value)) problems.push({ field, message: 'must be a non-negative integer' });
  }
  if (problems.length === 0 && d.yes + d.no + d.abstain > s.attendance.present) problems.push({ field: 'yes', message: `more votes than the ${s.attendance.present} present` });
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  const decidedOn = localDate(command.metadata.occurredAt, s.convened.timeZone);
  const ruleText = organicLawTextOn(decidedOn, d.ruleSwitchDate);
  const partyRule = partyPreDeliberationRule(s.convened.kind, ruleText);
  if (partyRule !== null && item.item.important && item.deliberatedOn === null) {
    throw new MeetingRuleViolation('PARTY_PRE_DELIBERATION_MISSING', `Item ${d.itemId} needs the Party organisation's deliberation before the decision`, partyRule);
  }
  const until = item.item.authorisationValidUntil;
  if (item.item.authorisationId !== null && until !== null && decidedOn > until) {
    throw new MeetingRuleViolation('RESERVED_MATTER_NOT_AUTHORISED', `Authorisation ${item.item.authorisationId} expired on ${until}`, reservedMatterRule(s.convened.communityKind));
  }
  const result = adoption(s.convened.kind, d.yes, s.attendance.present);
  return [
    {
      type: 'VoteRecorded',
      data: {
        meetingId: d.meetingId,
        itemId: d.itemId,
        communityId: s.convened.communityId,
        kind: s.convened.kind,
        matterType: item.item.matterType,
        reserved: item.item.reserved,
        yes: d.yes,
        no: d.no,
        abstain: d.abstain,
        present: s.attendance.present,
        outcome: result.met ? 'adopted' : 'rejected',
        rule: result.rule,
        formula: result.formula,
        decidedOn,
        ruleText,
        occurredAt,
      },
    },
  ];
};

export const closeMeeting = (command: CloseMeeting, state: Meeting): MeetingClosed[] => {
  const s = requireConvened(state, command.data.meetingId);
  if (s.status === 'Closed') return [];
  if (s.status === 'Convened') throw new MeetingStepNotAllowed('ATTENDANCE_NOT_RECORDED', 'Record attendance before closing the meeting');
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [{ type: 'MeetingClosed', data: { meetingId: command.data.meetingId, occurredAt } }];
};
