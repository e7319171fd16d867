/**
 * Meeting cadence as a pure function over the dates a community's meetings were held:
 * yearly 村民会议 (VM-4, 2025 text), quarterly 村民代表会议 (VM-10, both texts),
 * half-yearly 居民代表会议 (RM-4, 2025 text). A period is judged by the text in force on its first day.
 */
import { organicLawTextOn, type OrganicLawText } from '../shared/legal-calendar';
import { lastOfMonth, nextDay } from '../shared/plain-date';
import type { MeetingKind } from './meeting-rules';

export type CadenceUnit = 'year' | 'half' | 'quarter';

export type CadenceRule = Readonly<{ rule: string; unit: CadenceUnit; texts: readonly OrganicLawText[] }>;

export const cadenceRule = (kind: MeetingKind): CadenceRule | null => {
  switch (kind) {
    case 'villagers_meeting':
      return { rule: 'VM-4', unit: 'year', texts: ['2025'] };
    case 'village_representatives_meeting':
      return { rule: 'VM-10', unit: 'quarter', texts: ['2018', '2025'] };
    case 'residents_representatives_meeting':
      return { rule: 'RM-4', unit: 'half', texts: ['2025'] };
    default:
      return null;
  }
};

export type CadencePeriodStatus = 'met' | 'missed' | 'open' | 'not_required';

export type CadencePeriod = Readonly<{
  period: string;
  start: string;
  end: string;
  held: number;
  status: CadencePeriodStatus;
}>;

export type CadenceStatus = Readonly<{ kind: MeetingKind; rule: string; unit: CadenceUnit; periods: readonly CadencePeriod[]; missed: number }>;

const pad = (n: number): string => String(n).padStart(2, '0');

const periodOf = (date: string, unit: CadenceUnit): { label: string; start: string; end: string } => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const months = unit === 'year' ? 12 : unit === 'half' ? 6 : 3;
  const index = Math.floor((month - 1) / months);
  const startMonth = index * months + 1;
  const endMonth = startMonth + months - 1;
  const label = unit === 'year' ? `${year}` : unit === 'half' ? `${year}-H${index + 1}` : `${year}-Q${index + 1}`;
  return { label, start: `${year}-${pad(startMonth)}-01`, end: lastOfMonth(`${year}-${pad(endMonth)}-01`) };
};

/**
 * Every period from the one containing `from` to the one containing `asOf`. A period that has not
 * ended by `asOf` with no meeting is 'open', not 'missed'.
 */
export const cadenceStatus = (
  kind: MeetingKind,
  heldOn: readonly string[],
  from: string,
  asOf: string,
  switchDate?: string,
): CadenceStatus | null => {
  const rule = cadenceRule(kind);
  if (rule === null || from > asOf) return rule === null ? null : { kind, rule: rule.rule, unit: rule.unit, periods: [], missed: 0 };
  const periods: CadencePeriod[] = [];
  for (let cursor = periodOf(from, rule.unit); cursor.start <= asOf; cursor = periodOf(nextDay(cursor.end), rule.unit)) {
    const held = heldOn.filter((d) => d >= cursor.start && d <= cursor.end).length;
    const required = rule.texts.includes(organicLawTextOn(cursor.start, switchDate));
    const status: CadencePeriodStatus = !required ? 'not_required' : held > 0 ? 'met' : cursor.end < asOf ? 'missed' : 'open';
    periods.push({ period: cursor.label, start: cursor.start, end: cursor.end, held, status });
  }
  return { kind, rule: rule.rule, unit: rule.unit, periods, missed: periods.filter((p) => p.status === 'missed').length };
};
