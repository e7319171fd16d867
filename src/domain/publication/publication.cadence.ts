/**
 * PD-2 / PD-5 publication cadence as a pure function over what was posted: in villages each general
 * category at least once a quarter, finance monthly where the village is classed 财务往来较多
 * (locality setting); in urban communities the locality's frequency (the law sets none).
 * A publication counts for the period its posting began in.
 */
import { addDays, addMonths, firstOfMonth, lastOfMonth } from '../shared';
import type { CommunityKind } from '../rules';
import { URBAN_GENERAL_CATEGORIES, VILLAGE_GENERAL_CATEGORIES, type PublicationCategory } from './publication.vocabulary';

export type CadenceUnit = 'month' | 'quarter' | 'half' | 'year';

export type PublicationCadenceSettings = Readonly<{ financeMonthly: boolean; urbanCadence: 'none' | CadenceUnit }>;

export type PostedFact = Readonly<{ publicationId: string; category: string; postedFrom: string }>;

export type PublicationPeriod = Readonly<{
  category: PublicationCategory;
  rule: 'PD-2' | 'PD-5';
  unit: CadenceUnit;
  period: string;
  start: string;
  end: string;
  status: 'met' | 'missed' | 'open';
  publicationIds: readonly string[];
}>;

const MONTHS: Readonly<Record<CadenceUnit, number>> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The period of a unit that contains a date: label, first and last day. */
export const publicationPeriodOf = (date: string, unit: CadenceUnit): { period: string; start: string; end: string } => {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const size = MONTHS[unit];
  const index = Math.floor((month - 1) / size);
  const start = `${year}-${String(index * size + 1).padStart(2, '0')}-01`;
  const end = lastOfMonth(addMonths(start, size - 1));
  const period = unit === 'year' ? year : unit === 'half' ? `${year}-H${index + 1}` : unit === 'quarter' ? `${year}-Q${index + 1}` : `${year}-${String(month).padStart(2, '0')}`;
  return { period, start, end };
};

/** Which categories are due at which unit for a community. */
export const cadenceRequirements = (kind: CommunityKind, settings: PublicationCadenceSettings): readonly { category: PublicationCategory; unit: CadenceUnit; rule: 'PD-2' | 'PD-5' }[] => {
  if (kind === 'village') {
    return VILLAGE_GENERAL_CATEGORIES.map((category) => ({ category, unit: category === 'finance' && settings.financeMonthly ? 'month' : 'quarter', rule: 'PD-2' as const }));
  }
  if (settings.urbanCadence === 'none') return [];
  const unit = settings.urbanCadence;
  return URBAN_GENERAL_CATEGORIES.map((category) => ({ category, unit, rule: 'PD-5' as const }));
};

/** Every period from the one containing `from` to the one containing `asOf`, per required category. */
export const publicationCadence = (
  kind: CommunityKind,
  settings: PublicationCadenceSettings,
  posted: readonly PostedFact[],
  from: string,
  asOf: string,
): PublicationPeriod[] => {
  const out: PublicationPeriod[] = [];
  if (from > asOf) return out;
  for (const { category, unit, rule } of cadenceRequirements(kind, settings)) {
    for (let p = publicationPeriodOf(from, unit); p.start <= asOf; p = publicationPeriodOf(addMonths(firstOfMonth(p.start), MONTHS[unit]), unit)) {
      const ids = posted.filter((x) => x.category === category && x.postedFrom >= p.start && x.postedFrom <= p.end).map((x) => x.publicationId);
      const status = ids.length > 0 ? 'met' : p.end < asOf ? 'missed' : 'open';
      out.push({ category, rule, unit, period: p.period, start: p.start, end: p.end, status, publicationIds: ids });
    }
  }
  return out;
};

/**
 * PD-2 "随时" (PD-10 e.g. 5 days): an obligation opened on a date is due within the locality's
 * maximum lag; without one, by the end of the quarter it was opened in (the general cadence).
 */
export const obligationDueBy = (openedOn: string, maxLagDays: number | null): string =>
  maxLagDays === null ? publicationPeriodOf(openedOn, 'quarter').end : addDays(openedOn, maxLagDays);
