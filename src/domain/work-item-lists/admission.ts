import type { EmergencyFlag, RefusalReason } from './assignment.events';
import type { ListVersion } from './list-set.decider';
import { isPositiveList, LIST_RULE, NEGATIVE_CATEGORIES, type CommunityKindOfList, type EmergencyCategory, type ListKind } from './work-list.vocabulary';

/** An emergency exemption as admission sees it. */
export type ExemptionFact = Readonly<{ exemptionId: string; jurisdictionId: string; category: EmergencyCategory; startsOn: string; expiresOn: string; communityIds: readonly string[] }>;

export type AdmissionRequest = Readonly<{
  jurisdictionId: string;
  communityId: string;
  departmentRef: string;
  itemId: string | null;
  taskCategory: string | null;
  assignedOn: string;
}>;

export type Admission =
  | Readonly<{ outcome: 'admitted'; list: ListKind | null; listVersion: number | null; emergency: EmergencyFlag | null }>
  | Readonly<{ outcome: 'refused'; reason: RefusalReason; rule: string; message: string; listVersion: number | null; exemptionExpired: string | null }>;

const exemptionCovers = (exemption: ExemptionFact, request: AdmissionRequest): boolean =>
  exemption.jurisdictionId === request.jurisdictionId &&
  (exemption.communityIds.length === 0 || exemption.communityIds.includes(request.communityId)) &&
  exemption.startsOn <= request.assignedOn;

/**
 * The admission check (准入, WL-3 / WL-6, §5.3), pure: the task against the list version in force on
 * its date. An emergency exemption in force admits with a flag until its expiry; after it the list decides.
 */
export const admission = (
  request: AdmissionRequest,
  communityKind: CommunityKindOfList,
  version: ListVersion | undefined,
  exemption: ExemptionFact | null,
): Admission => {
  const rule = LIST_RULE[communityKind];
  const listVersion = version?.version ?? null;
  let exemptionExpired: string | null = null;
  if (exemption !== null && exemptionCovers(exemption, request)) {
    if (request.assignedOn <= exemption.expiresOn) {
      const item = request.itemId === null ? undefined : version?.items[request.itemId];
      return { outcome: 'admitted', list: item?.list ?? null, listVersion, emergency: { exemptionId: exemption.exemptionId, category: exemption.category, expiresOn: exemption.expiresOn } };
    }
    exemptionExpired = exemption.expiresOn;
  }
  const refuse = (reason: RefusalReason, message: string, by: string = rule): Admission => ({ outcome: 'refused', reason, rule: by, message, listVersion, exemptionExpired });
  if (request.taskCategory !== null && (NEGATIVE_CATEGORIES[communityKind] as readonly string[]).includes(request.taskCategory)) {
    return refuse('negative_category', `${request.taskCategory} is a category communities must not be given (${rule})`);
  }
  if (version === undefined) return refuse('no_list_in_force', `no list version of ${request.jurisdictionId} is in force on ${request.assignedOn}`);
  const item = request.itemId === null ? undefined : version.items[request.itemId];
  if (item === undefined) return refuse('not_on_list', `${request.itemId ?? 'the task'} is not on list version ${version.version} in force on ${request.assignedOn}`);
  if (item.list === 'negative') return refuse('on_negative_list', `${item.itemId} is on the negative list (不应承担)`);
  if (!isPositiveList(item.list)) return refuse('not_a_work_item', `${item.itemId} is on the ${item.list} register, not a work-item list`);
  if (item.list === 'assistance' && item.responsibleDepartment !== request.departmentRef) {
    return refuse('not_commissioning_department', `${item.itemId} is commissioned and funded by ${item.responsibleDepartment}`, 'WL-1');
  }
  return { outcome: 'admitted', list: item.list, listVersion, emergency: null };
};
