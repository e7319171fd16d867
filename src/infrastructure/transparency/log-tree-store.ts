import { fromHex, toHex } from '../../transparency/bytes';
import {
  assemble,
  consistencyPlan,
  inclusionPlan,
  lookupIn,
  planNodes,
  rootPlan,
  type NodeId,
  type StoredNode,
} from '../../transparency/merkle-tree';
import type { EventStore } from '../../application/ports/event-store.port';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { rootOfFrontier } from './node-merkle-hash';

export type LogState = Readonly<{ treeSize: bigint; lastPosition: bigint }>;

const big = (value: unknown): bigint => BigInt(value as string);

/** Reads and writes of the stored tree; every read of a root or proof is one query. */
export const readLogState = async (sql: SqlQueryable): Promise<LogState> => {
  const { rows } = await sql.query<{ tree_size: string; last_position: string }>('SELECT tree_size, last_position FROM cl_log_state WHERE id = 1');
  const row = rows[0];
  return row === undefined ? { treeSize: 0n, lastPosition: 0n } : { treeSize: big(row.tree_size), lastPosition: big(row.last_position) };
};

export const readNodes = async (sql: SqlQueryable, ids: readonly NodeId[]): Promise<StoredNode[]> => {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<{ level: number; idx: string; hash: string }>(
    `SELECT n.level, n.idx, encode(n.hash, 'hex') AS hash
       FROM unnest($1::smallint[], $2::bigint[]) AS wanted(level, idx)
       JOIN cl_log_nodes n ON n.level = wanted.level AND n.idx = wanted.idx`,
    [ids.map((id) => id.level), ids.map((id) => id.index.toString())],
  );
  return rows.map((r) => ({ level: Number(r.level), index: big(r.idx), hash: fromHex(r.hash)! }));
};

export const writeNodes = async (sql: SqlQueryable, nodes: readonly StoredNode[]): Promise<void> => {
  if (nodes.length === 0) return;
  await sql.query(
    `INSERT INTO cl_log_nodes (level, idx, hash)
     SELECT level, idx, decode(hash, 'hex') FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS n(level, idx, hash)`,
    [nodes.map((n) => n.level), nodes.map((n) => n.index.toString()), nodes.map((n) => toHex(n.hash))],
  );
};

/** Leaves from `firstIndex` on: each event's position and id (the id lets a proof be asked for by event id in any store). */
export const writeLeaves = async (sql: SqlQueryable, firstIndex: bigint, events: readonly Readonly<{ globalPosition: bigint; eventId: string }>[]): Promise<void> => {
  if (events.length === 0) return;
  await sql.query(
    `INSERT INTO cl_log_leaves (leaf_index, global_position, event_id)
     SELECT $1::bigint + ord - 1, position, event_id FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS l(position, event_id, ord)`,
    [firstIndex.toString(), events.map((e) => e.globalPosition.toString()), events.map((e) => e.eventId.toLowerCase())],
  );
};

/** The leaf index of each of these positions that is a leaf already. */
export const leafIndexesOf = async (sql: SqlQueryable, positions: readonly bigint[]): Promise<Map<bigint, bigint>> => {
  if (positions.length === 0) return new Map();
  const { rows } = await sql.query<{ global_position: string; leaf_index: string }>(
    'SELECT global_position, leaf_index FROM cl_log_leaves WHERE global_position = ANY($1::bigint[])',
    [positions.map(String)],
  );
  return new Map(rows.map((r) => [big(r.global_position), big(r.leaf_index)]));
};

/** The frontier of a tree of `size` leaves: its perfect subtrees, largest first. */
export const readFrontier = async (sql: SqlQueryable, size: bigint): Promise<Uint8Array[]> => {
  const ids = rootPlan(size);
  const lookup = lookupIn(await readNodes(sql, ids));
  return ids.map(lookup);
};

export const rootAt = async (sql: SqlQueryable, size: bigint): Promise<Uint8Array> => rootOfFrontier(await readFrontier(sql, size));

/** The inclusion proofs of these leaves in the tree of `treeSize` leaves, in their order: one query for all of them. */
export const inclusionProofsAt = async (sql: SqlQueryable, leafIndexes: readonly bigint[], treeSize: bigint): Promise<Uint8Array[][]> => {
  const plans = leafIndexes.map((leafIndex) => inclusionPlan(leafIndex, treeSize));
  const lookup = lookupIn(await readNodes(sql, planNodes(plans.flat())));
  return plans.map((plan) => assemble(plan, lookup));
};

export const inclusionProofAt = async (sql: SqlQueryable, leafIndex: bigint, treeSize: bigint): Promise<Uint8Array[]> =>
  (await inclusionProofsAt(sql, [leafIndex], treeSize))[0]!;

export const consistencyProofAt = async (sql: SqlQueryable, size1: bigint, size2: bigint): Promise<Uint8Array[]> => {
  const plan = consistencyPlan(size1, size2);
  return assemble(plan, lookupIn(await readNodes(sql, planNodes(plan))));
};

export type LeafLocation = Readonly<{ leafIndex: bigint; globalPosition: bigint; eventId: string; hash: string }>;

/**
 * Where an event stands in the log, by event id or by global position (null when not yet a leaf).
 * The leaf table maps the id or position to the leaf; the event and its hash come from the event
 * store (readAt), so a proof is always about the event as stored now, in either store.
 */
export const locateLeaf = async (
  sql: SqlQueryable,
  store: Pick<EventStore, 'readAt'>,
  by: Readonly<{ eventId: string } | { globalPosition: bigint }>,
): Promise<LeafLocation | null> => {
  const [where, param] = 'eventId' in by ? ['event_id = $1', by.eventId.toLowerCase()] : ['global_position = $1', by.globalPosition.toString()];
  const { rows } = await sql.query<{ leaf_index: string; global_position: string }>(`SELECT leaf_index, global_position FROM cl_log_leaves WHERE ${where}`, [param]);
  const row = rows[0];
  if (row === undefined) return null;
  const event = await store.readAt(big(row.global_position));
  if (event === null) return null;
  return { leafIndex: big(row.leaf_index), globalPosition: event.globalPosition, eventId: event.eventId, hash: event.hash };
};
