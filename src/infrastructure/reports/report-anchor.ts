import { IllegalStateError, NotFoundError } from '../../domain/shared';
import type { EventStore } from '../../application/ports/event-store.port';
import type { ReportAnchor } from '../../reports';
import { toBase64 } from '../../transparency/bytes';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { checkpointOfSize, latestCheckpoint, type StoredCheckpoint } from '../transparency/checkpoint-store';
import { readLogState, rootAt } from '../transparency/log-tree-store';

/** How far a report reads: the first `count` events (a tree size), or up to a position (no checkpoint yet). */
export type ReadLimit = Readonly<{ count: bigint } | { position: bigint }>;

export type ResolvedAnchor = Readonly<{ anchor: ReportAnchor; limit: ReadLimit }>;

export type LogIdentity = Readonly<{ origin: string; keyId: string | undefined }>;

const signedAnchor = (c: StoredCheckpoint): ResolvedAnchor => ({
  anchor: { origin: c.origin, treeSize: c.treeSize.toString(), rootHash: toBase64(c.rootHash), signed: true, signedAt: c.signedAt.toISOString() },
  limit: { count: c.treeSize },
});

const hasLogTables = async (sql: SqlQueryable | undefined): Promise<boolean> => {
  if (sql === undefined) return false;
  const { rows } = await sql.query<{ present: string | null }>("SELECT to_regclass('cl_log_checkpoints')::text AS present");
  return rows[0]?.present !== null && rows[0]?.present !== undefined;
};

/**
 * The checkpoint a report is computed at: the tree size asked for (a signed checkpoint of that size,
 * else the built tree's root, marked unsigned), or the newest signed checkpoint. With no log (or no
 * checkpoint yet) the report reads up to the store's head position and says it is not anchored.
 */
export const resolveAnchor = async (sql: SqlQueryable | undefined, store: EventStore, log: LogIdentity, atSize?: bigint): Promise<ResolvedAnchor> => {
  const tables = await hasLogTables(sql);
  if (atSize !== undefined) {
    if (!tables || sql === undefined) throw new IllegalStateError('LOG.TREE_TOO_SMALL', 'this store keeps no transparency log: a report cannot be anchored at a tree size');
    const signed = log.keyId === undefined ? null : await checkpointOfSize(sql, log.keyId, atSize);
    if (signed !== null) return signedAnchor(signed);
    const state = await readLogState(sql);
    if (atSize > state.treeSize) throw new IllegalStateError('LOG.TREE_TOO_SMALL', `the tree has ${state.treeSize} leaves, fewer than ${atSize}`);
    const rootHash = atSize === 0n ? null : toBase64(await rootAt(sql, atSize));
    return { anchor: { origin: log.origin, treeSize: atSize.toString(), rootHash, signed: false, signedAt: null }, limit: { count: atSize } };
  }
  const latest = tables && sql !== undefined && log.keyId !== undefined ? await latestCheckpoint(sql, log.keyId) : null;
  if (latest !== null) return signedAnchor(latest);
  return { anchor: { origin: null, treeSize: null, rootHash: null, signed: false, signedAt: null }, limit: { position: await store.headPosition() } };
};

export const requireSize = (text: string | undefined): bigint | undefined => {
  if (text === undefined) return undefined;
  if (!/^\d{1,19}$/.test(text)) throw new NotFoundError('LOG.NO_SUCH_CHECKPOINT', `"${text}" is not a tree size`);
  return BigInt(text);
};
