import { RuleViolationError, type FieldProblem } from '../shared';
import { FUNDING_KINDS, LIST_KINDS, type FundingKind, type ListKind } from './work-list.vocabulary';

/** One entry of a list or register. Primitives only (it travels in events). */
export type WorkItem = Readonly<{
  itemId: string;
  list: ListKind;
  category: string;
  subcategory: string;
  title: string;
  /** The department that answers for the item (for assistance items: the commissioning department). */
  responsibleDepartment: string;
  /** A law or regulation citation (法律、法规); empty when none. */
  legalBasis: string;
  funding: Readonly<{ kind: FundingKind; departmentRef: string }>;
}>;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Shape problems of an item (400), field names prefixed with `prefix`. */
export const itemProblems = (item: WorkItem, prefix = 'item'): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (typeof item.itemId !== 'string' || !ID.test(item.itemId)) problems.push({ field: `${prefix}.itemId`, message: 'must be an id (letters, digits, . _ : -)' });
  if (!(LIST_KINDS as readonly string[]).includes(item.list)) problems.push({ field: `${prefix}.list`, message: `must be one of ${LIST_KINDS.join(', ')}` });
  for (const field of ['category', 'subcategory', 'title', 'responsibleDepartment'] as const) {
    if (typeof item[field] !== 'string' || item[field].trim() === '') problems.push({ field: `${prefix}.${field}`, message: 'must not be empty' });
  }
  if (typeof item.legalBasis !== 'string') problems.push({ field: `${prefix}.legalBasis`, message: 'must be text' });
  if (!(FUNDING_KINDS as readonly string[]).includes(item.funding?.kind)) problems.push({ field: `${prefix}.funding.kind`, message: `must be one of ${FUNDING_KINDS.join(', ')}` });
  return problems;
};

/**
 * WL-1 (hard invariant): an assistance item cannot become effective without a legal basis and
 * funding borne by the commissioning department, i.e. the item's responsible department.
 */
export const assistanceItemBreach = (item: WorkItem): string | null => {
  if (item.list !== 'assistance') return null;
  if (item.legalBasis.trim() === '') return 'an assistance item needs a legal basis (a law or regulation citation)';
  if (item.funding.kind !== 'commissioning_department') return 'an assistance item must be funded by the commissioning department';
  if (item.funding.departmentRef !== item.responsibleDepartment) return 'the funding department must be the commissioning (responsible) department';
  return null;
};

export const assertAssistanceItemFunded = (item: WorkItem): void => {
  const breach = assistanceItemBreach(item);
  if (breach !== null) {
    throw new RuleViolationError('WORK_LIST.ASSISTANCE_ITEM_UNFOUNDED', `${item.itemId}: ${breach}`, 'WL-1', { itemId: item.itemId });
  }
};

/** A copy with exactly the item's fields (nothing else a caller sent travels into events). */
export const cleanItem = (item: WorkItem): WorkItem => ({
  itemId: item.itemId, list: item.list, category: item.category, subcategory: item.subcategory, title: item.title,
  responsibleDepartment: item.responsibleDepartment, legalBasis: item.legalBasis, funding: { kind: item.funding.kind, departmentRef: item.funding.departmentRef },
});
