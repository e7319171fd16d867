import type { ProjectedEvent } from '../../domain/shared';
import { CONSULTATION_EVENT_TYPES } from '../../domain/consultation/consultation.events';
import { consultationKey } from '../consultations/consultation-read-model';
import { defineProjection, type FoldRow } from '../projection';
import { checkProcedureCompliance, type ComplianceOptions } from './procedure-compliance.checker';
import { ProcedureComplianceRecord, type StoredEvent } from './procedure-compliance.entity';

type Row = FoldRow<ProcedureComplianceRecord>;

export const toStoredEvent = (e: ProjectedEvent): StoredEvent => ({
  eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data as Record<string, unknown>,
  stream: e.stream, streamRevision: e.streamRevision.toString(), globalPosition: e.globalPosition.toString(), metadata: e.metadata,
});

export const fromStoredEvent = (e: StoredEvent): ProjectedEvent => ({
  ...e, streamRevision: BigInt(e.streamRevision), globalPosition: BigInt(e.globalPosition),
});

/** Re-runs the independent checker over the row's raw events (plus any policy events given). */
export const recheck = (row: Pick<Row, 'events'>, extra: readonly ProjectedEvent[] = [], options: ComplianceOptions = {}) =>
  checkProcedureCompliance([...extra, ...row.events.map(fromStoredEvent)], options)[0]?.violations ?? [];

/**
 * Keeps every raw event of a consultation (including ones no decider would accept, as a faulty
 * import writes them) and the checker's violations. Idempotent by event id. Checks that need the
 * locality policy or today's date are added by the query (recheck with policy events and asOf).
 */
export const evolve = (row: Row | null, event: ProjectedEvent): Row | null => {
  const consultationId = consultationKey(event);
  if (consultationId === null || !event.stream.startsWith('consultation-')) return row;
  const events = row?.events ?? [];
  if (events.some((e) => e.eventId === event.eventId)) return row;
  const next = [...events, toStoredEvent(event)].sort((a, b) => (BigInt(a.streamRevision) < BigInt(b.streamRevision) ? -1 : 1));
  const violations = recheck({ events: next });
  const localityId = (event.data as { localityId?: unknown }).localityId;
  return {
    consultationId,
    stream: event.stream,
    localityId: row?.localityId ?? (typeof localityId === 'string' ? localityId : null),
    events: next,
    violations: [...violations],
    ruleIds: [...new Set(violations.map((v) => v.rule))].sort(),
    violationCount: violations.length,
  };
};

export const procedureComplianceProjection = defineProjection<ProcedureComplianceRecord>({
  name: 'procedure-compliance', version: 2, entity: ProcedureComplianceRecord, canHandle: CONSULTATION_EVENT_TYPES, key: consultationKey, evolve,
});
