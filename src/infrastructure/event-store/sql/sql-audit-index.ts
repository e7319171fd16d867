import type { RecordedEvent } from '../../../domain/shared';
import type { AuditCriteria, EventAuditIndex } from '../../../application/ports/event-audit.port';
import type { SqlQueryable } from './sql-client';
import { readHorizon, toRecordedEvent } from './sql-event-store';

type Row = Parameters<typeof toRecordedEvent>[0];

/**
 * Audit search on PostgreSQL/PGlite: the event table itself (its metadata), below the read horizon
 * like every reader of the table. The EventStoreDB mode answers the same criteria from an index
 * (esdb-audit-index.ts); both share `auditWhere`.
 */
export class SqlAuditIndex implements EventAuditIndex {
  constructor(private readonly sql: SqlQueryable) {}

  async search(criteria: AuditCriteria): Promise<readonly RecordedEvent[]> {
    const params: unknown[] = [criteria.after.toString(), criteria.limit, await readHorizon(this.sql)];
    const where = ['global_position > $1', 'global_position < $3', ...auditWhere(criteria, params, {
      actor: "metadata->>'actor'",
      correlationId: "metadata->>'correlationId'",
      occurredAt: "(metadata->>'occurredAt')::timestamptz",
      recordedAt: "(metadata->>'recordedAt')::timestamptz",
    })];
    const { rows } = await this.sql.query<Row>(
      `SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash
         FROM cl_events WHERE ${where.join(' AND ')} ORDER BY global_position LIMIT $2`,
      params,
    );
    return rows.map(toRecordedEvent);
  }
}

export type AuditColumns = Readonly<{ actor: string; correlationId: string; occurredAt: string; recordedAt: string }>;

/** The WHERE clauses of the criteria over the given column expressions; pushes their parameters. */
export const auditWhere = (criteria: AuditCriteria, params: unknown[], columns: AuditColumns): string[] => {
  const where: string[] = [];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (criteria.actor !== undefined) add((n) => `${columns.actor} = $${n}`, criteria.actor);
  if (criteria.correlationId !== undefined) add((n) => `${columns.correlationId} = $${n}`, criteria.correlationId);
  const axis = columns[criteria.timeAxis];
  if (criteria.from !== undefined) add((n) => `${axis} >= $${n}::timestamptz`, criteria.from);
  if (criteria.to !== undefined) add((n) => `${axis} < $${n}::timestamptz`, criteria.to);
  return where;
};
