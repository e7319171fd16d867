import {
  assertNextVersion,
  ForbiddenError,
  ValidationError,
  assertNever,
  isIsoDate,
  localDate,
  versionInForceOn,
  type Command,
  type Decider,
  type FieldProblem,
} from '../shared';
import { holdsRole } from '../shared/actor-roles';
import type { SupervisionPolicyEvent, SupervisionPolicySettings, SupervisionPolicyVersion, SupervisionPolicyVersionAdopted } from './supervision-policy.events';
import { CIVIL_CODE_NEAR_RELATIVES, EXTENDABLE_EXCLUSIONS, RELATIONS } from './supervision.vocabulary';

export const NATIONAL_SUPERVISION_DEFAULTS: SupervisionPolicySettings = {
  nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES,
  extendedExclusions: [],
  publicationReviewRequired: false,
  financeMonthlyCommunityIds: [],
  majorMatterMaxLagDays: null,
  urbanCadence: 'none',
  appraisalThreshold: 'majority',
  expenditureVeto: false,
  voucherCountersignRequired: false,
};

export type AdoptSupervisionPolicyVersion = Command<'AdoptSupervisionPolicyVersion', SupervisionPolicySettings & { localityId: string; effectiveFrom: string }>;

export const toSupervisionPolicyStreamId = (localityId: string): string => `supervision-policy-${localityId}`;

export type SupervisionPolicy = Readonly<{ versions: readonly SupervisionPolicyVersion[] }>;

const POLICY_ROLES = ['township_government', 'street_office', 'district_government', 'civil_affairs_office'] as const;

const evolve = (state: SupervisionPolicy, event: SupervisionPolicyEvent): SupervisionPolicy => {
  if (event.type !== 'SupervisionPolicyVersionAdopted') return assertNever(event.type);
  const { adoptedByRole: _r, occurredAt: _o, ...version } = event.data;
  return { versions: [...state.versions, version] };
};

/** The settings in force on a local date: the version in force, else the national defaults. */
export const supervisionPolicyOn = (state: SupervisionPolicy, date: string): SupervisionPolicySettings & { version: number | null } => {
  const v = versionInForceOn(state.versions, date);
  // Versions adopted before a setting existed carry none: the national default (false) applies.
  return v === undefined ? { ...NATIONAL_SUPERVISION_DEFAULTS, version: null } : { ...NATIONAL_SUPERVISION_DEFAULTS, ...v };
};

const validate = (d: AdoptSupervisionPolicyVersion['data']): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!isIsoDate(d.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be YYYY-MM-DD' });
  if (d.nearRelativeRelations.some((r) => !RELATIONS.includes(r))) problems.push({ field: 'nearRelativeRelations', message: `each one of ${RELATIONS.join(', ')}` });
  if (d.extendedExclusions.some((p) => !EXTENDABLE_EXCLUSIONS.includes(p))) problems.push({ field: 'extendedExclusions', message: `each one of ${EXTENDABLE_EXCLUSIONS.join(', ')}` });
  if (d.majorMatterMaxLagDays !== null && (!Number.isInteger(d.majorMatterMaxLagDays) || d.majorMatterMaxLagDays < 0 || d.majorMatterMaxLagDays > 366)) {
    problems.push({ field: 'majorMatterMaxLagDays', message: 'an integer 0..366 or null' });
  }
  if (!['none', 'quarter', 'half', 'year'].includes(d.urbanCadence)) problems.push({ field: 'urbanCadence', message: 'none, quarter, half or year' });
  if (!['majority', 'two_thirds'].includes(d.appraisalThreshold)) problems.push({ field: 'appraisalThreshold', message: 'majority or two_thirds' });
  for (const flag of ['expenditureVeto', 'voucherCountersignRequired'] as const) {
    if (d[flag] !== undefined && typeof d[flag] !== 'boolean') problems.push({ field: flag, message: 'true or false' });
  }
  return problems;
};

export const adoptSupervisionPolicyVersion = (command: AdoptSupervisionPolicyVersion, state: SupervisionPolicy): SupervisionPolicyVersionAdopted[] => {
  const { data, metadata } = command;
  const role = POLICY_ROLES.find((r) => holdsRole(metadata.actorRoles, r));
  if (role === undefined) throw new ForbiddenError('SUPERVISION_POLICY.NOT_ALLOWED', 'only the township/district government, street office or civil-affairs office sets supervision policy');
  const problems = validate(data);
  if (problems.length > 0) throw new ValidationError('invalid supervision policy', problems, 'SUPERVISION_POLICY.INVALID');
  assertNextVersion(state.versions, data.effectiveFrom, localDate(metadata.occurredAt), 'SUPERVISION_POLICY');
  return [{ type: 'SupervisionPolicyVersionAdopted', data: { ...data, version: state.versions.length + 1, adoptedByRole: role, occurredAt: metadata.occurredAt.toISOString() } }];
};

export const supervisionPolicyDecider: Decider<SupervisionPolicy, AdoptSupervisionPolicyVersion, SupervisionPolicyEvent> = {
  initialState: () => ({ versions: [] }),
  evolve,
  decide: (command, state) => adoptSupervisionPolicyVersion(command, state),
};
