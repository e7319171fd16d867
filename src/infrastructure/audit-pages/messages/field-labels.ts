import type { Lang } from './messages';

/**
 * Readable names of the fields a step's details show, in both languages. Fields that only serve
 * machines (hashes, ids of the place, versions) are left out of the details; the record's proof
 * block already covers what was fixed by hash.
 */
const FIELD_LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  title: ['标题', 'Title'],
  channel: ['方式', 'Channel'],
  form: ['协商形式', 'Form'],
  contentClass: ['协商内容类别', 'Content class'],
  opinionsGathered: ['收集意见数', 'Opinions gathered'],
  periodFrom: ['征集开始', 'Period from'],
  periodTo: ['征集截止', 'Period to'],
  technical: ['技术性事项', 'Technical matter'],
  highImpact: ['涉及面广', 'High impact'],
  commissioned: ['受委托', 'Commissioned'],
  crossCommunity: ['跨村（社区）', 'Across communities'],
  leadRole: ['牵头', 'Led by'],
  proposerRole: ['提出方', 'Proposed by'],
  noticeLeadDays: ['提前通报天数', 'Notice lead days'],
  sessionPlannedAt: ['计划协商时间', 'Session planned for'],
  contested: ['存在较大分歧', 'Contested'],
  meetingKind: ['会议类型', 'Meeting kind'],
  adopted: ['通过', 'Adopted'],
  decidedAt: ['决定时间', 'Decided at'],
  publicationDue: ['应公开日期', 'Publication due'],
  implementationStartDue: ['应开始落实日期', 'Implementation start due'],
  startDue: ['应开始落实日期', 'Implementation start due'],
  due: ['截止日期', 'Due'],
  postedFrom: ['公开开始', 'Posted from'],
  postedUntil: ['公开截止', 'Posted until'],
  covers: ['公开内容', 'Covers'],
  kind: ['类别', 'Kind'],
  percent: ['完成比例（%）', 'Percent done'],
  milestone: ['节点', 'Milestone'],
  satisfied: ['满意', 'Satisfied'],
  neutral: ['基本满意', 'Neutral'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  channels: ['公开渠道', 'Channels'],
  views: ['意见', 'Views'],
  catalogueEntry: ['协商目录事项', 'Catalogue entry'],
  recordedByRole: ['记录方', 'Recorded by'],
  step: ['步骤', 'Step'],
  rule: ['规则', 'Rule'],
};

/** Fields that identify records or fix content by hash: shown by the proof block and links, not as details. */
const MACHINE_FIELD = /(Hash|Id|Ref|Refs|Version)$|^(timeZone|communityKind)$/;

export const isMachineField = (key: string): boolean => MACHINE_FIELD.test(key);

/** The field's name in the page's language, or its code when it has none. */
export const fieldLabel = (lang: Lang, key: string): string => {
  const label = FIELD_LABELS[key];
  return label === undefined ? key : label[lang === 'en' ? 1 : 0];
};
