/**
 * Matters that only the plenary meeting may decide, or a representative meeting under its recorded
 * authorisation (VM-6 village list, effective-dated; RM-7 residents' meeting).
 */
import type { OrganicLawText } from '../shared/legal-calendar';
import type { CommunityKind } from './meeting-rules';

export const MATTER_TYPES = [
  // VM-6, 2025 text (Art. 28)
  'village_planning_construction', // 乡村建设重要事项（村庄规划、建设）
  'lost_work_subsidy', // 误工补贴人员及标准
  'collective_funds_use', // 从村集体经济所得资金和物资的使用
  'public_welfare_financing', // 公益事业兴办、筹资筹劳方案及建设承包方案
  'key_assistance', // 重点帮扶人员、帮扶方案
  // VM-6, 2018 text only (Art. 24); since 2025 under 农村集体经济组织法
  'land_contract_plan', // 土地承包经营方案
  'collective_project', // 村集体经济项目的立项、承包方案
  'homestead_plan', // 宅基地的使用方案
  'land_compensation', // 征地补偿费的使用、分配方案
  'collective_property_disposal', // 以借贷、租赁或者其他方式处分村集体财产
  // RM-7 (居民会议)
  'charter_or_covenant', // 制定/修改自治章程、居民公约 (村: 自治章程、村规民约)
  'annual_work_report', // 审议年度工作报告
  'committee_evaluation', // 评议成员
  // Not on a statutory list unless the meeting itself reserves it
  'reserved_by_meeting', // 法律法规规定或会议认为应当由其决定的其他事项
  'other',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

const VILLAGE_2025: ReadonlySet<MatterType> = new Set<MatterType>([
  'village_planning_construction',
  'lost_work_subsidy',
  'collective_funds_use',
  'public_welfare_financing',
  'key_assistance',
  'charter_or_covenant',
  'reserved_by_meeting',
]);

const VILLAGE_2018: ReadonlySet<MatterType> = new Set<MatterType>([
  'lost_work_subsidy',
  'collective_funds_use',
  'public_welfare_financing',
  'land_contract_plan',
  'collective_project',
  'homestead_plan',
  'land_compensation',
  'collective_property_disposal',
  'charter_or_covenant',
  'reserved_by_meeting',
]);

const URBAN: ReadonlySet<MatterType> = new Set<MatterType>(['charter_or_covenant', 'annual_work_report', 'committee_evaluation', 'reserved_by_meeting']);

/** Whether the matter is reserved to the plenary meeting under the text in force (VM-6, RM-7). */
export const isReservedMatter = (community: CommunityKind, text: OrganicLawText, matter: MatterType): boolean =>
  community === 'urban_community' ? URBAN.has(matter) : (text === '2025' ? VILLAGE_2025 : VILLAGE_2018).has(matter);

export const reservedMatterRule = (community: CommunityKind): string => (community === 'village' ? 'VM-6' : 'RM-7');
