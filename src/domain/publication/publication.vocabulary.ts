import type { CommunityKind } from '../rules';

/**
 * Publication categories (domain-rules.md §4): the mandatory categories of PD-1 (村务公开) and PD-5
 * (居务公开), finance (PD-2), fund-raising accounts (PD-6) and urban appraisal results (SV-7).
 */
export const PUBLICATION_CATEGORIES = [
  'meeting_decisions',
  'funds_and_materials',
  'government_assistance',
  'consultation_results',
  'other_affairs',
  'finance',
  'facilities',
  'community_services',
  'fund_raising_accounts',
  'appraisal_results',
] as const;
export type PublicationCategory = (typeof PUBLICATION_CATEGORIES)[number];

type CategoryRule = Readonly<{ village: string | null; urban_community: string | null }>;

/** The rule that makes a category mandatory for each kind of community (null: not a category of that kind). */
export const CATEGORY_RULES: Readonly<Record<PublicationCategory, CategoryRule>> = {
  meeting_decisions: { village: 'PD-1', urban_community: 'PD-5' },
  funds_and_materials: { village: 'PD-1', urban_community: 'PD-5' },
  government_assistance: { village: 'PD-1', urban_community: 'PD-5' },
  consultation_results: { village: 'PD-1', urban_community: 'PD-5' },
  other_affairs: { village: 'PD-1', urban_community: 'PD-5' },
  finance: { village: 'PD-2', urban_community: null },
  facilities: { village: null, urban_community: 'PD-5' },
  community_services: { village: null, urban_community: 'PD-5' },
  fund_raising_accounts: { village: null, urban_community: 'PD-6' },
  appraisal_results: { village: null, urban_community: 'SV-7' },
};

export const categoryApplies = (category: PublicationCategory, kind: CommunityKind): boolean => CATEGORY_RULES[category]?.[kind] != null;

/** PD-2: the general categories every village publishes at least quarterly (finance monthly where classed 财务往来较多). */
export const VILLAGE_GENERAL_CATEGORIES: readonly PublicationCategory[] = ['meeting_decisions', 'funds_and_materials', 'government_assistance', 'consultation_results', 'other_affairs', 'finance'];

/** PD-5: the urban categories a locality's cadence applies to (the law sets no frequency). */
export const URBAN_GENERAL_CATEGORIES: readonly PublicationCategory[] = ['meeting_decisions', 'funds_and_materials', 'facilities', 'community_services', 'consultation_results', 'government_assistance', 'other_affairs'];

/** PD-3 / PD-5: the public board always; online and a community bulletin optionally. */
export const CHANNELS = ['public_board', 'online', 'community_bulletin'] as const;
export type Channel = (typeof CHANNELS)[number];

/** PD-3 (2025 text): a posting lasts at least 15 days (D-3: the first day is not counted). */
export const MINIMUM_POSTING_DAYS_2025 = 15;

export const DOCUMENT_HASH = /^(sha256:)?[0-9a-f]{64}$/;
