import type { Event } from '../shared';

export const FUND_KINDS = ['disaster_relief', 'subsidy', 'donation'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/** PD-1 ② / PD-5 ②: government relief, subsidies or donations received; the management and use must be published. */
export type FundsReceiptRecorded = Event<
  'FundsReceiptRecorded',
  { communityId: string; receiptId: string; obligationId: string; fundKind: FundKind; title: string; documentHash: string; receivedOn: string; occurredAt: string }
>;

/** Recorded by the watchdog: a cadence period ended with no publication of the category posted (PD-2, PD-5). */
export type PublicationCadenceMissed = Event<
  'PublicationCadenceMissed',
  { communityId: string; category: string; period: string; rule: string; start: string; end: string; detectedOn: string; occurredAt: string }
>;

/** Recorded by the watchdog: an obligation's due date passed with no covering publication posted (PD-1, PD-2 随时, PD-4). */
export type PublicationObligationMissed = Event<
  'PublicationObligationMissed',
  { communityId: string; obligationId: string; rule: string; dueBy: string; detectedOn: string; occurredAt: string }
>;

export type ObligationEvent = FundsReceiptRecorded | PublicationCadenceMissed | PublicationObligationMissed;
