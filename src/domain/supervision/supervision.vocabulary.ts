/**
 * Words of 村务/居务监督 (domain-rules.md §3): who may not sit on the supervision committee, the
 * relations the kinship registry records, and the six supervision domains (SV-11).
 */

/** Posts the community records for a committee term (OfficeHoldersRecorded). */
export const POSTS = [
  'committee_director',
  'committee_deputy_director',
  'committee_member',
  'party_secretary',
  'party_committee_member',
  'accountant',
  'clerk',
  'collective_economy_head',
] as const;
export type Post = (typeof POSTS)[number];

/** SV-3: members of the villagers'/residents' committee (and their near relatives) are excluded by law. */
export const COMMITTEE_POSTS: readonly Post[] = ['committee_director', 'committee_deputy_director', 'committee_member'];

/** SV-10 candidates a locality may add to the exclusions (extended exclusion list). */
export const EXTENDABLE_EXCLUSIONS: readonly Post[] = ['party_secretary', 'party_committee_member', 'accountant', 'clerk', 'collective_economy_head'];

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'parent_in_law', 'child_in_law', 'sibling_in_law', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Default 近亲属 (民法典 Art. 1045 ¶2: 配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女; SV-3
 * marks the reference ✖ verify). A locality may widen it (SV-10: 近姻亲) by policy.
 */
export const CIVIL_CODE_NEAR_RELATIVES: readonly Relation[] = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'];

/** SV-11: the six supervision domains a finding is tagged with. */
export const SUPERVISION_DOMAINS = [
  'decisions_and_publication',
  'collective_property',
  'construction_projects',
  'agricultural_support_policies',
  'civic_culture',
  'other',
] as const;
export type SupervisionDomain = (typeof SUPERVISION_DOMAINS)[number];

/** Competences SV-2 asks at least one member to have (财会、管理知识). */
export const COMPETENCES = ['finance', 'management'] as const;
export type Competence = (typeof COMPETENCES)[number];

/** Urban members are drawn from residents or community workers (居 Art. 36); village members from villagers (SV-2). */
export const MEMBER_BASES = ['villager', 'resident', 'community_worker'] as const;
export type MemberBasis = (typeof MEMBER_BASES)[number];

/** A declared kinship between two persons (by reference); symmetric. */
export type Kinship = Readonly<{ kinshipId: string; personRef: string; relativeRef: string; relation: Relation }>;
