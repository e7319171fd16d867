import type { RecordedEvent } from '../../domain/shared';
import { daysBetween } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, mean, upsert, type SectionFold } from '../section-fold';

type Tally = {
  filed: number; approved: number; rejected: number; withdrawn: number; late: number; overdueRecorded: number;
  decisionDays: number; allowedDays: number; decided: number; maxDecisionDays: number;
};

/**
 * 清单变更: per list set (jurisdiction), the change requests filed, approved, rejected and withdrawn,
 * how long decisions took against the time limit fixed at filing (the policy in force on the filing
 * date, §5.3), decisions taken late, overdue decisions the watchdog recorded, and requests still pending.
 */
export class WorkListChangesSection implements SectionFold {
  readonly name = 'work-list-changes' as const;
  readonly zh = '清单变更审批';
  readonly en = 'Work-item list changes';
  readonly columns = [
    col('jurisdictionId', '清单制定机关', 'jurisdiction'),
    col('filed', '申请数', 'requests filed'),
    col('approved', '批准', 'approved'),
    col('rejected', '驳回', 'rejected'),
    col('withdrawn', '撤回', 'withdrawn'),
    col('pending', '待决定', 'pending'),
    col('pendingOverdue', '逾期待决定', 'pending past the limit'),
    col('decidedLate', '超时决定', 'decided after the limit'),
    col('overdueRecorded', '已记录超时', 'overdue decisions recorded'),
    col('meanDecisionDays', '平均决定天数', 'mean days to decision'),
    col('maxDecisionDays', '最长决定天数', 'longest days to decision'),
    col('meanAllowedDays', '平均时限天数', 'mean days allowed'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly tallies = new Map<string, Tally>();
  /** Requests not yet decided: id -> jurisdiction, filing date and due date. */
  private readonly open = new Map<string, { jurisdictionId: string; filedOn: string; dueOn: string }>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    if (!e.stream.startsWith('work-list-change-')) return;
    const d = dataOf(e);
    const id = String(d.changeRequestId);
    if (e.type === 'ChangeRequestFiled') {
      this.open.set(id, { jurisdictionId: String(d.jurisdictionId), filedOn: String(d.filedOn), dueOn: String(d.decisionDueOn) });
      if (ctx.inRange(String(d.filedOn))) this.tally(String(d.jurisdictionId)).filed += 1;
      return;
    }
    const request = this.open.get(id);
    if (request === undefined) return;
    const t = (date: string): Tally | undefined => (ctx.inRange(date) ? this.tally(request.jurisdictionId) : undefined);
    switch (e.type) {
      case 'ChangeRequestApproved':
      case 'ChangeRequestRejected': {
        this.open.delete(id);
        const tally = t(String(d.decidedOn));
        if (tally === undefined) return;
        tally[e.type === 'ChangeRequestApproved' ? 'approved' : 'rejected'] += 1;
        if (d.late === true) tally.late += 1;
        const days = daysBetween(request.filedOn, String(d.decidedOn));
        tally.decided += 1;
        tally.decisionDays += days;
        tally.allowedDays += daysBetween(request.filedOn, request.dueOn);
        if (days > tally.maxDecisionDays) tally.maxDecisionDays = days;
        return;
      }
      case 'ChangeRequestWithdrawn':
        this.open.delete(id);
        if (t(String(d.withdrawnOn)) !== undefined) this.tally(request.jurisdictionId).withdrawn += 1;
        return;
      case 'ChangeRequestDecisionOverdue':
        if (t(String(d.dueOn)) !== undefined) this.tally(request.jurisdictionId).overdueRecorded += 1;
        return;
      default:
        return;
    }
  }

  private tally(jurisdictionId: string): Tally {
    return upsert(this.tallies, jurisdictionId, () => ({ filed: 0, approved: 0, rejected: 0, withdrawn: 0, late: 0, overdueRecorded: 0, decisionDays: 0, allowedDays: 0, decided: 0, maxDecisionDays: 0 }));
  }

  finish(ctx: ReportContext): void {
    const asOf = ctx.asOf ?? '';
    const pending = new Map<string, { count: number; overdue: number }>();
    for (const r of this.open.values()) {
      if (r.filedOn > asOf) continue;
      const p = upsert(pending, r.jurisdictionId, () => ({ count: 0, overdue: 0 }));
      p.count += 1;
      if (r.dueOn < asOf) p.overdue += 1;
      this.tally(r.jurisdictionId);
    }
    for (const [j, t] of this.tallies) {
      if (!ctx.jurisdictionInScope(j)) continue;
      const p = pending.get(j) ?? { count: 0, overdue: 0 };
      this.out.add([j, t.filed, t.approved, t.rejected, t.withdrawn, p.count, p.overdue, t.late, t.overdueRecorded, mean(t.decisionDays, t.decided), t.decided === 0 ? '' : t.maxDecisionDays, mean(t.allowedDays, t.decided)]);
    }
  }
}
