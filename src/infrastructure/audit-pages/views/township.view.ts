import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import { layout } from './layout';

export type CommunityGlance = Readonly<{
  communityId: string;
  name: string;
  kind: string;
  committeeInPlace: boolean;
  overdueSteps: readonly string[];
  missingPublications: readonly string[];
}>;

/** The townships with registered communities (index page). */
export const indexPage = (ctx: PageContext, townships: readonly Readonly<{ townshipRef: string; communities: number }>[]): SafeHtml =>
  layout(
    ctx,
    ctx.t('indexTitle'),
    html`<p>${ctx.t('indexIntro')}</p>
<ul class="cards">${townships.map((tw) => html`<li><a href="${href(ctx, `/townships/${encodeURIComponent(tw.townshipRef)}`)}">${tw.townshipRef}</a> · ${ctx.t('communities')} ${tw.communities}</li>`)}</ul>`,
  );

/** A township's communities, each with its state at a glance. */
export const townshipPage = (ctx: PageContext, townshipRef: string, rows: readonly CommunityGlance[]): SafeHtml => {
  const { t } = ctx;
  const list = (items: readonly string[]) => (items.length === 0 ? html`<span class="ok">${t('none')}</span>` : html`<span class="warn">${items.join('、')}</span>`);
  return layout(
    ctx,
    t('townshipTitle', townshipRef),
    html`<div class="table-wrap"><table>
<caption>${t('communities')}</caption>
<thead><tr><th scope="col">${t('colCommunity')}</th><th scope="col">${t('colKind')}</th><th scope="col">${t('colCommittee')}</th><th scope="col">${t('colOverdue')}</th><th scope="col">${t('colMissing')}</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr data-community="${r.communityId}">
<th scope="row"><a href="${href(ctx, `/communities/${encodeURIComponent(r.communityId)}`)}">${r.name}</a></th>
<td>${r.kind}</td>
<td>${r.committeeInPlace ? html`<span class="ok">${t('committeeInPlace')}</span>` : html`<span class="warn">${t('committeeMissing')}</span>`}</td>
<td>${list(r.overdueSteps)}</td>
<td>${list(r.missingPublications)}</td>
</tr>`,
    )}</tbody>
</table></div>`,
  );
};
