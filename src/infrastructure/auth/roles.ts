/**
 * Roles with scopes: `supervision_committee@community:c-17` is the supervision committee of
 * community c-17; a global role (`auditor`) is held without scope. Requirements name a role and,
 * optionally, the kind of scope the route acts on: `villagers_committee@community`.
 */
export type Role = Readonly<{ role: string; scopeKind?: string; scopeId?: string }>;
export type RoleRequirement = Readonly<{ role: string; scopeKind?: string }>;

/**
 * Roles of no one place: held without scope they act for the whole deployment (the auditors, the
 * civil-affairs office overseeing it, the log's administrator, the province, the engine's watchdog).
 * The civil-affairs office may also be held for one jurisdiction (`civil_affairs_office@jurisdiction:J`).
 */
export const GLOBAL_ROLES: ReadonlySet<string> = new Set(['auditor', 'civil_affairs_office', 'log_administrator', 'provincial_government', 'watchdog']);

/**
 * Bodies of one place, by the kind of place: a token must name theirs (`township_government@township:t-1`).
 * Without a scope such a role would stand for every place: it is refused when a token is issued and
 * meets no scoped requirement.
 */
export const SCOPED_ROLES: Readonly<Record<string, string>> = {
  villagers_committee: 'community',
  residents_committee: 'community',
  community_committee: 'community',
  supervision_committee: 'community',
  community_party_organisation: 'community',
  party_organisation: 'community',
  village_group_leader: 'community',
  resident: 'community',
  township_government: 'township',
  street_office: 'township',
  township_party_committee: 'township',
  district_government: 'district',
  government_department: 'department',
  list_review_body: 'jurisdiction',
  list_approval_body: 'jurisdiction',
};

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
