import type { RecordedEvent } from '../domain/shared';
import type { ProjectionSqlQueryable as SqlQueryable } from './projection-ports';
import type { AnyProjection, Provenance } from './projection';
import { foldEvent } from './projection-fold';
import { quoteIdent, type TableModel } from './projection-table';

type Row = Record<string, unknown> & Partial<Provenance>;

export type BatchOutcome = Readonly<{ upserted: number; deleted: number; checkpointMoved: boolean }>;

/** The checkpoint move that commits with the batch: compare-and-set from `from` to `to`. */
export type CheckpointMove = Readonly<{ name: string; version: number; build: number; from: bigint; to: bigint }>;

const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const fromDatabase = (model: TableModel, dbRow: Record<string, unknown>): Row => {
  const row: Row = {};
  for (const c of model.columns) {
    const value = dbRow[c.column];
    row[c.property] = c.asText && value !== null && value !== undefined ? String(value) : value;
  }
  return row;
};


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
  checkpoint?: CheckpointMove,
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

  const pk = model.primaryKey;
  const keys = [...groups.keys()];
  const { rows } =
    keys.length === 0
      ? { rows: [] }
      : await tx.query<Record<string, unknown>>(`SELECT * FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($1::${pk.sqlType}[])`, [keys]);
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
      const folded = foldEvent(projection, row, event);
      if (!folded.changed) continue;
      changed = true;
      row = folded.row as Row | null;
      if (row !== null && String(row[pk.property]) !== key) {
        throw new Error(`projection ${projection.name}: fold produced key ${String(row[pk.property])} for event keyed ${key}`);
      }
    }
    if (!changed) continue;
    if (row !== null) upserts.push(row);
    else if (before !== null) deletes.push(key);
  }

  // One statement writes everything: the checkpoint compare-and-set, the upsert and the delete.
  // When the checkpoint moved under us nothing is written and the caller rolls back.
  const params: unknown[] = [];
  const parts: string[] = [];
  let guard = '';
  if (checkpoint !== undefined) {
    params.push(checkpoint.to.toString(), checkpoint.name, checkpoint.version, checkpoint.build, checkpoint.from.toString());
    parts.push(`cp AS (UPDATE cl_projection_builds SET position = $1, updated_at = now()
      WHERE name = $2 AND version = $3 AND build = $4 AND position = $5 AND status <> 'retired' RETURNING 1)`);
    guard = 'EXISTS (SELECT 1 FROM cp)';
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
    params.push(toJson(payload));
    parts.push(`up AS (INSERT INTO ${quoteIdent(table)} (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($${params.length}::jsonb) AS x(${recordType}) ${guard === '' ? '' : `WHERE ${guard}`}
       ON CONFLICT (${quoteIdent(pk.column)}) DO UPDATE SET ${updates} RETURNING 1)`);
  }
  if (deletes.length > 0) {
    params.push(deletes);
    parts.push(`del AS (DELETE FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($${params.length}::${pk.sqlType}[])
       ${guard === '' ? '' : `AND ${guard}`} RETURNING 1)`);
  }
  if (parts.length === 0) return { upserted: 0, deleted: 0, checkpointMoved: false };
  const { rows: result } = await tx.query<{ ok: boolean }>(
    `WITH ${parts.join(',\n')} SELECT ${guard === '' ? 'true' : guard} AS ok`,
    params,
  );
  const checkpointMoved = checkpoint !== undefined && result[0]?.ok === true;
  return checkpoint !== undefined && !checkpointMoved
    ? { upserted: 0, deleted: 0, checkpointMoved }
    : { upserted: upserts.length, deleted: deletes.length, checkpointMoved };
};
