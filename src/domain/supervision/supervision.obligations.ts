import { isIsoDate, localDate, type Command, type FieldProblem } from '../shared';
import type { FundKind, FundsReceiptRecorded, PublicationCadenceMissed, PublicationObligationMissed } from './supervision-obligations.events';
import { FUND_KINDS } from './supervision-obligations.events';
import { assertOccurredAtAcceptable } from '../rules';
import { holdsRole } from '../shared/actor-roles';
import { ForbiddenError } from '../shared';
import { SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';

/**
 * Publication obligations and cadence (PD-1, PD-2, PD-5): funds received open an obligation
 * (PD-1 ②); the watchdog records a period or an obligation that passed with nothing posted.
 */

export type RecordFundsReceipt = Command<
  'RecordFundsReceipt',
  { communityId: string; receiptId: string; fundKind: FundKind; title: string; documentHash: string; receivedOn: string }
>;

/** Outside facts from the read models; the decider re-checks them. */
export type RecordPublicationCadenceMissed = Command<
  'RecordPublicationCadenceMissed',
  { communityId: string; category: string; period: string; rule: string; start: string; end: string; postedOn: readonly string[]; timeZone: string }
>;

export type RecordPublicationObligationMissed = Command<
  'RecordPublicationObligationMissed',
  { communityId: string; obligationId: string; rule: string; dueBy: string; coveredOn: string | null; timeZone: string }
>;

export type ObligationCommand = RecordFundsReceipt | RecordPublicationCadenceMissed | RecordPublicationObligationMissed;

export const fundsObligationId = (communityId: string, receiptId: string): string => `funds:${communityId}/${receiptId}`;

const HASH = /^(sha256:)?[0-9a-f]{64}$/;

export const recordFundsReceipt = (command: RecordFundsReceipt, receiptIds: readonly string[]): FundsReceiptRecorded[] => {
  const d = command.data;
  if (receiptIds.includes(d.receiptId)) return [];
  const problems: FieldProblem[] = [];
  if (!FUND_KINDS.includes(d.fundKind)) problems.push({ field: 'fundKind', message: FUND_KINDS.join(', ') });
  if (d.title.trim() === '') problems.push({ field: 'title', message: 'required' });
  if (!HASH.test(d.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
  if (!isIsoDate(d.receivedOn)) problems.push({ field: 'receivedOn', message: 'must be a date YYYY-MM-DD' });
  if (problems.length > 0) throw supervisionInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'FundsReceiptRecorded', data: { communityId: d.communityId, receiptId: d.receiptId, obligationId: fundsObligationId(d.communityId, d.receiptId), fundKind: d.fundKind, title: d.title.trim(), documentHash: d.documentHash, receivedOn: d.receivedOn, occurredAt } }];
};

const requireWatchdog = (roles: readonly string[], rule: string): void => {
  if (!holdsRole(roles, 'watchdog')) throw new ForbiddenError('SUPERVISION.NOT_THE_WATCHDOG', 'only the watchdog records a missed publication');
};

export const recordPublicationCadenceMissed = (command: RecordPublicationCadenceMissed, misses: readonly string[]): PublicationCadenceMissed[] => {
  const d = command.data;
  requireWatchdog(command.metadata.actorRoles, d.rule);
  if (misses.includes(`cadence:${d.category}:${d.period}`)) return [];
  const detectedOn = localDate(command.metadata.occurredAt, d.timeZone);
  if (detectedOn <= d.end) throw new SupervisionStepNotAllowed('PERIOD_NOT_OVER', `Period ${d.period} runs until ${d.end}; today is ${detectedOn}`, d.rule);
  if (d.postedOn.some((p) => p >= d.start && p <= d.end)) throw new SupervisionStepNotAllowed('CADENCE_MET', `A ${d.category} publication was posted in ${d.period}`, d.rule);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'PublicationCadenceMissed', data: { communityId: d.communityId, category: d.category, period: d.period, rule: d.rule, start: d.start, end: d.end, detectedOn, occurredAt } }];
};

export const recordPublicationObligationMissed = (command: RecordPublicationObligationMissed, misses: readonly string[]): PublicationObligationMissed[] => {
  const d = command.data;
  requireWatchdog(command.metadata.actorRoles, d.rule);
  if (misses.includes(`obligation:${d.obligationId}`)) return [];
  const detectedOn = localDate(command.metadata.occurredAt, d.timeZone);
  if (detectedOn <= d.dueBy) throw new SupervisionStepNotAllowed('OBLIGATION_NOT_DUE', `Obligation ${d.obligationId} is due by ${d.dueBy}; today is ${detectedOn}`, d.rule);
  if (d.coveredOn !== null && d.coveredOn <= d.dueBy) throw new SupervisionStepNotAllowed('OBLIGATION_MET', `Obligation ${d.obligationId} was published on ${d.coveredOn}`, d.rule);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'PublicationObligationMissed', data: { communityId: d.communityId, obligationId: d.obligationId, rule: d.rule, dueBy: d.dueBy, detectedOn, occurredAt } }];
};
