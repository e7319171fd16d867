import { html, type SafeHtml } from '../html';

export type TrendPoint = Readonly<{ version: number; effectiveFrom: string; total: number; counts: Readonly<Record<string, number>> }>;

const W = 640;
const H = 260;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 };
/** Colours with at least 3:1 contrast on white; each series also has its own dash pattern (not colour alone). */
const SERIES = [
  { stroke: '#1a4f8b', dash: '' },
  { stroke: '#a4361c', dash: '6 3' },
  { stroke: '#2d6a2e', dash: '2 3' },
  { stroke: '#6b3d8f', dash: '10 4 2 4' },
];

/**
 * The burden trend as an inline SVG line chart, drawn on the server from numbers only (no script, no
 * style attribute, so it renders under `default-src 'self'` and prints). One line per list plus the
 * total; a data table beside it carries the same figures for screen readers.
 */
export const burdenChart = (points: readonly TrendPoint[], lists: readonly string[], label: string, totalLabel: string): SafeHtml => {
  if (points.length === 0) return html``;
  const series = [{ name: totalLabel, values: points.map((p) => p.total) }, ...lists.map((l) => ({ name: l, values: points.map((p) => p.counts[l] ?? 0) }))];
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const ticks = [0, Math.round(max / 2), max];
  const lines = series.map((s, k) => {
    const look = SERIES[k % SERIES.length]!;
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return html`<g><path d="${d}" fill="none" stroke="${look.stroke}" stroke-width="${k === 0 ? 3 : 2}"${look.dash === '' ? '' : html` stroke-dasharray="${look.dash}"`}/>
${s.values.map((v, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${look.stroke}"><title>${s.name} v${points[i]!.version}: ${v}</title></circle>`)}</g>`;
  });
  const legend = series.map((s, k) => {
    const look = SERIES[k % SERIES.length]!;
    return html`<g transform="translate(${PAD.left + k * 120},${H - 8})"><line x1="0" y1="-4" x2="22" y2="-4" stroke="${look.stroke}" stroke-width="2"${look.dash === '' ? '' : html` stroke-dasharray="${look.dash}"`}/><text x="26" y="0" font-size="12" fill="#1b1b1b">${s.name}</text></g>`;
  });
  return html`<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="chart-title">
<title id="chart-title">${label}</title>
<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>
${ticks.map((v) => html`<g><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d0d0"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="#1b1b1b">${v}</text></g>`)}
${points.map((p, i) => html`<text x="${x(i).toFixed(1)}" y="${H - PAD.bottom + 16}" font-size="12" text-anchor="middle" fill="#1b1b1b">v${p.version}</text>`)}
${lines}
${legend}
</svg>
<figcaption>${label}</figcaption>
</figure>`;
};
