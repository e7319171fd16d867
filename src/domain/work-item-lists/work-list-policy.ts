import { holdsRole } from '../shared/actor-roles';
import {
  assertNextVersion,
  ForbiddenError,
  ValidationError,
  assertNever,
  isPlainDate,
  localDate,
  versionInForceOn,
  type Command,
  type Decider,
  type FieldProblem,
  type WorkingCalendar,
} from '../shared';
import { WORK_LIST_ROLES } from './work-list.vocabulary';
import type { WorkListPolicyEvent, WorkListPolicySnapshot } from './work-list-policy.events';

export type AdoptWorkListPolicyVersion = Command<'AdoptWorkListPolicyVersion', Omit<WorkListPolicySnapshot, 'version'>>;
export type AdoptWorkingCalendar = Command<'AdoptWorkingCalendar', { jurisdictionId: string; year: number; holidays: readonly string[]; makeUpWorkdays: readonly string[] }>;
export type WorkListPolicyCommand = AdoptWorkListPolicyVersion | AdoptWorkingCalendar;

export type WorkListPolicy = Readonly<{ versions: readonly WorkListPolicySnapshot[]; calendars: Readonly<Record<number, WorkingCalendar>> }>;

export const toWorkListPolicyStreamId = (jurisdictionId: string): string => `work-list-policy-${jurisdictionId}`;

export const POLICY_ROLES = [WORK_LIST_ROLES.approvalBody, WORK_LIST_ROLES.civilAffairs] as const;

export const workListPolicyInForceOn = (state: WorkListPolicy, date: string): WorkListPolicySnapshot | undefined => versionInForceOn(state.versions, date);

/** Every year's holidays and make-up days in one calendar (years never overlap). */
export const workingCalendarOf = (state: WorkListPolicy): WorkingCalendar => {
  const years = Object.values(state.calendars);
  return { holidays: years.flatMap((c) => c.holidays), makeUpWorkdays: years.flatMap((c) => c.makeUpWorkdays) };
};

const evolve = (state: WorkListPolicy, event: WorkListPolicyEvent): WorkListPolicy => {
  switch (event.type) {
    case 'WorkListPolicyVersionAdopted': {
      const { adoptedByRole: _r, occurredAt: _o, ...snapshot } = event.data;
      return { ...state, versions: [...state.versions, snapshot] };
    }
    case 'WorkingCalendarAdopted':
      return { ...state, calendars: { ...state.calendars, [event.data.year]: { holidays: event.data.holidays, makeUpWorkdays: event.data.makeUpWorkdays } } };
    default:
      return assertNever(event);
  }
};

const policyRole = (roles: readonly string[], jurisdictionId: string): string => {
  const role = POLICY_ROLES.find((r) => holdsRole(roles, r, { jurisdiction: jurisdictionId }));
  if (role === undefined) throw new ForbiddenError('WORK_LIST_POLICY.NOT_ALLOWED', 'only the list approval body or the civil-affairs office of the jurisdiction sets its admission policy');
  return role;
};

const adoptVersion = (command: AdoptWorkListPolicyVersion, state: WorkListPolicy): WorkListPolicyEvent[] => {
  const { data, metadata } = command;
  const role = policyRole(metadata.actorRoles, data.jurisdictionId);
  const problems: FieldProblem[] = [];
  if (!isPlainDate(data.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be YYYY-MM-DD' });
  for (const field of ['applyLeadWorkingDays', 'decisionWorkingDays'] as const) {
    if (!Number.isInteger(data[field]) || data[field] < 0 || data[field] > 365) problems.push({ field, message: 'must be an integer 0..365' });
  }
  for (const field of ['reviewingBody', 'approvingBody'] as const) if (data[field].trim() === '') problems.push({ field, message: 'must not be empty' });
  if (problems.length > 0) throw new ValidationError('invalid work-list policy', problems, 'WORK_LIST_POLICY.INVALID');
  assertNextVersion(state.versions, data.effectiveFrom, localDate(metadata.occurredAt), 'WORK_LIST_POLICY');
  return [{ type: 'WorkListPolicyVersionAdopted', data: { ...data, version: state.versions.length + 1, adoptedByRole: role, occurredAt: metadata.occurredAt.toISOString() } }];
};

const adoptCalendar = (command: AdoptWorkingCalendar, _state: WorkListPolicy): WorkListPolicyEvent[] => {
  const { data, metadata } = command;
  const role = policyRole(metadata.actorRoles, data.jurisdictionId);
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(data.year) || data.year < 2000 || data.year > 2100) problems.push({ field: 'year', message: 'must be a year 2000..2100' });
  for (const field of ['holidays', 'makeUpWorkdays'] as const) {
    data[field].forEach((d, i) => {
      if (!isPlainDate(d) || !d.startsWith(`${data.year}-`)) problems.push({ field: `${field}[${i}]`, message: `must be a date of ${data.year}` });
    });
  }
  if (data.holidays.some((d) => data.makeUpWorkdays.includes(d))) problems.push({ field: 'makeUpWorkdays', message: 'a day cannot be both a holiday and a make-up working day' });
  if (problems.length > 0) throw new ValidationError('invalid working calendar', problems, 'WORK_LIST_POLICY.INVALID_CALENDAR');
  return [{ type: 'WorkingCalendarAdopted', data: { ...data, holidays: [...data.holidays].sort(), makeUpWorkdays: [...data.makeUpWorkdays].sort(), adoptedByRole: role, occurredAt: metadata.occurredAt.toISOString() } }];
};

const decide = (command: WorkListPolicyCommand, state: WorkListPolicy): WorkListPolicyEvent[] => {
  switch (command.type) {
    case 'AdoptWorkListPolicyVersion':
      return adoptVersion(command, state);
    case 'AdoptWorkingCalendar':
      return adoptCalendar(command, state);
    default:
      return assertNever(command);
  }
};

export const workListPolicyDecider: Decider<WorkListPolicy, WorkListPolicyCommand, WorkListPolicyEvent> = {
  initialState: () => ({ versions: [], calendars: {} }),
  evolve,
  decide,
};
