/**
 * Dates and rule-set selection shared by every procedure.
 * - Rules are effective-dated: an event is judged by the rule set in force on its occurredAt date
 *   (DESIGN.md "Procedure order and deviations"). The switch date of the 2025 organic-law
 *   revisions is configuration; 2026-01-01 is the default (domain-rules.md headline finding).
 * - D-3: when a period is counted in days, the first day is not counted.
 */
export const DEFAULT_ORGANIC_LAW_2025_EFFECTIVE = '2026-01-01';
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type OrganicLawText = '2018' | '2025';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (value: string): boolean => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The calendar date of an instant in a community's time zone (YYYY-MM-DD). */
export const localDate = (instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/** Which text of the organic laws is in force on a local date. */
export const organicLawTextOn = (date: string, switchDate: string = DEFAULT_ORGANIC_LAW_2025_EFFECTIVE): OrganicLawText =>
  date >= switchDate ? '2025' : '2018';

/**
 * Whole days from `from` to `to` (local dates), the first day not counted (D-3):
 * notice on 03-01 and meeting on 03-11 gives 10.
 */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
