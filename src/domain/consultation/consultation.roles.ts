import { firstRoleHeld } from '../shared/actor-roles';

/**
 * Domain roles as they arrive in `actorRoles`: `name` or `name@kind:id` (e.g.
 * `community_party_organisation@community:c-17`). A scoped role holds only inside its scope (`holdsRole` in domain/shared).
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

/** Who organises a consultation and records its steps: the community's Party organisation or committee, or the township Party committee. */
export const ORGANISERS: readonly string[] = [ROLES.partyOrganisation, ROLES.committee, ROLES.townshipPartyCommittee];

/** The organiser role the actor holds for this consultation's community or township, if any. */
export const organiserRoleOf = (actorRoles: readonly string[], where: Readonly<{ communityId: string; townshipId: string }>): string | undefined =>
  firstRoleHeld(actorRoles, ORGANISERS, { community: where.communityId, township: where.townshipId });
