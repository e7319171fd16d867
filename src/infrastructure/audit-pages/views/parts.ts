import { html, type SafeHtml } from '../html';
import { fieldLabel, isMachineField } from '../messages/field-labels';
import type { Lang } from '../messages/messages';

/** A label/value list; entries whose value is null or undefined are left out (e.g. withheld from public view). */
export const facts = (entries: readonly (readonly [string, unknown])[]): SafeHtml =>
  html`<dl class="facts">${entries
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => html`<dt>${k}</dt><dd>${scalar(v)}</dd>`)}</dl>`;

/** A scalar as text; arrays joined; objects as key=value pairs (only scalars inside). */
export const scalar = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(scalar).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v === null || typeof v !== 'object')
      .map(([k, v]) => `${k}=${scalar(v)}`)
      .join(', ');
  }
  return String(value);
};

/**
 * A step's details for readers: labelled fields in the page's language, yes/no for flags, local
 * times, and no machine fields (hashes, ids, versions). Nested objects and empty values are left out.
 */
export const detailFacts = (lang: Lang, details: unknown, timeZone?: string): SafeHtml => {
  const yes = lang === 'en' ? 'yes' : '是';
  const no = lang === 'en' ? 'no' : '否';
  const shown = Object.entries(asRecord(details)).filter(
    ([k, v]) => !isMachineField(k) && v !== null && v !== undefined && v !== '' && (typeof v !== 'object' || Array.isArray(v)),
  );
  if (shown.length === 0) return html``;
  return html`<dl class="facts details">${shown.map(
    ([k, v]) => html`<dt>${fieldLabel(lang, k)}</dt><dd>${typeof v === 'boolean' ? (v ? yes : no) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? when(v, timeZone) : scalar(v)}</dd>`,
  )}</dl>`;
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as local `2026-03-05 09:00` in the engine's time zone (TIME_ZONE); a plain date stays as it is. */
export const when = (iso: unknown, timeZone = 'Asia/Shanghai'): string => {
  if (typeof iso !== 'string') return '';
  const instant = new Date(iso);
  if (!iso.includes('T') || Number.isNaN(instant.getTime())) return iso;
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format.format(instant);
};

export const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
export const asArray = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(asRecord) : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined);
