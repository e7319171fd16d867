import type { RecordedEvent } from '../../../domain/shared';
import type { AuditCriteria, EventAuditIndex } from '../../../application/ports/event-audit.port';
import type { EventStore } from '../../../application/ports/event-store.port';
import type { SqlClient } from '../sql/sql-client';
import { auditWhere } from '../sql/sql-audit-index';

/**
 * EventStoreDB can look events up by stream and by `$all` position only (its `$by_correlation_id`
 * projection would need the projection subsystem, and there is none for actors or time), so audit
 * searches go through an index in PostgreSQL beside the read models: one row per event (its `$all`
 * position, actor, correlation id, occurredAt, recordedAt), filled in global order from `$all`
 * (readAll) and moved by compare-and-set on its last position, like the tree builder. A search
 * first brings the index up to the head, so it sees every event committed before it began; the
 * events themselves are then read from EventStoreDB by position.
 */
export const ESDB_AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_esdb_audit_index (
  global_position bigint PRIMARY KEY,
  actor text,
  correlation_id text,
  occurred_at timestamptz,
  recorded_at timestamptz
);
CREATE INDEX IF NOT EXISTS cl_esdb_audit_actor_idx ON cl_esdb_audit_index (actor, global_position);
CREATE INDEX IF NOT EXISTS cl_esdb_audit_correlation_idx ON cl_esdb_audit_index (correlation_id, global_position);
CREATE INDEX IF NOT EXISTS cl_esdb_audit_recorded_idx ON cl_esdb_audit_index (recorded_at);
CREATE INDEX IF NOT EXISTS cl_esdb_audit_occurred_idx ON cl_esdb_audit_index (occurred_at);
CREATE TABLE IF NOT EXISTS cl_esdb_audit_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_position bigint NOT NULL
);
INSERT INTO cl_esdb_audit_state (id, last_position) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
`;

const BATCH = 1000;
/** Events read from EventStoreDB at once when a page of matches is fetched. */
const FETCH_CONCURRENCY = 16;

class IndexMoved extends Error {}

const instant = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export class EsdbAuditIndex implements EventAuditIndex {
  constructor(
    private readonly sql: SqlClient,
    private readonly store: Pick<EventStore, 'readAll' | 'readAt'>,
  ) {}

  async migrate(): Promise<void> {
    await this.sql.exec(ESDB_AUDIT_SCHEMA);
  }

  /** Indexes every event up to the head of `$all`; returns the last indexed position. */
  async catchUp(): Promise<bigint> {
    for (;;) {
      const { rows } = await this.sql.query<{ last_position: string }>('SELECT last_position FROM cl_esdb_audit_state WHERE id = 1');
      const last = BigInt(rows[0]?.last_position ?? '0');
      const events = await this.store.readAll({ after: last, limit: BATCH });
      if (events.length === 0) return last;
      const next = events[events.length - 1]!.globalPosition;
      try {
        await this.sql.transaction(async (tx) => {
          const moved = await tx.query('UPDATE cl_esdb_audit_state SET last_position = $1 WHERE id = 1 AND last_position = $2 RETURNING id', [next.toString(), last.toString()]);
          if (moved.rows.length !== 1) throw new IndexMoved();
          await tx.query(
            `INSERT INTO cl_esdb_audit_index (global_position, actor, correlation_id, occurred_at, recorded_at)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) ON CONFLICT (global_position) DO NOTHING`,
            [
              events.map((e) => e.globalPosition.toString()),
              events.map((e) => text(e.metadata.actor)),
              events.map((e) => text(e.metadata.correlationId)),
              events.map((e) => instant(e.metadata.occurredAt)),
              events.map((e) => instant(e.metadata.recordedAt)),
            ],
          );
        });
      } catch (error) {
        if (!(error instanceof IndexMoved)) throw error;
        continue; // another instance indexed this batch: read its position again
      }
      if (events.length < BATCH) return next;
    }
  }

  async search(criteria: AuditCriteria): Promise<readonly RecordedEvent[]> {
    await this.catchUp();
    const params: unknown[] = [criteria.after.toString(), criteria.limit];
    const where = ['global_position > $1', ...auditWhere(criteria, params, { actor: 'actor', correlationId: 'correlation_id', occurredAt: 'occurred_at', recordedAt: 'recorded_at' })];
    const { rows } = await this.sql.query<{ global_position: string }>(
      `SELECT global_position FROM cl_esdb_audit_index WHERE ${where.join(' AND ')} ORDER BY global_position LIMIT $2`,
      params,
    );
    const positions = rows.map((r) => BigInt(r.global_position));
    const events: (RecordedEvent | null)[] = [];
    for (let i = 0; i < positions.length; i += FETCH_CONCURRENCY) {
      events.push(...(await Promise.all(positions.slice(i, i + FETCH_CONCURRENCY).map((p) => this.store.readAt(p)))));
    }
    // An indexed event EventStoreDB no longer holds (a scavenged stream) is left out.
    return events.filter((e): e is RecordedEvent => e !== null);
  }
}
