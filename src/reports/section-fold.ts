import type { RecordedEvent } from '../domain/shared';
import type { ReportContext } from './report-context';
import type { Column, Row, SectionName } from './report-model';

/**
 * One section of a report as a fold: it sees every event in log order (after the context has),
 * keeps aggregates per community (or per open procedure), and hands its rows, in any order, to the
 * sink it was made with (as soon as a row is final, or at the end): the sink sorts them.
 */
export interface SectionFold {
  readonly name: SectionName;
  readonly zh: string;
  readonly en: string;
  readonly columns: readonly Column[];
  consume(e: RecordedEvent, ctx: ReportContext): void;
  finish(ctx: ReportContext): void;
}

export const col = (key: string, zh: string, en: string): Column => ({ key, zh, en });

/** Code-point order (never locale-dependent), numbers numerically: the same rows sort the same everywhere. */
export const compareRows = (a: Row, b: Row): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
};

/** A share or mean with fixed precision (4 decimals for shares, 1 for days), or "" when undefined. */
export const share = (part: number, whole: number): number | string => (whole === 0 ? '' : Math.round((10_000 * part) / whole) / 10_000);
export const mean = (sum: number, count: number): number | string => (count === 0 ? '' : Math.round((10 * sum) / count) / 10);

/** Map get-or-create. */
export const upsert = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
};

export type Data = Record<string, unknown>;
export const dataOf = (e: RecordedEvent): Data => e.data as Data;
