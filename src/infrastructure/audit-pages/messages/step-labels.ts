import type { Lang } from './messages';

/**
 * Readable names of the steps a timeline shows (event types of the consultation procedure, CS-5
 * order), in both languages of the pages. A step without a label is shown by its code.
 */
const STEP_LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  OpinionsSolicited: ['征集协商议题', 'Topics solicited'],
  TopicProposed: ['提出协商议题', 'Topic proposed'],
  ParticipantsDetermined: ['确定协商主体', 'Participants determined'],
  ExpertInvited: ['邀请专家', 'Expert invited'],
  SupervisionMemberAdmitted: ['监督委员会成员列席', 'Supervision member admitted'],
  SupervisionAttendanceRefused: ['拒绝监督委员会成员列席', 'Supervision member refused'],
  ContentNotified: ['提前通报协商内容', 'Content notified in advance'],
  ConsultationHeld: ['开展协商', 'Consultation held'],
  OpinionFormed: ['形成协商意见', 'Opinion formed'],
  DissentersBriefed: ['向持不同意见者说明', 'Dissenters briefed'],
  ReferredToMeeting: ['提交村（居）民会议决定', 'Referred to a meeting'],
  MeetingDecisionRecorded: ['记录会议决定', 'Meeting decision recorded'],
  ConsultationWithdrawn: ['撤回协商', 'Consultation withdrawn'],
  ImplementationPlanPublished: ['晒方案', 'Implementation plan published'],
  ImplementationStarted: ['开始落实', 'Implementation started'],
  ImplementationProgressReported: ['晒进度', 'Progress reported'],
  ImplementationCompleted: ['晒成效', 'Implementation completed'],
  ReportedToCommissioner: ['向委托方报告', 'Reported to the commissioning body'],
  CommissionerFeedbackReceived: ['委托方反馈', 'Commissioning body feedback'],
  ResultPublished: ['公开协商结果', 'Result published'],
  FeedbackGiven: ['反馈落实情况', 'Feedback given'],
  ConsultationClosed: ['协商结束', 'Consultation closed'],
  OutcomeCorrectedByGovernment: ['乡镇政府纠正', 'Outcome corrected by the government'],
  ProcedureDeviationRecorded: ['记录程序偏离', 'Procedure deviation recorded'],
  ConsultationDeadlineMissed: ['逾期未办', 'Deadline missed'],
  // Deadline steps (CS-3, CS-12) named by the overdue list.
  implementation_start: ['开始落实（CS-3）', 'Implementation start (CS-3)'],
  result_publication: ['公开协商结果（CS-12）', 'Result publication (CS-12)'],
  implementation_publication: ['公开落实情况（CS-12）', 'Implementation publication (CS-12)'],
};

export const STEP_CODES: readonly string[] = Object.keys(STEP_LABELS);

/** The step's name in the page's language, or its code when it has none. */
export const stepLabel = (lang: Lang, code: unknown): string => {
  if (typeof code !== 'string') return '';
  const label = STEP_LABELS[code];
  return label === undefined ? code : label[lang === 'en' ? 1 : 0];
};
