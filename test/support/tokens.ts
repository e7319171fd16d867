import { GLOBAL_ROLES, SCOPED_ROLES } from '../../src/infrastructure/auth/roles';

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
