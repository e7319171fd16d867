import { COMMITTEE_POSTS } from './supervision.vocabulary';
import type { EligibilityFacts } from './supervision.commands';
import type { EligibilityConflict, SupervisionMember } from './supervision.events';

export type { Kinship } from './supervision.vocabulary';
import type { Kinship } from './supervision.vocabulary';

/**
 * SV-3 (hard invariant): no member of the villagers'/residents' committee and no near relative of
 * one may sit on the supervision committee; SV-10: the locality's extended exclusions (posts held).
 * Kinship is symmetric; which relations are 近亲属 is the locality's definition.
 */
export const eligibilityConflicts = (
  committeeId: string,
  members: readonly Pick<SupervisionMember, 'personRef'>[],
  kinships: readonly Kinship[],
  facts: EligibilityFacts,
): EligibilityConflict[] => {
  const conflicts: EligibilityConflict[] = [];
  const excludedPost = (post: string): 'SV-3' | 'SV-10' | null =>
    (COMMITTEE_POSTS as readonly string[]).includes(post) ? 'SV-3' : facts.extendedExclusions.includes(post) ? 'SV-10' : null;
  const id = (memberRef: string, cause: string, holder: string, post: string, kinshipId: string | null): string =>
    [committeeId, memberRef, cause, holder, post, kinshipId ?? '-'].join(':');
  for (const { personRef: memberRef } of members) {
    for (const holder of facts.officeHolders.holders) {
      const rule = excludedPost(holder.post);
      if (rule === null) continue;
      if (holder.personRef === memberRef) {
        conflicts.push({ conflictId: id(memberRef, 'holds_post', memberRef, holder.post, null), committeeId, memberRef, rule, cause: 'holds_post', officeHolderRef: memberRef, post: holder.post, kinshipId: null, relation: null });
        continue;
      }
      // Near relatives of committee members are excluded by law (SV-3); of other excluded posts only when SV-10 is extended that far, which we do not assume.
      if (rule !== 'SV-3') continue;
      for (const k of kinships) {
        const links = (k.personRef === memberRef && k.relativeRef === holder.personRef) || (k.relativeRef === memberRef && k.personRef === holder.personRef);
        if (!links || !facts.nearRelativeRelations.includes(k.relation)) continue;
        conflicts.push({ conflictId: id(memberRef, 'near_relative', holder.personRef, holder.post, k.kinshipId), committeeId, memberRef, rule: 'SV-3', cause: 'near_relative', officeHolderRef: holder.personRef, post: holder.post, kinshipId: k.kinshipId, relation: k.relation });
      }
    }
  }
  return conflicts;
};
