import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en';

const CATALOGUES: Readonly<Record<Lang, Messages>> = { 'zh-CN': zhCN, en };

/** Simplified Chinese unless `?lang=en`. */
export const langOf = (query: unknown): Lang => (query === 'en' ? 'en' : 'zh-CN');

export type Translate = (key: MessageKey, ...args: readonly (string | number)[]) => string;

/** The message of a key in a language, with {0}, {1}… replaced by the arguments. */
export const translator = (lang: Lang): Translate => (key, ...args) =>
  CATALOGUES[lang][key].replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
