import { assistanceItemBreach, itemProblems, type WorkItem } from '../../domain/work-item-lists';
import type { SourceRow } from './read-rows';

export type RowProblem = Readonly<{ line: number; column: string; reason: string }>;
export type ValidatedRows = Readonly<{ items: readonly (WorkItem & { line: number })[]; problems: readonly RowProblem[] }>;

/** The domain's field names as the file's columns. */
const COLUMN_OF: Readonly<Record<string, string>> = { 'funding.kind': 'fundingKind', 'funding.departmentRef': 'fundingDepartment' };

const toItem = (row: SourceRow): WorkItem => {
  const v = row.values;
  const get = (k: string): string => v[k] ?? '';
  return {
    itemId: get('itemId'), list: get('list') as WorkItem['list'], category: get('category'), subcategory: get('subcategory'), title: get('title'),
    responsibleDepartment: get('responsibleDepartment'), legalBasis: get('legalBasis'),
    funding: { kind: get('fundingKind') as WorkItem['funding']['kind'], departmentRef: get('fundingDepartment') },
  };
};

/**
 * Every bad row with its line, column and reason, by the same checks the deciders make (the item's
 * shape and WL-1), plus ids repeated within the file. Nothing is imported while a problem remains.
 */
export const validateRows = (rows: readonly SourceRow[]): ValidatedRows => {
  const problems: RowProblem[] = [];
  const items: (WorkItem & { line: number })[] = [];
  const seen = new Map<string, number>();
  if (rows.length === 0) problems.push({ line: 0, column: '', reason: 'the file holds no items' });
  for (const row of rows) {
    const item = toItem(row);
    const own = itemProblems(item, 'item').map((p) => {
      const field = p.field.replace(/^item\./, '');
      return { line: row.line, column: COLUMN_OF[field] ?? field, reason: p.message };
    });
    if (own.length === 0) {
      const breach = assistanceItemBreach(item);
      if (breach !== null) own.push({ line: row.line, column: item.legalBasis.trim() === '' ? 'legalBasis' : 'fundingKind', reason: `WL-1: ${breach}` });
    }
    const earlier = seen.get(item.itemId);
    if (earlier !== undefined && item.itemId !== '') own.push({ line: row.line, column: 'itemId', reason: `duplicate of line ${earlier}` });
    else seen.set(item.itemId, row.line);
    problems.push(...own);
    if (own.length === 0) items.push({ ...item, line: row.line });
  }
  return { items, problems };
};
