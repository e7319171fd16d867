import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import type { RecordProof } from '../proof-state';
import { layout } from './layout';
import { asArray, str } from './parts';
import { proofBlock } from './proof-block';

export type CommunityPageData = Readonly<{
  community: Readonly<{ communityId: string; name: string; kind: string; townshipRef: string }>;
  asOf: string;
  postedNow: readonly Record<string, unknown>[];
  history: readonly Record<string, unknown>[];
  page: number;
  hasOlder: boolean;
  consultations: readonly Record<string, unknown>[];
  meetings: readonly Record<string, unknown>[];
  proofs: ReadonlyMap<string, RecordProof>;
}>;

const publication = (ctx: PageContext, p: Record<string, unknown>, proofs: ReadonlyMap<string, RecordProof>, headingLevel: 'h3' | 'h4'): SafeHtml => {
  const { t } = ctx;
  const id = str(p['publicationId']) ?? '';
  const heading = headingLevel === 'h3' ? html`<h3>${p['title'] as string}</h3>` : html`<h4>${p['title'] as string}</h4>`;
  const corrections = asArray(p['corrections']);
  return html`<article class="record publication" id="pub-${id}">
${heading}
<dl class="facts">
<dt>${t('category')}</dt><dd>${str(p['category'])}</dd>
<dt>${t('period')}</dt><dd>${str(p['periodFrom'])} – ${str(p['periodTo'])}</dd>
<dt>${t('postingPeriod')}</dt><dd>${str(p['postedFrom'])} – ${str(p['postedUntil'])}</dd>
<dt>${t('documentHash')}</dt><dd class="hash">${str(p['documentHash'])}</dd>
</dl>
${corrections.length === 0 ? '' : html`<p>${t('corrections')}: ${corrections.map((c) => `${str(c['title']) ?? ''} (${str(c['correctedAt']) ?? ''})`).join('；')}</p>`}
${proofBlock(ctx, proofs.get(`publication-${id}`), { kind: 'publication', id })}
</article>`;
};

/** A community's public board (公开栏): what is posted now with its posting period, the history (paged), and links to its records. */
export const communityPage = (ctx: PageContext, d: CommunityPageData): SafeHtml => {
  const { t } = ctx;
  const c = d.community;
  const pager = html`<nav class="pager" aria-label="${t('history')}">
${d.page > 1 ? html`<a rel="prev" href="${href(ctx, `/communities/${encodeURIComponent(c.communityId)}`, { page: d.page - 1 })}">${t('pagePrev')}</a>` : ''}
<span>${t('pageOf', d.page)}</span>
${d.hasOlder ? html`<a rel="next" href="${href(ctx, `/communities/${encodeURIComponent(c.communityId)}`, { page: d.page + 1 })}">${t('pageNext')}</a>` : ''}
</nav>`;
  return layout(
    ctx,
    t('communityTitle', c.name),
    html`<p class="crumbs"><a href="${href(ctx, `/townships/${encodeURIComponent(c.townshipRef)}`)}">${c.townshipRef}</a> › ${c.name} (${c.kind}) · ${d.asOf}</p>
<section aria-labelledby="now"><h2 id="now">${t('postedNow')}</h2>
${d.postedNow.length === 0 ? html`<p>${t('postedNowEmpty')}</p>` : d.postedNow.map((p) => publication(ctx, p, d.proofs, 'h3'))}
</section>
<section aria-labelledby="hist"><h2 id="hist">${t('history')}</h2>
${d.history.length === 0 ? html`<p>${t('historyEmpty')}</p>` : d.history.map((p) => publication(ctx, p, d.proofs, 'h3'))}
${pager}
</section>
<section aria-labelledby="cons"><h2 id="cons">${t('consultations')}</h2>
<ul>${d.consultations.map((k) => html`<li><a href="${href(ctx, `/consultations/${encodeURIComponent(str(k['consultationId']) ?? '')}`)}">${str(k['title']) ?? str(k['consultationId'])}</a> · ${str(k['status'])}</li>`)}</ul>
</section>
<section aria-labelledby="meet"><h2 id="meet">${t('meetings')}</h2>
<ul>${d.meetings.map((m) => html`<li><a href="${href(ctx, `/meetings/${encodeURIComponent(str(m['meetingId']) ?? '')}`)}">${str(m['meetingId'])}</a> · ${str(m['kind'])} · ${str(m['meetingDate']) ?? ''} · ${str(m['status'])}</li>`)}</ul>
</section>`,
  );
};
