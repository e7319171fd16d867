import type { RecordedEvent } from '../../domain/shared';
import type { ReportContext } from '../report-context';
import type { RowSink } from '../row-sorter';
import { col, dataOf, type SectionFold } from '../section-fold';

/**
 * 减负趋势: per list set, each published version with its date, item count and what changed, so the
 * burden trend (and items growing back) reads down the rows.
 */
export class WorkListBurdenSection implements SectionFold {
  readonly name = 'work-list-burden' as const;
  readonly zh = '清单事项趋势';
  readonly en = 'Burden trend';
  readonly columns = [
    col('jurisdictionId', '清单制定机关', 'jurisdiction'),
    col('version', '版本', 'version'),
    col('effectiveFrom', '施行日期', 'in force from'),
    col('itemCount', '事项数', 'items'),
    col('added', '新增', 'added'),
    col('amended', '修改', 'amended'),
    col('removed', '删除', 'removed'),
    col('change', '增减', 'change in items'),
    col('source', '来源', 'source'),
  ];

  constructor(private readonly out: RowSink) {}

  private readonly lastCount = new Map<string, number>();

  consume(e: RecordedEvent, ctx: ReportContext): void {
    if (e.type !== 'WorkListVersionPublished') return;
    const d = dataOf(e);
    const j = String(d.jurisdictionId);
    const count = Number(d.itemCount);
    const previous = this.lastCount.get(j) ?? 0;
    this.lastCount.set(j, count);
    if (!ctx.jurisdictionInScope(j) || !ctx.inRange(String(d.effectiveFrom))) return;
    const changes = (d.changes as { op: string }[] | undefined) ?? [];
    const n = (op: string): number => changes.filter((c) => c.op === op).length;
    const source = d.source as { kind?: string; changeRequestId?: string; importId?: string } | undefined;
    this.out.add([j, Number(d.version), String(d.effectiveFrom), count, n('add'), n('amend'), n('remove'), count - previous, source?.kind === 'change_request' ? `change_request ${source.changeRequestId ?? ''}` : `import ${source?.importId ?? ''}`]);
  }

  /** Every row was handed over as its version was read. */
  finish(): void {}
}
