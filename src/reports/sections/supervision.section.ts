import type { RecordedEvent } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, upsert, type SectionFold } from '../section-fold';
import { PLACE_COLUMNS } from './place-columns';

const COUNTERS = [
  'committeesConstituted', 'conflictsRecorded', 'misconductReports', 'inquiriesRaised', 'inquiriesAnswered',
  'rectificationsRequested', 'rectified', 'notRectified', 'appraisals', 'competent', 'basicallyCompetent', 'incompetent', 'mandatesTerminated',
] as const;
type Counter = (typeof COUNTERS)[number];

type CommunitySupervision = Record<Counter, number> & {
  committee: { committeeId: string; startsOn: string; endsOn: string } | undefined;
  openConflicts: Set<string>;
  /** Open inquiries and rectifications: id -> due date ('' when none). */
  openInquiries: Map<string, string>;
  openRectifications: Map<string, string>;
};

/**
 * 监督: per community, the supervision committee in place on the as-of date, eligibility conflicts
 * (SV-3 / SV-10) recorded and still open, misconduct reports (SV-6), inquiries and rectifications
 * (SV-11, SV-12) raised, open and overdue, and the democratic appraisals' results (SV-7).
 */
export class SupervisionSection implements SectionFold {
  readonly name = 'supervision' as const;
  readonly zh = '监督';
  readonly en = 'Supervision';
  readonly columns = [
    ...PLACE_COLUMNS,
    col('committeeInPlace', '监督委员会在任', 'committee in place'),
    col('committeeId', '监督委员会', 'committee id'),
    col('mandateEndsOn', '任期届满', 'mandate ends on'),
    col('committeesConstituted', '新组建', 'committees constituted'),
    col('conflictsRecorded', '任职回避冲突', 'eligibility conflicts recorded'),
    col('conflictsOpen', '未消除冲突', 'eligibility conflicts open'),
    col('misconductReports', '违纪报告', 'misconduct reports'),
    col('inquiriesRaised', '质询', 'inquiries raised'),
    col('inquiriesAnswered', '已答复质询', 'inquiries answered'),
    col('inquiriesOpen', '未答复质询', 'inquiries open'),
    col('inquiriesOverdue', '逾期未答复', 'inquiries overdue'),
    col('rectificationsRequested', '整改要求', 'rectifications requested'),
    col('rectified', '已整改', 'rectified'),
    col('notRectified', '未整改', 'closed not rectified'),
    col('rectificationsOpen', '整改中', 'rectifications open'),
    col('rectificationsOverdue', '整改逾期', 'rectifications overdue'),
    col('appraisals', '民主评议次数', 'appraisals held'),
    col('competent', '称职', 'competent'),
    col('basicallyCompetent', '基本称职', 'basically competent'),
    col('incompetent', '不称职', 'incompetent'),
    col('mandatesTerminated', '终止职务', 'mandates terminated'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly communities = new Map<string, CommunitySupervision>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    if (!e.stream.startsWith('supervision-') || e.stream.startsWith('supervision-policy-')) return;
    const d = dataOf(e);
    const communityId = String(d.communityId);
    if (!ctx.inScope(communityId)) return;
    const s = this.state(communityId);
    const counted = ctx.inRange(ctx.dateOf(e, communityId));
    const count = (c: Counter, n = 1): void => {
      if (counted) s[c] += n;
    };
    switch (e.type) {
      case 'SupervisionCommitteeConstituted':
        s.committee = { committeeId: String(d.committeeId), startsOn: String(d.mandateStartsOn), endsOn: String(d.mandateEndsOn) };
        count('committeesConstituted');
        break;
      case 'SupervisionEligibilityConflictRecorded':
        s.openConflicts.add(String(d.conflictId));
        count('conflictsRecorded');
        break;
      case 'SupervisionEligibilityConflictCleared':
        s.openConflicts.delete(String(d.conflictId));
        break;
      case 'MisconductReported':
        count('misconductReports');
        break;
      case 'InquiryRaised':
        s.openInquiries.set(String(d.inquiryId), typeof d.answerDueBy === 'string' ? d.answerDueBy : '');
        count('inquiriesRaised');
        break;
      case 'InquiryAnswered':
        s.openInquiries.delete(String(d.inquiryId));
        count('inquiriesAnswered');
        break;
      case 'RectificationRequested':
        s.openRectifications.set(String(d.rectificationId), String(d.dueBy));
        count('rectificationsRequested');
        break;
      case 'RectificationClosed':
        s.openRectifications.delete(String(d.rectificationId));
        count(d.outcome === 'rectified' ? 'rectified' : 'notRectified');
        break;
      case 'AppraisalRecorded': {
        count('appraisals');
        for (const r of (d.results as { verdict: string }[] | undefined) ?? []) {
          count(r.verdict === 'competent' ? 'competent' : r.verdict === 'basically_competent' ? 'basicallyCompetent' : 'incompetent');
        }
        break;
      }
      case 'CadreMandateTerminated':
        count('mandatesTerminated');
        break;
      default:
        break;
    }
  }

  private state(communityId: string): CommunitySupervision {
    return upsert(this.communities, communityId, () => ({
      ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>),
      committee: undefined, openConflicts: new Set<string>(), openInquiries: new Map<string, string>(), openRectifications: new Map<string, string>(),
    }));
  }

  finish(ctx: ReportContext): void {
    const asOf = ctx.asOf ?? '';
    const overdue = (open: Map<string, string>): number => [...open.values()].filter((due) => due !== '' && due < asOf).length;
    // Every community in scope has a row: one without a committee shows "no" (SV-1).
    for (const place of ctx.communitiesInScope()) this.state(place.communityId);
    for (const [communityId, s] of this.communities) {
      const place = ctx.community(communityId);
      const c = s.committee;
      const inPlace = c !== undefined && c.startsOn <= asOf && asOf <= c.endsOn;
      this.out.add([
        communityId, place?.townshipRef ?? '', place?.districtRef ?? '', inPlace ? 'yes' : 'no', c?.committeeId ?? '', c?.endsOn ?? '',
        s.committeesConstituted, s.conflictsRecorded, s.openConflicts.size, s.misconductReports,
        s.inquiriesRaised, s.inquiriesAnswered, s.openInquiries.size, overdue(s.openInquiries),
        s.rectificationsRequested, s.rectified, s.notRectified, s.openRectifications.size, overdue(s.openRectifications),
        s.appraisals, s.competent, s.basicallyCompetent, s.incompetent, s.mandatesTerminated,
      ]);
    }
  }
}
