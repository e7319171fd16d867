/**
 * Roles as they arrive in `actorRoles`: `name` (a role of no one place) or `name@kind:id`
 * (`supervision_committee@community:c-17`, the supervision committee of community c-17).
 */

/**
 * Roles of no one place: held without scope they act for the whole deployment (the auditors, the
 * civil-affairs office overseeing it, the log's administrator, the province, the engine's watchdog).
 * The civil-affairs office may also be held for one jurisdiction (`civil_affairs_office@jurisdiction:J`).
 */
export const GLOBAL_ROLES: ReadonlySet<string> = new Set(['auditor', 'civil_affairs_office', 'log_administrator', 'provincial_government', 'watchdog']);

/**
 * Bodies of one place, by the kind of place: they must be held for theirs
 * (`township_government@township:t-1`). Held without a scope such a role stands for no place.
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

/** The places a step acts on, by kind (`{ community: 'c-17', township: 't-1' }`); an undefined id asks nothing of that kind. */
export type RolePlaces = Readonly<Partial<Record<string, string | undefined>>>;

/**
 * Whether the actor holds `role` for one of the places asked. With no place asked, the role held
 * anywhere (or without scope) will do. With places asked, a scoped entry holds when its kind and id
 * are one of them, and an entry without scope only when the role is global (GLOBAL_ROLES): a body of
 * one place that does not name its place holds for none.
 */
export const holdsRole = (actorRoles: readonly string[], role: string, places: RolePlaces = {}): boolean => {
  const asked = Object.entries(places).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return actorRoles.some((entry) => {
    const at = entry.indexOf('@');
    if ((at < 0 ? entry : entry.slice(0, at)) !== role) return false;
    if (asked.length === 0) return true;
    if (at < 0) return GLOBAL_ROLES.has(role);
    const scope = entry.slice(at + 1);
    const colon = scope.indexOf(':');
    if (colon < 0) return false;
    const kind = scope.slice(0, colon);
    const id = scope.slice(colon + 1);
    return asked.some(([k, v]) => k === kind && v === id);
  });
};

/** The first of `roles` the actor holds for the places asked, if any. */
export const firstRoleHeld = (actorRoles: readonly string[], roles: readonly string[], places: RolePlaces = {}): string | undefined =>
  roles.find((role) => holdsRole(actorRoles, role, places));
