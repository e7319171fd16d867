import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';

/** The page shell: lang attribute, landmarks, the one stylesheet and the one script (both served by the engine). */
export const layout = (ctx: PageContext, title: string, body: SafeHtml): SafeHtml => {
  const { t } = ctx;
  const otherLang = new URLSearchParams(ctx.query);
  if (ctx.lang === 'zh-CN') otherLang.set('lang', 'en');
  const switchHref = `${ctx.path}${otherLang.toString() === '' ? '' : `?${otherLang.toString()}`}`;
  const home = ctx.lang === 'en' ? '/audit?lang=en' : '/audit';
  const compliance = ctx.lang === 'en' ? '/audit/compliance?lang=en' : '/audit/compliance';
  const signIn = ctx.lang === 'en' ? '/audit/sign-in?lang=en' : '/audit/sign-in';
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('siteName')}</title>
<link rel="stylesheet" href="/audit/assets/audit.css">
<script src="/audit/assets/audit.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${t('skipToContent')}</a>
<header class="site">
<p class="site-name"><a href="${home}">${t('siteName')}</a></p>
<nav aria-label="${t('siteName')}">
<ul>
<li><a href="${home}">${t('navHome')}</a></li>
<li><a href="${compliance}">${t('navCompliance')}</a></li>
<li><a href="${switchHref}" lang="${ctx.lang === 'en' ? 'zh-CN' : 'en'}">${t('otherLanguage')}</a></li>
<li>${
    ctx.actor === undefined
      ? html`<a href="${signIn}">${t('navSignIn')}</a>`
      : html`<form method="post" action="/audit/sign-out" class="inline"><button type="submit">${t('navSignOut')}</button></form>`
  }</li>
</ul>
</nav>
</header>
<main id="main">
<h1>${title}</h1>
<p class="view-kind">${ctx.actor === undefined ? t('publicView') : html`${t('signedInAs')}${ctx.actor.actorId} · ${t('committeeView')}`}</p>
${body}
</main>
<footer class="site"><p>${t('footer')}</p></footer>
</body>
</html>
`;
};
