import { IllegalStateError, ValidationError } from './errors';
/**
 * Effective-dated configuration (docs/architecture.md "Procedure order and deviations"): a locality's policy is a
 * sequence of versions, each in force from its `effectiveFrom` local date until the next one's.
 * Every procedure's policy stream (consultation, supervision, work-item lists, calendars) uses this.
 */
export type EffectiveDated = Readonly<{ effectiveFrom: string }>;

/** The version in force on a local date (the last one whose effectiveFrom is on or before it), or undefined. */
export const versionInForceOn = <V extends EffectiveDated>(versions: readonly V[], date: string): V | undefined => {
  let found: V | undefined;
  for (const version of versions) if (version.effectiveFrom <= date) found = version;
  return found;
};

/** The policy streams whose versions follow one another under the same two guards. */
export type PolicyStreamPrefix = 'LOCALITY_POLICY' | 'SUPERVISION_POLICY' | 'WORK_LIST_POLICY';

/**
 * The guards every policy stream puts on a new version: it is never retroactive (a decision already
 * taken stays judged by the policy it was taken under), and it comes after the last version.
 */
export const assertNextVersion = (versions: readonly EffectiveDated[], effectiveFrom: string, adoptedOn: string, prefix: PolicyStreamPrefix): void => {
  if (effectiveFrom < adoptedOn) {
    throw new ValidationError(`effectiveFrom ${effectiveFrom} lies before the adoption date`, [{ field: 'effectiveFrom', message: 'not before the adoption date (occurredAt)' }], `${prefix}.RETROACTIVE`);
  }
  const last = versions[versions.length - 1];
  if (last !== undefined && effectiveFrom <= last.effectiveFrom) throw new IllegalStateError(`${prefix}.NOT_AFTER_PREVIOUS`, `effectiveFrom must follow ${last.effectiveFrom}`);
};
