import { daysBetween, holdsRole, isIsoDate, localDate, organicLawTextOn, personalDataInRef, isTimeZone, isInstantWithOffset, ValidationError, type FieldProblem } from '../shared';
import {
  assertOccurredAtAcceptable,
  communityKindOf,
  convenerRoles,
  isCount,
  isRepresentativeMeeting,
  MEETING_KINDS,
  noticeRule,
  petitionObliges,
  type MeetingKind,
} from '../rules';
import type { ConveneMeeting, PetitionToConvene } from './meeting.commands';
import type { ConveningPetitioned, MeetingConvened, RosterFact } from './meeting.events';
import { MeetingRuleViolation, MeetingStepNotAllowed, NotConvener, meetingInvalid } from './meeting.errors';
import type { Meeting } from './meeting.state';

export const rosterProblems = (roster: RosterFact): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(roster.effectiveFrom)) problems.push({ field: 'roster.effectiveFrom', message: 'must be a date YYYY-MM-DD' });
  for (const key of ['adults', 'households', 'members', 'representatives', 'residentGroups'] as const) {
    if (!isCount(roster[key])) problems.push({ field: `roster.${key}`, message: 'must be a non-negative integer' });
  }
  return problems;
};

const commonProblems = (d: { kind: MeetingKind; communityKind: string; timeZone: string; roster: RosterFact; ruleSwitchDate?: string }): FieldProblem[] => {
  const problems = rosterProblems(d.roster);
  if (!MEETING_KINDS.includes(d.kind)) problems.push({ field: 'kind', message: `one of ${MEETING_KINDS.join(', ')}` });
  else if (communityKindOf(d.kind) !== d.communityKind) problems.push({ field: 'kind', message: `a ${d.communityKind} cannot hold a ${d.kind}` });
  if (!isTimeZone(d.timeZone)) problems.push({ field: 'timeZone', message: 'unknown IANA time zone' });
  if (d.ruleSwitchDate !== undefined && !isIsoDate(d.ruleSwitchDate)) problems.push({ field: 'ruleSwitchDate', message: 'must be a date YYYY-MM-DD' });
  return problems;
};

/** VM-2, VM-10, RM-2, RM-4: a petition is recorded; it obliges convening only if it reaches the threshold. */
export const petitionToConvene = (command: PetitionToConvene, state: Meeting): ConveningPetitioned[] => {
  const d = command.data;
  if (state.status !== 'None' && state.status !== 'Petitioned') throw new MeetingStepNotAllowed('ALREADY_CONVENED', `Meeting ${d.meetingId} is already convened`);
  if (state.status === 'Petitioned') {
    if (state.petitions.some((p) => p.petitionId === d.petitionId)) return [];
    const first = state.petitions[0];
    if (first !== undefined && (first.kind !== d.kind || first.communityId !== d.communityId)) {
      throw meetingInvalid([{ field: 'kind', message: `this meeting was petitioned as a ${first.kind} of ${first.communityId}` }]);
    }
  }
  const problems = commonProblems(d);
  if (d.signerRefs.some((r) => typeof r !== 'string' || r.trim() === '' || personalDataInRef(r) !== null)) {
    problems.push({ field: 'signerRefs', message: 'person references only (never a phone or ID-card number)' });
  }
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, state.status === 'Petitioned' ? state.lastOccurredAt : null, 'MEETING');
  const ruleText = organicLawTextOn(localDate(command.metadata.occurredAt, d.timeZone), d.ruleSwitchDate);
  const signers = new Set(d.signerRefs).size;
  const check = petitionObliges(d.kind, ruleText, d.basis, signers, d.roster);
  if (!check.applicable || check.rule === null) {
    throw meetingInvalid([{ field: 'basis', message: `the ${ruleText} text gives no right to petition a ${d.kind} on the basis ${d.basis}` }]);
  }
  return [
    {
      type: 'ConveningPetitioned',
      data: {
        meetingId: d.meetingId,
        communityId: d.communityId,
        communityKind: d.communityKind,
        kind: d.kind,
        petitionId: d.petitionId,
        basis: d.basis,
        signerRefs: [...new Set(d.signerRefs)],
        signers,
        required: check.required,
        obliges: check.met,
        rule: check.rule,
        formula: check.formula,
        ruleText,
        roster: d.roster,
        occurredAt,
      },
    },
  ];
};

const convenedProblems = (d: ConveneMeeting['data']): FieldProblem[] => {
  const problems = commonProblems(d);
  if (!isInstantWithOffset(d.scheduledFor)) {
    problems.push({ field: 'scheduledFor', message: 'ISO 8601 instant with offset and a real date' });
  }
  if (d.kind === 'village_group_meeting' && (d.groupId === undefined || d.groupId.trim() === '')) problems.push({ field: 'groupId', message: 'required for a village group meeting' });
  if (d.kind !== 'village_group_meeting' && d.groupId !== undefined) problems.push({ field: 'groupId', message: 'only for a village group meeting' });
  if (d.kind === 'residents_meeting' && d.residentsMode !== undefined && d.residentsMode !== 'adults' && d.residentsMode !== 'households') {
    problems.push({ field: 'residentsMode', message: 'adults or households' });
  }
  return problems;
};

/** The denominators the meeting's quorum needs must be present in the roster (VM-1, VM-9, RM-1, RM-4). */
const checkRoster = (d: ConveneMeeting['data'], meetingDate: string): void => {
  const rule = d.communityKind === 'village' ? 'VM-1' : 'RM-1';
  if (d.roster.effectiveFrom > meetingDate) {
    throw new MeetingRuleViolation('ROSTER_NOT_IN_FORCE', `Roster ${d.roster.sourceId} takes effect ${d.roster.effectiveFrom}, after the meeting date ${meetingDate}`, rule);
  }
  const empty = isRepresentativeMeeting(d.kind) ? d.roster.members === 0 : d.roster.adults === 0 && d.roster.households === 0;
  if (empty) throw new MeetingRuleViolation('ROSTER_EMPTY', `Roster ${d.roster.sourceId} has no members to count a quorum against`, isRepresentativeMeeting(d.kind) ? (d.communityKind === 'village' ? 'VM-9' : 'RM-4') : rule);
};

/** VM-3 / RM-2: at least 10 days' notice (D-3), or a recorded urgency reason under the 2025 texts only. */
const checkNotice = (d: ConveneMeeting['data'], noticeDate: string, meetingDate: string, text: '2018' | '2025') => {
  const rule = noticeRule(d.kind, text);
  const noticeDays = daysBetween(noticeDate, meetingDate);
  const urgencyReason = d.urgencyReason?.trim() || null;
  if (rule === null || noticeDays >= rule.minimumDays) return { rule, noticeDays, urgencyReason: null };
  if (rule.urgencyException && urgencyReason !== null) return { rule, noticeDays, urgencyReason };
  const why = rule.urgencyException ? 'and no urgency reason is recorded' : `and the ${text} text allows no exception`;
  throw new MeetingRuleViolation('NOTICE_TOO_SHORT', `Notice of ${noticeDays} days is less than ${rule.minimumDays} ${why}`, rule.rule, {
    noticeDate,
    meetingDate,
    noticeDays,
    minimumDays: rule.minimumDays,
  });
};

export const conveneMeeting = (command: ConveneMeeting, state: Meeting): MeetingConvened[] => {
  const d = command.data;
  if ('convened' in state) {
    if (state.convened.scheduledFor === d.scheduledFor && state.convened.kind === d.kind) return [];
    throw new MeetingStepNotAllowed('ALREADY_CONVENED', `Meeting ${d.meetingId} is already convened for ${state.convened.scheduledFor}`);
  }
  const problems = convenedProblems(d);
  if (state.status === 'Petitioned' && state.petitions[0] !== undefined && state.petitions[0].kind !== d.kind) {
    problems.push({ field: 'kind', message: `this meeting was petitioned as a ${state.petitions[0].kind}` });
  }
  if (problems.length > 0) throw meetingInvalid(problems);
  const convener = convenerRoles(d.kind);
  if (!convener.roles.some((r) => holdsRole(command.metadata.actorRoles, r))) throw new NotConvener(convener.roles);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, state.status === 'Petitioned' ? state.lastOccurredAt : null, 'MEETING');
  if (Date.parse(d.scheduledFor) < command.metadata.occurredAt.getTime()) {
    throw new ValidationError('The meeting cannot be scheduled before the notice is given', [{ field: 'scheduledFor', message: 'not before occurredAt (the notice)' }], 'MEETING.SCHEDULED_BEFORE_NOTICE');
  }
  const noticeDate = localDate(command.metadata.occurredAt, d.timeZone);
  const meetingDate = localDate(new Date(d.scheduledFor), d.timeZone);
  const ruleText = organicLawTextOn(noticeDate, d.ruleSwitchDate);
  checkRoster(d, meetingDate);
  const notice = checkNotice(d, noticeDate, meetingDate, ruleText);
  return [
    {
      type: 'MeetingConvened',
      data: {
        meetingId: d.meetingId,
        communityId: d.communityId,
        communityKind: d.communityKind,
        kind: d.kind,
        groupId: d.groupId ?? null,
        residentsMode: d.kind === 'residents_meeting' ? (d.residentsMode ?? 'adults') : null,
        scheduledFor: d.scheduledFor,
        timeZone: d.timeZone,
        noticeDate,
        meetingDate,
        noticeDays: notice.noticeDays,
        noticeRule: notice.rule?.rule ?? null,
        minimumNoticeDays: notice.rule?.minimumDays ?? null,
        urgencyReason: notice.urgencyReason,
        ruleText,
        roster: d.roster,
        dischargedPetitionIds: state.status === 'Petitioned' ? state.petitions.filter((p) => p.obliges).map((p) => p.petitionId) : [],
        occurredAt,
      },
    },
  ];
};
