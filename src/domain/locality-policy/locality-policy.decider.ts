import {
  ForbiddenError,
  ValidationError,
  assertNever,
  isIsoDate,
  localDate,
  versionInForceOn,
  assertNextVersion,
  type Decider,
  type FieldProblem,
} from '../shared';
import { CONTENT_CLASSES } from '../consultation/consultation.vocabulary';
import { holdsRole } from '../shared/actor-roles';
import type { AdoptLocalityPolicyVersion, LocalityPolicyCommand } from './locality-policy.commands';
import type { LocalityPolicyEvent, LocalityPolicySnapshot, LocalityPolicyVersionAdopted } from './locality-policy.events';

export const toLocalityPolicyStreamId = (localityId: string): string => `locality-policy-${localityId}`;

/** Roles that may set a locality's consultation policy (configuration, not law). */
export const POLICY_SETTING_ROLES = ['township_government', 'district_government', 'civil_affairs_office'] as const;

export type LocalityPolicy =
  | { readonly status: 'Unset' }
  | { readonly status: 'Set'; readonly versions: readonly LocalityPolicySnapshot[] };

export const initialState = (): LocalityPolicy => ({ status: 'Unset' });

////////// Evolve

export const evolve = (state: LocalityPolicy, event: LocalityPolicyEvent): LocalityPolicy => {
  switch (event.type) {
    case 'LocalityPolicyVersionAdopted': {
      const { adoptedByRole: _role, occurredAt: _at, ...snapshot } = event.data;
      const versions = state.status === 'Set' ? state.versions : [];
      return { status: 'Set', versions: [...versions, snapshot] };
    }
    default:
      return assertNever(event.type);
  }
};

/** The version in force on a local date, or undefined when none was in force yet. */
export const policyInForceOn = (state: LocalityPolicy, date: string): LocalityPolicySnapshot | undefined =>
  state.status === 'Unset' ? undefined : versionInForceOn(state.versions, date);

////////// Decide

const nonNegativeInteger = (value: number): boolean => Number.isInteger(value) && value >= 0;

const validate = (data: AdoptLocalityPolicyVersion['data']): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(data.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be YYYY-MM-DD' });
  for (const field of ['noticeLeadDays', 'implementationStartDeadlineDays', 'publicationDeadlineDays'] as const) {
    if (!nonNegativeInteger(data[field])) problems.push({ field, message: 'must be a non-negative integer' });
  }
  if (!Number.isInteger(data.seriousContestPercent) || data.seriousContestPercent < 1 || data.seriousContestPercent > 100) {
    problems.push({ field: 'seriousContestPercent', message: 'must be an integer 1..100' });
  }
  if (data.channels.length === 0) problems.push({ field: 'channels', message: 'at least one publication channel (CS-12)' });
  const codes = new Set<string>();
  data.catalogue.forEach((entry, i) => {
    if (codes.has(entry.code)) problems.push({ field: `catalogue[${i}].code`, message: 'duplicate code' });
    codes.add(entry.code);
    if (!(CONTENT_CLASSES as readonly string[]).includes(entry.contentClass)) {
      problems.push({ field: `catalogue[${i}].contentClass`, message: `must be one of ${CONTENT_CLASSES.join(', ')} (CS-13)` });
    }
  });
  return problems;
};

export const adoptLocalityPolicyVersion = (command: AdoptLocalityPolicyVersion, state: LocalityPolicy): LocalityPolicyVersionAdopted[] => {
  const { data, metadata } = command;
  const role = POLICY_SETTING_ROLES.find((r) => holdsRole(metadata.actorRoles, r));
  if (role === undefined) throw new ForbiddenError('LOCALITY_POLICY.NOT_ALLOWED', 'only the township/district government or civil-affairs office sets locality policy');
  const problems = validate(data);
  if (problems.length > 0) throw new ValidationError('invalid locality policy', problems, 'LOCALITY_POLICY.INVALID');
  if (metadata.occurredAt.getTime() > metadata.now.getTime()) {
    throw new ValidationError('occurredAt lies in the future', [{ field: 'occurredAt', message: 'not after now' }], 'LOCALITY_POLICY.OCCURRED_IN_FUTURE');
  }
  const versions = state.status === 'Set' ? state.versions : [];
  assertNextVersion(versions, data.effectiveFrom, localDate(metadata.occurredAt), 'LOCALITY_POLICY');
  return [
    {
      type: 'LocalityPolicyVersionAdopted',
      data: { ...data, version: versions.length + 1, adoptedByRole: role, occurredAt: metadata.occurredAt.toISOString() },
    },
  ];
};

export const decide = (command: LocalityPolicyCommand, state: LocalityPolicy): LocalityPolicyEvent[] => {
  switch (command.type) {
    case 'AdoptLocalityPolicyVersion':
      return adoptLocalityPolicyVersion(command, state);
    default:
      return assertNever(command.type);
  }
};

export const localityPolicyDecider: Decider<LocalityPolicy, LocalityPolicyCommand, LocalityPolicyEvent> = {
  initialState,
  evolve,
  decide,
};
