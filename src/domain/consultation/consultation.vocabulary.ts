/** The closed vocabularies of the consultation procedure, each from domain-rules.md §2. */

/** CS-13: the five content classes a topic must name. */
export const CONTENT_CLASSES = [
  'public_affairs', // 公共事务、公益事业
  'pressing_difficulty', // 实际困难问题和矛盾纠纷
  'policy_implementation', // 党和政府的方针政策、重点工作部署的落实
  'legally_required', // 法律法规和政策明确要求协商的事项
  'participant_request', // 各类协商主体提出协商需求的事项
] as const;
export type ContentClass = (typeof CONTENT_CLASSES)[number];

/** CS-14: participant categories (协商主体); `expert` covers CS-8 invitees. */
export const PARTICIPANT_CATEGORIES = [
  'grassroots_government',
  'party_organisation',
  'committee',
  'supervision_committee',
  'resident_group',
  'resident_unit',
  'social_organisation',
  'owners_committee',
  'collective_economic_organisation',
  'farmers_cooperative',
  'property_service_company',
  'registered_resident',
  'non_registered_resident',
  'other_stakeholder',
  'expert',
] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

/** CS-2, CS-6, CS-15: forms of consultation; a locality may add more through its policy. */
export const NATIONAL_CONSULTATION_FORMS = [
  'council', // 议事会
  'special_council', // 专题议事会 (CS-6)
  'hearing', // 听证会 / 民主听证会 (CS-6)
  'dialogue', // 恳谈会
  'residents_council', // 村（居）民理事会
  'neighbourhood', // 小区协商
  'owners', // 业主协商
  'decision_hearing', // 村（居）民决策听证 (CS-6)
  'democratic_appraisal', // 民主评议
  'online', // 网络协商平台
] as const;

/** CS-6: forms that satisfy the duty for high-impact matters. */
export const HIGH_IMPACT_FORMS: readonly string[] = ['special_council', 'hearing', 'decision_hearing'];

/** CS-9: the bodies a matter can be referred to. */
export const MEETING_KINDS = [
  'villagers_meeting',
  'villagers_representatives_meeting',
  'residents_meeting',
  'residents_representatives_meeting',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const VIEW_POSITIONS = ['for', 'against', 'abstain'] as const;
export type ViewPosition = (typeof VIEW_POSITIONS)[number];

/**
 * Steps central policy fixes: each may be skipped only by a ProcedureDeviationRecorded event with a
 * reason, and each names the rule it departs from.
 */
export const WAIVABLE_STEPS = {
  OpinionsSolicited: 'CS-5',
  ContentNotified: 'CS-5',
  NoticeLeadTime: 'CS-5',
  FeedbackGiven: 'CS-5',
  HearingForm: 'CS-6',
  TownshipLead: 'CS-7',
  MeetingReferral: 'CS-9',
  DissentersBriefed: 'CS-9',
  PublicationChannels: 'CS-12',
} as const;
export type WaivableStep = keyof typeof WAIVABLE_STEPS;

/** Steps the law fixes: a deviation naming one of them is refused with the rule. */
export const LAW_FIXED_STEPS = {
  MeetingDecision: 'CS-3',
  ImplementationOrReferral: 'CS-3',
  ResultPublished: 'CS-4',
  ImplementationPublished: 'CS-4',
  PostingPeriod: 'PD-3',
} as const;

export const isWaivableStep = (step: string): step is WaivableStep => Object.prototype.hasOwnProperty.call(WAIVABLE_STEPS, step);

/** PD-3 / PD-5: minimum posting period (days, D-3) for publications on or after the 2025 switch date. */
export const MIN_POSTING_DAYS_2025 = 15;
