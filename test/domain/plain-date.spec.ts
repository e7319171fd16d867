import {
  addDays, addMonths, dateInZone, dayOfWeek, daysBetween, elapsedDays, firstOfMonth, isPlainDate, isTimeZone, lastOfMonth, nextDay,
} from '../../src/domain/shared/plain-date';
import { isIsoDate, localDate } from '../../src/domain/shared/legal-calendar';

describe('plain dates', () => {
  it('refuses impossible dates instead of rolling them over', () => {
    expect(isPlainDate('2026-02-30')).toBe(false);
    expect(isPlainDate('2026-13-01')).toBe(false);
    expect(isPlainDate('2026-2-01')).toBe(false);
    expect(isPlainDate('2028-02-29')).toBe(true);
    expect(isPlainDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
  });

  it('D-3: counts a period without its first day', () => {
    expect(daysBetween('2026-03-01', '2026-03-11')).toBe(10);
    expect(daysBetween('2026-02-25', '2026-03-01')).toBe(4);
    expect(daysBetween('2028-02-25', '2028-03-01')).toBe(5);
    expect(daysBetween('2026-03-11', '2026-03-01')).toBe(-10);
  });

  it('adds days, months and finds month bounds across leap years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(firstOfMonth('2026-05-17')).toBe('2026-05-01');
    expect(lastOfMonth('2028-02-03')).toBe('2028-02-29');
    expect(dayOfWeek('2026-11-29')).toBe(7);
  });

  it('takes the local date of an instant in the community time zone', () => {
    const instant = new Date('2026-03-01T17:30:00Z');
    expect(dateInZone(instant, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dateInZone(instant, 'UTC')).toBe('2026-03-01');
    expect(localDate(instant)).toBe('2026-03-02');
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    // Valid names are remembered; the answers stay the same when asked again.
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it('counts whole elapsed days between instants', () => {
    expect(elapsedDays(new Date('2026-03-01T08:00:00Z'), new Date('2026-03-03T07:59:00Z'))).toBe(1);
    expect(elapsedDays(new Date('2026-03-01T08:00:00Z'), new Date('2026-03-03T08:00:00Z'))).toBe(2);
  });
});
