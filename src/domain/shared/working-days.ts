import { addDays, dayOfWeek, isPlainDate, type PlainDateString } from './plain-date';

/**
 * A locality's working calendar: Saturdays and Sundays are rest days, except the make-up working
 * days (调休上班) the locality lists; the holidays it lists are rest days even on weekdays. Held as
 * policy events, so a time limit counted in working days can be replayed against the calendar of its day.
 */
export type WorkingCalendar = Readonly<{ holidays: readonly PlainDateString[]; makeUpWorkdays: readonly PlainDateString[] }>;

export const WEEKENDS_ONLY: WorkingCalendar = { holidays: [], makeUpWorkdays: [] };

export const isWorkingDay = (date: PlainDateString, calendar: WorkingCalendar): boolean => {
  if (calendar.makeUpWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = dayOfWeek(date);
  return weekday !== 6 && weekday !== 7;
};

/**
 * The date `n` working days after `date` (the start day is not counted, D-3). `n = 0` is `date`
 * itself. Throws on a malformed date; the caller validates input first.
 */
export const addWorkingDays = (date: PlainDateString, n: number, calendar: WorkingCalendar): PlainDateString => {
  if (!isPlainDate(date) || !Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays(${date}, ${n})`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
};

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export const workingDaysBetween = (from: PlainDateString, to: PlainDateString, calendar: WorkingCalendar): number => {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
  return count;
};
