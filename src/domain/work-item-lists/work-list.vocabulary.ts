import type { CommunityKind } from '../rules';

/**
 * What a list set holds (domain-rules.md §5). Positive lists say what a community does (WL-5, WL-6):
 * duties by law (依法履职 / 自治) and assistance by law (依法协助). The negative list (不应承担) says
 * what must never be given. Beside them the registers of WL-4 / WL-9: certificates and seal-use
 * scope (证明事项, 印章使用范围), mechanisms and signboards (机制牌子), assessments (考核评比), ledgers (台账).
 */
export const POSITIVE_LISTS = ['duty', 'assistance'] as const;
export const NEGATIVE_LIST = 'negative' as const;
export const REGISTERS = ['certificate', 'mechanism', 'assessment', 'ledger'] as const;
export const LIST_KINDS = [...POSITIVE_LISTS, NEGATIVE_LIST, ...REGISTERS] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export type PositiveList = (typeof POSITIVE_LISTS)[number];

export const isPositiveList = (kind: string): kind is PositiveList => (POSITIVE_LISTS as readonly string[]).includes(kind);

/**
 * Negative categories, keyed by the registry's community kinds (CommunityRegistered.kind): WL-3 (urban
 * communities: investment attraction, tax assistance, revenue quotas; the
 * community as responsible party for enforcement, demolition, environmental clean-up, urban
 * management) and WL-6 (villages: administrative enforcement, demolition, investment attraction,
 * work safety). A task of one of these categories is refused whatever the lists say.
 */
export const NEGATIVE_CATEGORIES = {
  urban_community: ['investment_attraction', 'tax_assistance', 'revenue_quota', 'law_enforcement', 'demolition', 'environmental_cleanup', 'urban_management'],
  village: ['administrative_enforcement', 'demolition', 'investment_attraction', 'work_safety'],
} as const satisfies Record<CommunityKind, readonly string[]>;

/** The kind of community a list set governs: the registry's own vocabulary (one notion of community). */
export type CommunityKindOfList = CommunityKind;
export const COMMUNITY_KINDS_OF_LISTS = Object.keys(NEGATIVE_CATEGORIES) as CommunityKindOfList[];
export const isCommunityKindOfList = (kind: unknown): kind is CommunityKindOfList => (COMMUNITY_KINDS_OF_LISTS as readonly unknown[]).includes(kind);

/** The rule a list set rests on: WL-3 for urban communities (prefecture city), WL-6 for villages (county). */
export const LIST_RULE: Readonly<Record<CommunityKindOfList, 'WL-3' | 'WL-6'>> = { urban_community: 'WL-3', village: 'WL-6' };

/** The owning level by default (WL-3: 市（地、州、盟）; WL-6: county 统一部署); another level needs a recorded reason. */
export const DEFAULT_OWNER_LEVEL: Readonly<Record<CommunityKindOfList, OwnerLevel>> = { urban_community: 'prefecture_city', village: 'county' };
export const OWNER_LEVELS = ['province', 'prefecture_city', 'county', 'district'] as const;
export type OwnerLevel = (typeof OWNER_LEVELS)[number];

/** Emergencies exempt from admission (§5.3, 张家口 2020): life and property, security, public health, environment. */
export const EMERGENCY_CATEGORIES = ['life_and_property', 'national_security', 'public_security', 'public_health', 'environment'] as const;
export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number];

/** WL-1: who pays for an assistance item. Only `commissioning_department` makes one effective. */
export const FUNDING_KINDS = ['commissioning_department', 'community_own', 'unfunded', 'other'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

/** Roles of the work-item list procedure, as they arrive in actorRoles (`name@kind:id`). */
export const WORK_LIST_ROLES = {
  department: 'government_department',
  reviewBody: 'list_review_body',
  approvalBody: 'list_approval_body',
  civilAffairs: 'civil_affairs_office',
  provincialGovernment: 'provincial_government',
  watchdog: 'watchdog',
  communityCommittees: ['villagers_committee', 'residents_committee', 'community_committee'],
} as const;

