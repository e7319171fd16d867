/**
 * Rule-set selection shared by every procedure.
 * - Rules are effective-dated: an event is judged by the rule set in force on its occurredAt date
 *   (docs/architecture.md "Procedure order and deviations"). The switch date of the 2025 organic-law
 *   revisions is configuration; 2026-01-01 is the default (domain-rules.md headline finding).
 * Date arithmetic lives in plain-date.ts.
 */
import { dateInZone, isPlainDate } from './plain-date';

export { addDays, daysBetween } from './plain-date';

export const DEFAULT_ORGANIC_LAW_2025_EFFECTIVE = '2026-01-01';
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type OrganicLawText = '2018' | '2025';

/** A real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export const isIsoDate = (value: string): boolean => isPlainDate(value);

/** The calendar date of an instant in a community's time zone (YYYY-MM-DD). */
export const localDate = (instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string => dateInZone(instant, timeZone);

/** Which text of the organic laws is in force on a local date. */
export const organicLawTextOn = (date: string, switchDate: string = DEFAULT_ORGANIC_LAW_2025_EFFECTIVE): OrganicLawText =>
  date >= switchDate ? '2025' : '2018';
