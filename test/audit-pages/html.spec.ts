import { html, raw } from '../../src/infrastructure/audit-pages/html';
import { translator } from '../../src/infrastructure/audit-pages/messages/messages';
import { en } from '../../src/infrastructure/audit-pages/messages/en';
import { zhCN } from '../../src/infrastructure/audit-pages/messages/zh-CN';
import { STEP_CODES, stepLabel } from '../../src/infrastructure/audit-pages/messages/step-labels';
import { CONSULTATION_EVENT_TYPES, DEADLINE_RULES } from '../../src/domain/consultation';
import { detailFacts } from '../../src/infrastructure/audit-pages/views/parts';
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

  it("shows a step's details with labels in the page's language, yes/no and local times, and leaves out hashes, ids and versions", () => {
    const details = { planHash: 'd'.repeat(64), communityId: 'c-1', policyVersion: 2, contested: true, meetingKind: 'villagers_meeting', decidedAt: '2026-04-11T03:00:00.000Z', percent: 50, nested: { a: 1 } };
    const zh = detailFacts('zh-CN', details, 'Asia/Shanghai').value;
    expect(zh).toContain('<dt>存在较大分歧</dt><dd>是</dd>');
    expect(zh).toContain('<dt>决定时间</dt><dd>2026-04-11 11:00</dd>');
    expect(zh).toContain('<dt>完成比例（%）</dt><dd>50</dd>');
    expect(zh).not.toMatch(/dddd|c-1|policyVersion|nested/);
    expect(detailFacts('en', { contested: false }).value).toContain('<dt>Contested</dt><dd>no</dd>');
    expect(detailFacts('en', { planHash: 'x' }).value).toBe('');
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
