/**
 * Domain roles as they arrive in `actorRoles`: `name` or `name@kind:id` (e.g.
 * `community_party_organisation@community:c-17`). A scoped role holds only inside its scope.
 */
export const ROLES = {
  partyOrganisation: 'community_party_organisation',
  committee: 'community_committee',
  supervisionCommittee: 'supervision_committee',
  townshipPartyCommittee: 'township_party_committee',
  townshipGovernment: 'township_government',
  resident: 'resident',
  /** The engine's deadline watchdog (actor `system:watchdog`). */
  watchdog: 'watchdog',
} as const;

export type Scope = Readonly<{ communityId?: string; townshipId?: string }>;

const inScope = (scope: string | undefined, where: Scope): boolean => {
  if (scope === undefined) return true;
  const [kind, id] = scope.split(':');
  if (kind === 'community') return where.communityId === undefined || where.communityId === id;
  if (kind === 'township') return where.townshipId === undefined || where.townshipId === id;
  return false;
};

export const hasRole = (actorRoles: readonly string[], role: string, where: Scope = {}): boolean =>
  actorRoles.some((entry) => {
    const at = entry.indexOf('@');
    const name = at < 0 ? entry : entry.slice(0, at);
    return name === role && inScope(at < 0 ? undefined : entry.slice(at + 1), where);
  });

/** The first of `roles` the actor holds in scope, if any. */
export const firstRole = (actorRoles: readonly string[], roles: readonly string[], where: Scope = {}): string | undefined =>
  roles.find((role) => hasRole(actorRoles, role, where));
