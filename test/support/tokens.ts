import { GLOBAL_ROLES, SCOPED_ROLES } from '../../src/infrastructure/auth/roles';
import type { TokenService } from '../../src/infrastructure/auth/token.service';

/** The places the OpenAPI examples name (communityId c-17 in township t-1, district d-1, ...). */
export const EXAMPLE_PLACES: Readonly<Record<string, string>> = {
  community: 'c-17',
  township: 't-1',
  district: 'd-1',
  jurisdiction: 'city-panjin',
  department: 'dept-health',
};

/**
 * Every role a route names, each in the given places: the global roles without scope, every body of
 * one place scoped to the place of its kind (a body without its scope is refused, roles.ts).
 */
export const everyRole = (places: Readonly<Record<string, string>> = EXAMPLE_PLACES): string[] => [
  ...GLOBAL_ROLES,
  ...Object.entries(SCOPED_ROLES).map(([role, kind]) => `${role}@${kind}:${places[kind] ?? 'x'}`),
];

/**
 * Tokens of a community's bodies and of its township, under the actor ids the suites assert on
 * (`clerk-1` the committee's clerk, `p-a` the supervision committee's director, `villager-77` a resident).
 */
export const communityBodies = async (tokens: TokenService, communityId: string, townshipRef = 't-1') => ({
  township: await tokens.sign('officer-9', [`township_government@township:${townshipRef}`]),
  committee: await tokens.sign('clerk-1', [`villagers_committee@community:${communityId}`]),
  party: await tokens.sign('party-1', [`community_party_organisation@community:${communityId}`]),
  supervisor: await tokens.sign('p-a', [`supervision_committee@community:${communityId}`]),
  resident: await tokens.sign('villager-77', [`resident@community:${communityId}`]),
});
