import type { RecordedEvent } from '../../domain/shared';

export type AuditTimeAxis = 'occurredAt' | 'recordedAt';

/** What an auditor searches by; at least one of actor, correlationId, from, to is given. */
export type AuditCriteria = Readonly<{
  actor?: string;
  correlationId?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  timeAxis: AuditTimeAxis;
  /** Exclusive global position (the previous page's last event). */
  after: bigint;
  limit: number;
}>;

/**
 * Search of the whole event log by actor, correlation id and time range, in global order. Each
 * event store implements it its own way (PostgreSQL: the event table; EventStoreDB: an index in
 * PostgreSQL that follows `$all`); callers never see which.
 */
export interface EventAuditIndex {
  search(criteria: AuditCriteria): Promise<readonly RecordedEvent[]>;
}
