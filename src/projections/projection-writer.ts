import type { ProjectedEvent } from '../domain/shared';
import type { ProjectionSqlQueryable as SqlQueryable } from './projection-ports';
import type { AnyProjection, Provenance } from './projection';
import { withProvenance } from './projection-fold';
import { quoteIdent, type TableColumnModel, type TableModel } from './projection-table';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INT8 = /^(?:0|-?[1-9][0-9]{0,18})$/;

/** A value as a load would return it from a plain column, or undefined when only the database can tell. */
const storedValue = (c: TableColumnModel, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  switch (c.plain?.kind) {
    case 'text':
      return typeof value === 'string' && (c.plain.maxLength === undefined || value.length <= c.plain.maxLength) ? value : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value + 0 : undefined;
    case 'int8':
      if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return value.toString();
      return typeof value === 'string' && INT8.test(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : undefined;
    default:
      return undefined;
  }
};

/**
 * The row as a load would return it after the write, built from the folded row when every value
 * is of a plain column type in its canonical form (text as is, int8 as decimal text, lowercase
 * uuids...); undefined when some value's stored form only the database knows (jsonb, timestamps,
 * numeric, arrays, text longer than its varchar...). Saves returning the row from the write.
 */
export const storedForm = (model: TableModel, row: Row): Row | undefined => {
  const out: Row = {};
  for (const c of model.columns) {
    const value = storedValue(c, row[c.property]);
    if (value === undefined) return undefined;
    out[c.property] = value;
  }
  return out;
};

/** What the table holds for some keys at one checkpoint: the row as the database returns it, null for none. */
export type KnownRows = Map<string, Row | null>;

/** A page's events for this projection, grouped by the row they touch, in feed order per row. */
export const groupByRow = (projection: AnyProjection, events: readonly ProjectedEvent[]): Map<string, ProjectedEvent[]> => {
  const groups = new Map<string, ProjectedEvent[]>();
  for (const event of events) {
    if (!projection.canHandle.includes(event.type)) continue;
    const key = projection.key(event);
    if (key === null) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  return groups;
};

/** One query for every key asked: each comes back, null when the table has no row for it. */
export const loadRows = async (sql: SqlQueryable, model: TableModel, table: string, keys: readonly string[]): Promise<KnownRows> => {
  const known: KnownRows = new Map(keys.map((key) => [key, null]));
  if (keys.length === 0) return known;
  const pk = model.primaryKey;
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($1::${pk.sqlType}[])`,
    [keys],
  );
  for (const dbRow of rows) known.set(String(dbRow[pk.column]), fromDatabase(model, dbRow));
  return known;
};

/** The rows a batch writes: every changed row once, in its state after the batch's last event for it. */
export type FoldedBatch = Readonly<{ upserts: readonly Row[]; deletes: readonly string[] }>;

/**
 * Folds each row's events in memory, starting from its stored state (`known` holds every key of
 * `groups`). A row already at or past an event's position skips that event, so a batch handled
 * twice changes nothing; a row touched many times is written once, with the provenance of the
 * last event that changed it.
 */
export const foldBatch = (projection: AnyProjection, model: TableModel, groups: ReadonlyMap<string, readonly ProjectedEvent[]>, known: KnownRows): FoldedBatch => {
  const pk = model.primaryKey;
  const upserts: Row[] = [];
  const deletes: string[] = [];
  for (const [key, group] of groups) {
    const before = known.get(key);
    if (before === undefined) throw new Error(`projection ${projection.name}: row ${key} was not loaded`);
    // foldEvent per event, with the provenance set once at the end instead of copied per event:
    // folds never see provenance (FoldRow), only the unchanged-row rule reads its stream.
    const stored = before === null || before.lastGlobalPosition === undefined ? undefined : BigInt(before.lastGlobalPosition);
    let row: Row | null = before;
    let lastStream = before?.lastStream;
    let source: ProjectedEvent | undefined;
    for (const event of group) {
      // Events at or below the stored row's position are in it already (a page handled twice);
      // they come first in the group, so only the stored row can be at or past them.
      if (stored !== undefined && event.globalPosition <= stored) continue;
      const next = projection.evolve(row, event) as Row | null;
      if (next === row) {
        if (row === null || lastStream !== event.stream) continue;
      } else {
        row = next;
        if (row !== null && String(row[pk.property]) !== key) {
          throw new Error(`projection ${projection.name}: fold produced key ${String(row[pk.property])} for event keyed ${key}`);
        }
      }
      source = event;
      lastStream = event.stream;
    }
    if (source === undefined) continue;
    if (row !== null) upserts.push(withProvenance(row, source));
    else if (before !== null) deletes.push(key);
  }
  return { upserts, deletes };
};

/** A write's outcome plus the rows it left, as a load would return them (deleted keys: null). */
export type WriteOutcome = BatchOutcome & Readonly<{ written: KnownRows }>;

const OK_COLUMN = '__cl_batch_ok';
const COUNT_COLUMN = '__cl_batch_upserted';

/**
 * Writes a folded batch with ONE statement, atomic on its own: the checkpoint compare-and-set, a
 * multi-row upsert of every changed row (one JSON array, `jsonb_to_recordset`) and one delete.
 * When the checkpoint moved under us nothing is written. The caller learns the table's state at
 * the new checkpoint without reading it again: rows of plain columns from the fold itself
 * (storedForm), the others as the upsert returns them (RETURNING, only for those keys).
 */
export const writeBatch = async (
  sql: SqlQueryable,
  model: TableModel,
  table: string,
  batch: FoldedBatch,
  checkpoint?: CheckpointMove,
): Promise<WriteOutcome> => {
  const pk = model.primaryKey;
  const params: unknown[] = [];
  const parts: string[] = [];
  let guard = '';
  if (checkpoint !== undefined) {
    params.push(checkpoint.to.toString(), checkpoint.name, checkpoint.version, checkpoint.build, checkpoint.from.toString());
    parts.push(`cp AS (UPDATE cl_projection_builds SET position = $1, updated_at = now()
      WHERE name = $2 AND version = $3 AND build = $4 AND position = $5 AND status <> 'retired' RETURNING 1)`);
    guard = 'EXISTS (SELECT 1 FROM cp)';
  }
  const { upserts, deletes } = batch;
  const written: KnownRows = new Map(deletes.map((key) => [key, null]));
  // Keys whose row comes back from the database, because their stored form is not known here.
  const ask: string[] = [];
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
      const stored = storedForm(model, row);
      if (stored === undefined) ask.push(String(row[pk.property]));
      else written.set(String(row[pk.property]), stored);
      return out;
    });
    params.push(toJson(payload));
    parts.push(`up AS (INSERT INTO ${quoteIdent(table)} (${names.join(', ')})
       SELECT ${names.join(', ')} FROM jsonb_to_recordset($${params.length}::jsonb) AS x(${recordType}) ${guard === '' ? '' : `WHERE ${guard}`}
       ON CONFLICT (${quoteIdent(pk.column)}) DO UPDATE SET ${updates} RETURNING *)`);
  }
  if (deletes.length > 0) {
    params.push(deletes);
    parts.push(`del AS (DELETE FROM ${quoteIdent(table)} WHERE ${quoteIdent(pk.column)} = ANY($${params.length}::${pk.sqlType}[])
       ${guard === '' ? '' : `AND ${guard}`} RETURNING 1)`);
  }
  if (parts.length === 0) return { upserted: 0, deleted: 0, checkpointMoved: false, written: new Map() };
  // One row with the verdict and the number of rows upserted, joined to the upserted rows asked for.
  const verdict = `${guard === '' ? 'true' : guard} AS ${OK_COLUMN}`;
  let select = `SELECT ${verdict}`;
  if (upserts.length > 0) {
    select = `SELECT verdict.*, up.* FROM (SELECT ${verdict}, (SELECT count(*) FROM up)::integer AS ${COUNT_COLUMN}) verdict`;
    if (ask.length === 0) select += ' LEFT JOIN up ON false';
    else {
      params.push(ask);
      select += ` LEFT JOIN up ON up.${quoteIdent(pk.column)} = ANY($${params.length}::${pk.sqlType}[])`;
    }
  }
  const { rows: result } = await sql.query<Record<string, unknown>>(`WITH ${parts.join(',\n')} ${select}`, params);
  const checkpointMoved = checkpoint !== undefined && result[0]?.[OK_COLUMN] === true;
  if (checkpoint !== undefined && !checkpointMoved) return { upserted: 0, deleted: 0, checkpointMoved, written: new Map() };
  for (const dbRow of result) {
    if (dbRow[pk.column] === null || dbRow[pk.column] === undefined) continue;
    written.set(String(dbRow[pk.column]), fromDatabase(model, dbRow));
  }
  const upserted = upserts.length > 0 ? Number(result[0]?.[COUNT_COLUMN]) : 0;
  if (upserted !== upserts.length || written.size !== upserts.length + deletes.length) {
    throw new Error(`batch wrote ${upserted} rows of ${upserts.length}, knows ${written.size} of ${upserts.length + deletes.length} (a key written twice?)`);
  }
  return { upserted: upserts.length, deleted: deletes.length, checkpointMoved, written };
};

/**
 * Several checkpoint-only moves (pages with nothing for those builds) in one statement, each a
 * compare-and-set on its own. Returns the moves that did not happen (another runner moved or retired the build).
 */
export const moveCheckpoints = async (sql: SqlQueryable, moves: readonly CheckpointMove[]): Promise<CheckpointMove[]> => {
  if (moves.length === 0) return [];
  const { rows } = await sql.query<{ name: string; version: number; build: number }>(
    `UPDATE cl_projection_builds b SET position = m.to_position, updated_at = now()
       FROM unnest($1::text[], $2::integer[], $3::integer[], $4::bigint[], $5::bigint[]) AS m(name, version, build, from_position, to_position)
      WHERE b.name = m.name AND b.version = m.version AND b.build = m.build AND b.position = m.from_position AND b.status <> 'retired'
      RETURNING b.name, b.version, b.build`,
    [
      moves.map((m) => m.name),
      moves.map((m) => m.version),
      moves.map((m) => m.build),
      moves.map((m) => m.from.toString()),
      moves.map((m) => m.to.toString()),
    ],
  );
  const moved = new Set(rows.map((r) => `${r.name}@${Number(r.version)}.${Number(r.build)}`));
  return moves.filter((m) => !moved.has(`${m.name}@${m.version}.${m.build}`));
};

/**
 * Applies a batch set-wise inside the caller's transaction (or as its own statements): one query
 * loads every row the batch touches, the fold runs in memory, one statement writes the result.
 */
export const applyBatch = async (
  tx: SqlQueryable,
  projection: AnyProjection,
  model: TableModel,
  table: string,
  events: readonly ProjectedEvent[],
  checkpoint?: CheckpointMove,
): Promise<BatchOutcome> => {
  const groups = groupByRow(projection, events);
  const known = await loadRows(tx, model, table, [...groups.keys()]);
  const { upserted, deleted, checkpointMoved } = await writeBatch(tx, model, table, foldBatch(projection, model, groups, known), checkpoint);
  return { upserted, deleted, checkpointMoved };
};
