import type { Actor } from '../auth/token.service';
import { translator, type Lang, type Translate } from './messages/messages';

/** What every view needs: the language, its messages, the signed-in committee member (if any) and the request path. */
export type PageContext = Readonly<{
  lang: Lang;
  t: Translate;
  actor: Actor | undefined;
  /** Path of this page without query (for the language switch). */
  path: string;
  /** Query of this page without `lang`. */
  query: Readonly<Record<string, string>>;
  /** The engine's TIME_ZONE: instants are shown as local times there. */
  timeZone: string;
}>;

export const pageContext = (lang: Lang, actor: Actor | undefined, path: string, query: Readonly<Record<string, string>>, timeZone: string): PageContext => ({
  lang,
  timeZone,
  t: translator(lang),
  actor,
  path,
  query,
});

/** A link to another audit page in the same language (lang=en carried along). */
export const href = (ctx: PageContext, path: string, query: Readonly<Record<string, string | number>> = {}): string => {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  if (ctx.lang === 'en') params.set('lang', 'en');
  const qs = params.toString();
  return `/audit${path}${qs === '' ? '' : `?${qs}`}`;
};
