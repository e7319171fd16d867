import type { RecordedEvent } from '../domain/shared';
import type { SqlQueryable } from '../infrastructure/event-store/sql/sql-client';
import type { AnyProjection, Provenance } from './projection';
import { quoteIdent, type TableModel } from './projection-table';

type Row = Record<string, unknown> & Partial<Provenance>;

export type BatchOutcome = Readonly<{ upserted: number; deleted: number }>;

const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const fromDatabase = (model: TableModel, dbRow: Record<string, unknown>): Row => {
  const row: Row = {};
  for (const c of model.columns) {
    const value = dbRow[c.column];
    row[c.property] = c.asText && value !== null && value !== undefined ? String(value) : value;
  }
  return row;
};

const withProvenance = (row: Row, event: RecordedEvent): Row => ({
  ...row,
  lastStream: event.stream,
  lastStreamRevision: event.streamRevision.toString(),
  lastGlobalPosition: event.globalPosition.toString(),
  lastEventId: event.eventId,
});

/**
 * Applies a batch set-wise inside the caller's transaction: one query loads every row the batch
 * touches, the fold runs in memory, one multi-row upsert and one delete write the result. A row
 * already at or past an event's position skips that event, so a batch handled twice changes nothing.
 */
export const applyBatch = async (
  tx: SqlQueryable,
  projection: AnyProjection,
  model: TableModel,
  table: string,
  events: readonly RecordedEvent[],
): Promise<BatchOutcome> => {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (!projection.canHandle.includes(event.type)) continue;
    const key = projection.key(event);
    if (key === null) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  if (groups.size === 0) return { upserted: 0, deleted: 0 };

  const pk = model.primaryKey;
  const keys = [...groups.keys()];
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT * FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($1::${pk.sqlType}[])`,
    [keys],
  );
  const loaded = new Map<string, Row>();
  for (const dbRow of rows) loaded.set(String(dbRow[pk.column]), fromDatabase(model, dbRow));

  const upserts: Row[] = [];
  const deletes: string[] = [];
  for (const [key, group] of groups) {
    const before = loaded.get(key) ?? null;
    let row: Row | null = before;
    let changed = false;
    for (const event of group) {
      if (row !== null && row.lastGlobalPosition !== undefined && BigInt(row.lastGlobalPosition) >= event.globalPosition) continue;
      const next = projection.evolve(row, event) as Row | null;
      if (next === row) continue;
      changed = true;
      row = next === null ? null : withProvenance(next, event);
      if (row !== null && String(row[pk.property]) !== key) {
        throw new Error(`projection ${projection.name}: fold produced key ${String(row[pk.property])} for event keyed ${key}`);
      }
    }
    if (!changed) continue;
    if (row !== null) upserts.push(row);
    else if (before !== null) deletes.push(key);
  }

  if (upserts.length > 0) {
    const names = model.columns.map((c) => quoteIdent(c.column));
    const recordType = model.columns.map((c) => `${quoteIdent(c.column)} ${c.sqlType}`).join(', ');
    const updates = model.columns
      .filter((c) => c.column !== pk.column)
      .map((c) => `${quoteIdent(c.column)} = EXCLUDED.${quoteIdent(c.column)}`)
      .join(', ');
    const payload = upserts.map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of model.columns) out[c.column] = row[c.property] ?? null;
      return out;
    });
    await tx.query(
      `INSERT INTO ${quoteIdent(table)} (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordType})
       ON CONFLICT (${quoteIdent(pk.column)}) DO UPDATE SET ${updates}`,
      [toJson(payload)],
    );
  }
  if (deletes.length > 0) {
    await tx.query(`DELETE FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($1::${pk.sqlType}[])`, [deletes]);
  }
  return { upserted: upserts.length, deleted: deletes.length };
};
