import { GLOBAL_ROLES, SCOPED_ROLES } from '../../domain/shared/actor-roles';

/**
 * Roles with scopes: `supervision_committee@community:c-17` is the supervision committee of
 * community c-17; a global role (`auditor`) is held without scope. Requirements name a role and,
 * optionally, the kind of scope the route acts on: `villagers_committee@community`.
 */
export { GLOBAL_ROLES, SCOPED_ROLES };

export type Role = Readonly<{ role: string; scopeKind?: string; scopeId?: string }>;
export type RoleRequirement = Readonly<{ role: string; scopeKind?: string }>;

/** A body of one place held without naming it (`township_government` alone): not a valid role to issue. */
export const lacksItsScope = (role: Role): boolean => role.scopeKind === undefined && Object.hasOwn(SCOPED_ROLES, role.role);

const NAME = '[a-z][a-z0-9_]*';
const ROLE = new RegExp(`^(${NAME})(?:@(${NAME}):([A-Za-z0-9][A-Za-z0-9._:-]{0,127}))?$`);
const REQUIREMENT = new RegExp(`^(${NAME})(?:@(${NAME}))?$`);

export const parseRole = (text: string): Role | undefined => {
  const match = ROLE.exec(text);
  if (match === null) return undefined;
  const [, role, scopeKind, scopeId] = match;
  return scopeKind === undefined ? { role: role! } : { role: role!, scopeKind, scopeId: scopeId! };
};

export const parseRequirement = (text: string): RoleRequirement => {
  const match = REQUIREMENT.exec(text);
  if (match === null) throw new Error(`bad role requirement "${text}": expected role or role@scopeKind`);
  return match[2] === undefined ? { role: match[1]! } : { role: match[1]!, scopeKind: match[2] };
};

/**
 * A requirement without scope kind is met by the role in any scope. A scoped requirement is met by
 * the role scoped to the place the request acts on, or by a global role (GLOBAL_ROLES) held without
 * scope; never by any other role held without scope (a township government must name its township).
 */
export const satisfies = (held: Role, required: RoleRequirement, scopeId: string | undefined): boolean => {
  if (held.role !== required.role) return false;
  if (required.scopeKind === undefined) return true;
  if (held.scopeKind === undefined) return GLOBAL_ROLES.has(held.role);
  return held.scopeKind === required.scopeKind && scopeId !== undefined && held.scopeId === scopeId;
};
