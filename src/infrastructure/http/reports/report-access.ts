import { ForbiddenError } from '../../../domain/shared';
import type { ReportScope } from '../../../reports';
import { GLOBAL_ROLES, parseRole } from '../../auth/roles';

/** Who may read reports: global readers, and the bodies of a place for that place only. */
export const REPORT_READERS = ['auditor', 'civil_affairs_office', 'district_government', 'township_government', 'street_office', 'supervision_committee'] as const;

export type Place = Readonly<{ townshipRef: string; districtRef: string }>;

/**
 * Auditors and civil-affairs offices read any report; a county (district) government reports on its
 * county or a community in it; a township government or street office on its township or a
 * community in it; a supervision committee on its own community. Held without scope, only a global role (roles.ts GLOBAL_ROLES) reads any scope.
 */
export const assertMayRead = async (roles: readonly string[], scope: ReportScope | undefined, placeOf: (communityId: string) => Promise<Place>): Promise<void> => {
  let place: Place | undefined;
  const communityPlace = async (): Promise<Place | undefined> => {
    if (scope?.kind !== 'community') return undefined;
    place ??= await placeOf(scope.id);
    return place;
  };
  for (const text of roles) {
    const role = parseRole(text);
    if (role === undefined || !(REPORT_READERS as readonly string[]).includes(role.role)) continue;
    if (role.scopeKind === undefined) {
      if (GLOBAL_ROLES.has(role.role)) return;
      continue;
    }
    if (scope === undefined) continue;
    const id = role.scopeId;
    switch (role.role) {
      case 'civil_affairs_office':
        return;
      case 'district_government':
        if ((scope.kind === 'county' && scope.id === id) || (await communityPlace())?.districtRef === id) return;
        break;
      case 'township_government':
      case 'street_office':
        if ((scope.kind === 'township' && scope.id === id) || (await communityPlace())?.townshipRef === id) return;
        break;
      case 'supervision_committee':
        if (scope.kind === 'community' && scope.id === id) return;
        break;
      default:
        break;
    }
  }
  throw new ForbiddenError('AUTH.ROLE_REQUIRED', 'reports are for auditors, civil-affairs offices, and the governments and supervision committees of the place reported on (pass its community, township or county)');
};
