import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import { violationList } from './consultation.view';
import { layout } from './layout';
import { str } from './parts';

export type ComplianceRow = Readonly<{ consultationId: string; violations: readonly Record<string, unknown>[] }>;

/** Violations grouped by rule ID, each linked to the timeline entries of the events that show it. */
export const compliancePage = (ctx: PageContext, rows: readonly ComplianceRow[]): SafeHtml => {
  const { t } = ctx;
  const byRule = new Map<string, { consultationId: string; violation: Record<string, unknown> }[]>();
  for (const row of rows) for (const v of row.violations) byRule.set(str(v['rule']) ?? '?', [...(byRule.get(str(v['rule']) ?? '?') ?? []), { consultationId: row.consultationId, violation: v }]);
  const rules = [...byRule.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return layout(
    ctx,
    t('complianceTitle'),
    rules.length === 0
      ? html`<p>${t('complianceEmpty')}</p>`
      : html`${rules.map(
          (rule) => html`<section class="rule-group" aria-labelledby="rule-${rule}"><h2 id="rule-${rule}">${t('rule')} ${rule} (${byRule.get(rule)!.length})</h2>
${byRule.get(rule)!.map(
  (x) => html`<h3><a href="${href(ctx, `/consultations/${encodeURIComponent(x.consultationId)}`)}">${t('consultation')} ${x.consultationId}</a></h3>
${violationList(ctx, [x.violation], (id) => `${href(ctx, `/consultations/${encodeURIComponent(x.consultationId)}`)}#ev-${id}`)}`,
)}</section>`,
        )}`,
  );
};
