import { html, raw } from '../../src/infrastructure/audit-pages/html';
import { translator } from '../../src/infrastructure/audit-pages/messages/messages';
import { en } from '../../src/infrastructure/audit-pages/messages/en';
import { zhCN } from '../../src/infrastructure/audit-pages/messages/zh-CN';
import { STEP_CODES, stepLabel } from '../../src/infrastructure/audit-pages/messages/step-labels';
import { CONSULTATION_EVENT_TYPES, DEADLINE_RULES } from '../../src/domain/consultation';
import { burdenChart } from '../../src/infrastructure/audit-pages/views/burden-chart';

describe('audit page templates', () => {
  it('escapes every interpolated value (text and attributes) unless it is markup we built', () => {
    const title = '<script>alert("x")</script> & \'q\'';
    const out = html`<h1 title="${title}">${title}</h1>${raw('<br>')}${[html`<i>${'<b>'}</i>`, null, undefined, false]}`.value;
    expect(out).toBe('<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</h1><br><i>&lt;b&gt;</i>');
  });

  it('has the same message keys in both languages and fills {n} placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    expect(translator('zh-CN')('townshipTitle', 't-1')).toBe('乡镇 t-1 各村（社区）概况');
    expect(translator('en')('proofPartly', 5, 2)).toBe('Not fully covered: 2 of 5 events are not in the newest signed checkpoint');
  });

  it('names every consultation step and deadline step in both languages (timeline headings are not codes)', () => {
    const codes = [...CONSULTATION_EVENT_TYPES, ...Object.keys(DEADLINE_RULES)];
    expect(codes.filter((c) => !STEP_CODES.includes(c))).toEqual([]);
    expect(stepLabel('zh-CN', 'ImplementationPlanPublished')).toBe('晒方案');
    expect(stepLabel('en', 'result_publication')).toBe('Result publication (CS-12)');
    expect(stepLabel('en', 'SomethingNew')).toBe('SomethingNew');
  });

  it('draws the burden trend as SVG without style attributes or scripts (CSP default-src self)', () => {
    const svg = burdenChart(
      [{ version: 1, effectiveFrom: '2026-01-01', total: 3, counts: { duty: 3 } }, { version: 2, effectiveFrom: '2026-02-01', total: 5, counts: { duty: 4, negative: 1 } }],
      ['duty', 'negative'], '<chart>', 'total',
    ).value;
    expect(svg).toContain('<svg');
    expect(svg).toContain('&lt;chart&gt;');
    expect(svg).not.toMatch(/style=|<script|on[a-z]+=/i);
    expect(svg.match(/<path /g)).toHaveLength(3);
  });
});
