/**
 * Effective-dated configuration (DESIGN.md "Procedure order and deviations"): a locality's policy is a
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
