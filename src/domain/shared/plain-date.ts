/**
 * Plain calendar dates (YYYY-MM-DD) and instants in a community's time zone, for every procedure
 * and read model. Built on the Temporal polyfill: no hand-written day arithmetic elsewhere.
 * - An impossible date ("2026-02-30") is refused, never rolled over.
 * - D-3: when a period is counted in days, the first day is not counted (`daysBetween`).
 */
import { Temporal } from '@js-temporal/polyfill';
import { LRUCache } from 'lru-cache';

export type PlainDateString = string;

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const parse = (date: PlainDateString): Temporal.PlainDate => Temporal.PlainDate.from(date, { overflow: 'reject' });

/**
 * Results of the day arithmetic below, remembered (the polyfill is slow and reports and the watchdog
 * ask the same few thousand dates again and again). Bounded: the least recently used go first, with
 * the same lru-cache as the token and stream-head caches.
 */
const memo = new LRUCache<string, string | number>({ max: 100_000 });
const remembered = <T extends string | number>(key: string, compute: () => T): T => {
  const hit = memo.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  memo.set(key, value);
  return value;
};

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is false). */
export const isPlainDate = (value: unknown): value is PlainDateString => {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
};

const INSTANT_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** True for an ISO 8601 date-time with an explicit offset whose date exists ("2026-02-30T09:00+08:00" is false). */
export const isInstantWithOffset = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = INSTANT_WITH_OFFSET.exec(value);
  return match !== null && isPlainDate(match[1]);
};

/** Zone names found valid (the runtime's tz database does not change while it runs; a few hundred at most). */
const knownZones = new Set<string>();

/**
 * True for an IANA time zone name the runtime knows (Asia/Shanghai, UTC, ...). A valid name is
 * remembered (the polyfill's check cost ~0.1 ms, on every registration); an invalid one is
 * checked each time, so junk input cannot grow the set.
 */
export const isTimeZone = (zone: unknown): zone is string => {
  if (typeof zone !== 'string' || zone === '') return false;
  if (knownZones.has(zone)) return true;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
  } catch {
    return false;
  }
  if (knownZones.size < 10_000) knownZones.add(zone);
  return true;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (Intl's tz database; one cached formatter per zone). */
export const dateInZone = (instant: Date, timeZone: string): PlainDateString => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const key = `z${timeZone}${instant.getTime()}`;
  return remembered(key, () => formatter.format(instant));
};

export const addDays = (date: PlainDateString, days: number): PlainDateString => remembered(`d${date}${days}`, () => parse(date).add({ days }).toString());

export const nextDay = (date: PlainDateString): PlainDateString => addDays(date, 1);

export const addMonths = (date: PlainDateString, months: number): PlainDateString =>
  remembered(`m${date}${months}`, () => parse(date).add({ months }, { overflow: 'constrain' }).toString());

/** Whole days from `from` to `to`, the first day not counted (D-3): 03-01 to 03-11 gives 10. */
export const daysBetween = (from: PlainDateString, to: PlainDateString): number =>
  remembered(`b${from}${to}`, () => parse(from).until(parse(to), { largestUnit: 'days' }).days);

/** Whole 24-hour days from one instant to a later one (elapsed time, not calendar days). */
export const elapsedDays = (from: Date, to: Date): number =>
  Math.trunc(
    Temporal.Instant.fromEpochMilliseconds(from.getTime())
      .until(Temporal.Instant.fromEpochMilliseconds(to.getTime()), { largestUnit: 'hours' })
      .total('hours') / 24,
  );

/** ISO day of the week: 1 Monday ... 7 Sunday. */
export const dayOfWeek = (date: PlainDateString): number => parse(date).dayOfWeek;

export const firstOfMonth = (date: PlainDateString): PlainDateString => remembered(`f${date}`, () => parse(date).with({ day: 1 }).toString());

export const lastOfMonth = (date: PlainDateString): PlainDateString =>
  remembered(`l${date}`, () => {
    const d = parse(date);
    return d.with({ day: d.daysInMonth }).toString();
  });

export const compareDates = (a: PlainDateString, b: PlainDateString): number => Temporal.PlainDate.compare(parse(a), parse(b));
