import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import type { RecordProof } from '../proof-state';
import { burdenChart, type TrendPoint } from './burden-chart';
import { layout } from './layout';
import { asArray, asRecord, str } from './parts';
import { proofBlock } from './proof-block';

export type WorkListPageData = Readonly<{
  jurisdictionId: string;
  inForce: Record<string, unknown> | null;
  versions: readonly number[];
  diff: Record<string, unknown> | null;
  trend: Readonly<{ lists: readonly string[]; points: readonly TrendPoint[]; grewBack: boolean }>;
  proof: RecordProof | undefined;
}>;

const itemRow = (i: Record<string, unknown>) => html`<tr><td>${str(i['list'])}</td><td>${str(i['itemId'])}</td><td>${str(i['title']) ?? str(i['name']) ?? ''}</td></tr>`;

const itemTable = (ctx: PageContext, caption: string, items: readonly Record<string, unknown>[]) =>
  html`<div class="table-wrap"><table><caption>${caption} (${items.length})</caption>
<thead><tr><th scope="col">${ctx.t('list')}</th><th scope="col">ID</th><th scope="col">${ctx.t('item')}</th></tr></thead>
<tbody>${items.map(itemRow)}</tbody></table></div>`;

/** The work-item list in force, the difference between two versions, the burden trend chart. */
export const workListPage = (ctx: PageContext, d: WorkListPageData): SafeHtml => {
  const { t } = ctx;
  const options = (selected: number | undefined) => d.versions.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${v}</option>`);
  const diff = d.diff;
  const from = diff === null ? d.versions[0] : Number(asRecord(diff['from'])['version']);
  const to = diff === null ? d.versions[d.versions.length - 1] : Number(asRecord(diff['to'])['version']);
  return layout(
    ctx,
    t('workListTitle', d.jurisdictionId),
    html`${proofBlock(ctx, d.proof, { kind: 'work-list-set', id: d.jurisdictionId })}
<section aria-labelledby="inforce"><h2 id="inforce">${d.inForce === null ? t('none') : t('versionInForce', str(d.inForce['version']) ?? '', str(d.inForce['effectiveFrom']) ?? '')}</h2>
${d.inForce === null ? '' : itemTable(ctx, t('workList'), asArray(d.inForce['items']))}
</section>
<section aria-labelledby="diff"><h2 id="diff">${diff === null ? t('compare') : t('diffTitle', from ?? '', to ?? '')}</h2>
<form method="get" action="${href(ctx, `/work-lists/${encodeURIComponent(d.jurisdictionId)}`)}" class="compare">
${ctx.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<label>${t('fromVersion')} <select name="from">${options(from)}</select></label>
<label>${t('toVersion')} <select name="to">${options(to)}</select></label>
<button type="submit">${t('compare')}</button>
</form>
${diff === null
      ? ''
      : html`${itemTable(ctx, t('added'), asArray(diff['added']))}${itemTable(ctx, t('removed'), asArray(diff['removed']))}${itemTable(ctx, t('amended'), asArray(diff['amended']).map((a) => asRecord(a['after'])))}`}
</section>
<section aria-labelledby="trend"><h2 id="trend">${t('burdenTrend')}</h2>
${d.trend.grewBack ? html`<p class="warn">${t('grewBack')}</p>` : ''}
${burdenChart(d.trend.points, d.trend.lists, t('burdenChartLabel'), t('total'))}
<div class="table-wrap"><table><caption>${t('burdenTrend')}</caption>
<thead><tr><th scope="col">${t('version')}</th><th scope="col">${t('total')}</th>${d.trend.lists.map((l) => html`<th scope="col">${l}</th>`)}</tr></thead>
<tbody>${d.trend.points.map((p) => html`<tr><th scope="row">v${p.version} (${p.effectiveFrom})</th><td>${p.total}</td>${d.trend.lists.map((l) => html`<td>${p.counts[l] ?? 0}</td>`)}</tr>`)}</tbody></table></div>
</section>`,
  );
};
