import type { RecordedEvent } from '../../domain/shared';
import { addDays, daysBetween } from '../../domain/shared';
import { publicationCadence, type PostedFact, type PublicationPeriod } from '../../domain/publication/publication.cadence';
import type { CommunityKind } from '../../domain/rules';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, upsert, type SectionFold } from '../section-fold';
import { SupervisionPolicies } from './supervision-policies';
import { PLACE_COLUMNS } from './place-columns';

type CommunityPublications = { firstDate: string; posted: Pick<PostedFact, 'category' | 'postedFrom'>[]; recordedMisses: Set<string> };

/**
 * 公开及时性: per community, category and period (PD-2 / PD-5), whether the category was posted in
 * the period, when first, and whether the watchdog recorded the miss. The periods and categories due
 * come from the domain's cadence (`publicationCadence`) under the supervision policy in force on each
 * period's dates (finance monthly, urban cadence).
 */
export class PublicationSection implements SectionFold {
  readonly name = 'publication' as const;
  readonly zh = '公开及时性';
  readonly en = 'Publication timeliness';
  readonly columns = [
    ...PLACE_COLUMNS,
    col('category', '公开类别', 'category'),
    col('period', '期间', 'period'),
    col('rule', '规则编号', 'rule ID'),
    col('periodStart', '期间起', 'period start'),
    col('periodEnd', '期间止', 'period end'),
    col('status', '状态', 'status (met / missed / open)'),
    col('postings', '公开次数', 'postings'),
    col('firstPostedOn', '首次公开日期', 'first posted on'),
    col('daysIntoPeriod', '距期间起始天数', 'days from period start'),
    col('missRecorded', '已记录逾期', 'miss recorded by the watchdog'),
    col('policyVersion', '政策版本', 'policy version'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly policies = new SupervisionPolicies();
  /** The periods due for a kind and settings over a stretch, shared by every community with the same ones. */
  private readonly skeletons = new Map<string, PublicationPeriod[]>();
  private readonly communities = new Map<string, CommunityPublications>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    this.policies.add(e);
    const d = dataOf(e);
    if (e.type === 'CommunityRegistered') upsert(this.communities, String(d.communityId), () => ({ firstDate: ctx.dateOf(e), posted: [], recordedMisses: new Set<string>() }));
    if (e.type === 'PublicationPosted') {
      const c = this.communities.get(String(d.communityId));
      // One per posting ever made: only what the periods are judged by (the category interned).
      c?.posted.push({ category: ctx.intern(String(d.category)), postedFrom: String(d.postedFrom) });
    }
    if (e.type === 'PublicationCadenceMissed') this.communities.get(String(d.communityId))?.recordedMisses.add(`${String(d.category)}|${String(d.period)}`);
  }

  finish(ctx: ReportContext): void {
    const asOf = ctx.asOf;
    if (asOf === undefined) return;
    for (const [communityId, c] of this.communities) {
      const place = ctx.community(communityId);
      if (place === undefined || !ctx.inScope(communityId)) continue;
      const from = ctx.params.from !== undefined && ctx.params.from > c.firstDate ? ctx.params.from : c.firstDate;
      // One run of the domain cadence per stretch of one policy version; a period belongs to the stretch it starts in.
      const bounds = [from, ...this.policies.changesFor(place).filter((d) => d > from && d <= asOf)];
      const seen = new Set<string>();
      bounds.forEach((start, i) => {
        const end = i + 1 < bounds.length ? addDays(bounds[i + 1]!, -1) : asOf;
        const policy = this.policies.on(place, start);
        const settings = { financeMonthly: policy.financeMonthlyCommunityIds.includes(communityId), urbanCadence: policy.urbanCadence };
        const key = `${place.kind}|${settings.financeMonthly}|${settings.urbanCadence}|${start}|${end}`;
        let skeleton = this.skeletons.get(key);
        if (skeleton === undefined) {
          skeleton = publicationCadence(place.kind as CommunityKind, settings, [], start, end);
          this.skeletons.set(key, skeleton);
        }
        for (const p of skeleton) {
          const key = `${p.category}|${p.period}`;
          if (seen.has(key) || (i > 0 && p.start < start)) continue;
          seen.add(key);
          if (!ctx.inRange(p.end < asOf ? p.end : asOf) && !ctx.inRange(p.start)) continue;
          // A publication counts for the period its posting began in (as publicationCadence counts it).
          const firsts = c.posted.filter((x) => x.category === p.category && x.postedFrom >= p.start && x.postedFrom <= p.end).map((x) => x.postedFrom).sort();
          const first = firsts[0];
          const status = first !== undefined ? 'met' : p.end < asOf ? 'missed' : 'open';
          this.out.add([
            communityId, place.townshipRef, place.districtRef, p.category, p.period, p.rule, p.start, p.end, status,
            firsts.length, first ?? '', first === undefined ? '' : daysBetween(p.start, first), c.recordedMisses.has(key) ? 'yes' : 'no', policy.version ?? '',
          ]);
        }
      });
    }
  }
}
