import type { RecordedEvent } from '../../domain/shared';
import { daysBetween } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, mean, share, upsert, type SectionFold } from '../section-fold';
import { PLACE_COLUMNS } from './place-columns';

const COUNTERS = ['opened', 'opinionsFormed', 'referred', 'meetingAdopted', 'meetingRejected', 'withdrawn', 'implementationStarted', 'implementationCompleted', 'resultsPublished', 'feedbackGiven', 'closed'] as const;
type Counter = (typeof COUNTERS)[number];
type Tally = Record<Counter, number> & { settledToImplement: number; feedbackDays: number; feedbackCount: number; maxFeedbackDays: number };

const COUNTED: Readonly<Record<string, Counter>> = {
  OpinionsSolicited: 'opened',
  OpinionFormed: 'opinionsFormed',
  ReferredToMeeting: 'referred',
  ConsultationWithdrawn: 'withdrawn',
  ImplementationStarted: 'implementationStarted',
  ImplementationCompleted: 'implementationCompleted',
  ResultPublished: 'resultsPublished',
  ConsultationClosed: 'closed',
};

/**
 * 协商: per community, consultations opened and their outcomes (opinion formed, referred to a
 * meeting, adopted or rejected there, withdrawn, closed), the share of adopted outcomes implemented,
 * and the days from the opinion (or meeting decision) to feedback to the participants.
 */
export class ConsultationsSection implements SectionFold {
  readonly name = 'consultations' as const;
  readonly zh = '协商';
  readonly en = 'Consultations';
  readonly columns = [
    ...PLACE_COLUMNS,
    col('opened', '发起协商', 'opened'),
    col('opinionsFormed', '形成协商意见', 'opinions formed'),
    col('referred', '提交会议', 'referred to a meeting'),
    col('meetingAdopted', '会议通过', 'adopted by the meeting'),
    col('meetingRejected', '会议否决', 'rejected by the meeting'),
    col('withdrawn', '撤回', 'withdrawn'),
    col('closed', '办结', 'closed'),
    col('implementationStarted', '开始实施', 'implementation started'),
    col('implementationCompleted', '实施完成', 'implementation completed'),
    col('implementedShare', '落实比例', 'share implemented (completed / adopted outcomes)'),
    col('resultsPublished', '结果公开', 'results published'),
    col('feedbackGiven', '反馈', 'feedback given'),
    col('meanFeedbackDays', '平均反馈天数', 'mean days from opinion to feedback'),
    col('maxFeedbackDays', '最长反馈天数', 'longest days from opinion to feedback'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly tallies = new Map<string, Tally>();
  /** Consultations still open: id -> the date the outcome was settled ('' until then) and whether it counts as one to implement. */
  private readonly open = new Map<string, { settledOn: string; toImplement: boolean }>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    if (!e.stream.startsWith('consultation-')) return;
    const d = dataOf(e);
    const id = String(d.consultationId);
    const communityId = ctx.ownerOf('consultation', id);
    if (!ctx.inScope(communityId)) return;
    const date = ctx.dateOf(e, communityId);
    const t = ctx.inRange(date) ? this.tally(communityId ?? '') : undefined;
    const c = upsert(this.open, id, () => ({ settledOn: '', toImplement: false }));
    const counter = COUNTED[e.type];
    if (counter !== undefined && t !== undefined) t[counter] += 1;
    // An outcome to implement: the opinion, unless the matter goes to a meeting; then the meeting's adopted decision.
    const toImplement = (yes: boolean): void => {
      if (t !== undefined && yes !== c.toImplement) t.settledToImplement += yes ? 1 : -1;
      c.toImplement = yes;
    };
    switch (e.type) {
      case 'OpinionFormed':
        if (c.settledOn === '') c.settledOn = date;
        toImplement(true);
        break;
      case 'ReferredToMeeting':
        toImplement(false);
        break;
      case 'MeetingDecisionRecorded':
        c.settledOn = date;
        if (t !== undefined) t[d.adopted === true ? 'meetingAdopted' : 'meetingRejected'] += 1;
        toImplement(d.adopted === true);
        break;
      case 'FeedbackGiven':
        if (t !== undefined) {
          t.feedbackGiven += 1;
          if (c.settledOn !== '') {
            const days = daysBetween(c.settledOn, date);
            t.feedbackDays += days;
            t.feedbackCount += 1;
            if (days > t.maxFeedbackDays) t.maxFeedbackDays = days;
          }
        }
        break;
      case 'ConsultationClosed':
      case 'ConsultationWithdrawn':
        this.open.delete(id);
        break;
      default:
        break;
    }
  }

  private tally(communityId: string): Tally {
    return upsert(this.tallies, communityId, () => ({
      ...(Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>),
      settledToImplement: 0, feedbackDays: 0, feedbackCount: 0, maxFeedbackDays: 0,
    }));
  }

  finish(ctx: ReportContext): void {
    for (const [communityId, t] of this.tallies) {
      const place = ctx.community(communityId);
      this.out.add([
        communityId, place?.townshipRef ?? '', place?.districtRef ?? '', t.opened, t.opinionsFormed, t.referred, t.meetingAdopted, t.meetingRejected, t.withdrawn, t.closed,
        t.implementationStarted, t.implementationCompleted, share(t.implementationCompleted, Math.max(t.settledToImplement, 0)), t.resultsPublished, t.feedbackGiven,
        mean(t.feedbackDays, t.feedbackCount), t.feedbackCount === 0 ? '' : t.maxFeedbackDays,
      ]);
    }
  }
}
