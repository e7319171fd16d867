import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { layout } from './layout';

/** The committee sign-in: paste the API's bearer token; it goes in a POST body and comes back as an HttpOnly cookie. */
export const signInPage = (ctx: PageContext, failed: boolean): SafeHtml =>
  layout(
    ctx,
    ctx.t('signInTitle'),
    html`<p>${ctx.t('signInIntro')}</p>
${failed ? html`<p class="warn" role="alert">${ctx.t('signInFailed')}</p>` : ''}
<form method="post" action="/audit/sign-in${ctx.lang === 'en' ? '?lang=en' : ''}" class="sign-in">
<label for="token">${ctx.t('tokenLabel')}</label>
<textarea id="token" name="token" rows="4" required autocomplete="off" spellcheck="false"></textarea>
<button type="submit">${ctx.t('signInButton')}</button>
</form>`,
  );

export const messagePage = (ctx: PageContext, title: string, text: string): SafeHtml => layout(ctx, title, html`<p>${text}</p>`);
