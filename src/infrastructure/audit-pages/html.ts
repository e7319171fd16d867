import escapeHtml from 'escape-html';

/** Markup that is already safe: produced by `html` (its values escaped) or by `raw` (trusted, ours). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | bigint | boolean | null | undefined | readonly Value[];

const render = (value: Value): string => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
};

/**
 * Tagged template for server-rendered pages: every interpolated value is HTML-escaped (escape-html)
 * unless it is SafeHtml; arrays are joined; null, undefined and false render nothing.
 */
export const html = (strings: TemplateStringsArray, ...values: readonly Value[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i] as Value) : ''), ''));

/** Trusted markup written by us (an SVG built from numbers, a fixed fragment). Never pass input here. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);
