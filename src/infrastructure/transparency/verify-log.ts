import { bytesEqual, toHex } from '../../transparency/bytes';
import { openCheckpoint } from '../../transparency/checkpoint';
import type { NoteVerifier } from '../../transparency/note-keys';
import type { EventStore } from '../../application/ports/event-store.port';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { verifyHasher } from '../event-store/sql/server-secrets';
import { checkpointsOf } from './checkpoint-store';
import { appendToFrontier, eventLeaf, rootOfFrontier } from './node-merkle-hash';

export type LogDisagreement = Readonly<{
  /** Global position of the first event that disagrees (absent when only a range is known). */
  globalPosition?: bigint;
  leafIndex: bigint;
  reason: string;
}>;

export type LogReport = Readonly<{
  /** Size of the newest checkpoint signed by the key; 0 when there is none yet. */
  checkpointSize: bigint;
  checkpointsChecked: number;
  eventsChecked: number;
  disagreement?: LogDisagreement;
}>;

type LeafRow = { global_position: string; leaf_index: string; stored_leaf: string | null };

const PAGE = 2000;

/**
 * Recomputes the tree from the stored events, in global order, up to the newest checkpoint signed
 * by `verifier`, and checks it against every such checkpoint's signed root. Each event is also
 * re-hashed, so an edit is named at its own position even when every later hash was recomputed;
 * a deletion or a reorder shows as the first leaf that differs from the stored tree, or at worst
 * as the first checkpoint whose root no longer matches. The events come through the event store
 * port (readAll), so it checks PostgreSQL and EventStoreDB alike; the tree is in PostgreSQL in both.
 */
export const verifyLogAgainstCheckpoints = async (sql: SqlQueryable, store: Pick<EventStore, 'readAll'>, verifier: NoteVerifier): Promise<LogReport> => {
  const keyId = toHex(verifier.keyId);
  const checkpoints = await checkpointsOf(sql, keyId);
  const last = checkpoints[checkpoints.length - 1];
  if (last === undefined) return { checkpointSize: 0n, checkpointsChecked: 0, eventsChecked: 0 };
  for (const checkpoint of checkpoints) {
    const opened = openCheckpoint(checkpoint.note, verifier);
    const valid = typeof opened !== 'string' && opened.checkpoint.size === checkpoint.treeSize && bytesEqual(opened.checkpoint.rootHash, checkpoint.rootHash);
    if (!valid) {
      return {
        checkpointSize: last.treeSize,
        checkpointsChecked: 0,
        eventsChecked: 0,
        disagreement: { leafIndex: checkpoint.treeSize, reason: `the stored checkpoint of size ${checkpoint.treeSize} does not carry a valid signature by ${verifier.name} over its size and root` },
      };
    }
  }

  let size = 0n;
  const hasher = await verifyHasher(sql);
  let frontier: Uint8Array[] = [];
  let next = 0;
  let previousGood = 0n;
  let firstStoredMismatch: LogDisagreement | undefined;
  let after = 0n;
  const report = (disagreement: LogDisagreement): LogReport => ({ checkpointSize: last.treeSize, checkpointsChecked: next, eventsChecked: Number(size), disagreement });

  while (next < checkpoints.length && checkpoints[next]!.treeSize === 0n) {
    if (!bytesEqual(rootOfFrontier([]), checkpoints[next]!.rootHash)) return report({ leafIndex: 0n, reason: 'the checkpoint of the empty tree has another root' });
    next++;
  }
  while (size < last.treeSize) {
    const events = await store.readAll({ after, limit: PAGE });
    if (events.length === 0) {
      return report({ leafIndex: size, reason: `the checkpoint covers ${last.treeSize} events, only ${size} are stored: events were deleted` });
    }
    const { rows: leafRows } = await sql.query<LeafRow>(
      `SELECT l.global_position, l.leaf_index, encode(n.hash, 'hex') AS stored_leaf
         FROM cl_log_leaves l LEFT JOIN cl_log_nodes n ON n.level = 0 AND n.idx = l.leaf_index
        WHERE l.global_position = ANY($1::bigint[])`,
      [events.map((e) => e.globalPosition.toString())],
    );
    const leaves = new Map(leafRows.map((r) => [String(r.global_position), r]));
    for (const event of events) {
      if (size >= last.treeSize) break;
      const row = leaves.get(event.globalPosition.toString());
      if (hasher.hash(event) !== event.hash) {
        return report({ globalPosition: event.globalPosition, leafIndex: size, reason: `event ${event.eventId} (${event.stream}@${event.streamRevision}) does not hash to its stored hash: it was edited` });
      }
      const leaf = eventLeaf(event.globalPosition, event.hash);
      const recordedAt = row === undefined ? undefined : BigInt(row.leaf_index);
      if (firstStoredMismatch === undefined && (recordedAt !== size || row?.stored_leaf !== toHex(leaf))) {
        const where = recordedAt === undefined ? 'was never a leaf' : recordedAt !== size ? `was recorded as leaf ${recordedAt}` : 'differs from the recorded leaf';
        firstStoredMismatch = { globalPosition: event.globalPosition, leafIndex: size, reason: `event ${event.eventId}, now at leaf ${size}, ${where}: events before it were deleted or reordered` };
      }
      ({ frontier } = appendToFrontier(size, frontier, leaf));
      size++;
      while (next < checkpoints.length && checkpoints[next]!.treeSize === size) {
        if (!bytesEqual(rootOfFrontier(frontier), checkpoints[next]!.rootHash)) {
          return report(
            firstStoredMismatch ?? {
              leafIndex: previousGood,
              reason: `the events up to leaf ${size - 1n} do not give the root signed at size ${size}; the first difference lies at leaf ${previousGood} or later`,
            },
          );
        }
        previousGood = size;
        next++;
      }
      after = event.globalPosition;
    }
  }
  // The events agree with every signed root, but proofs are served from the stored nodes: they must agree too.
  if (firstStoredMismatch !== undefined) return report({ ...firstStoredMismatch, reason: `${firstStoredMismatch.reason} (the stored tree differs from the events; rebuild it)` });
  return { checkpointSize: last.treeSize, checkpointsChecked: next, eventsChecked: Number(size) };
};

export const describeDisagreement = (d: LogDisagreement): string =>
  `${d.globalPosition === undefined ? `leaf ${d.leafIndex}` : `global position ${d.globalPosition} (leaf ${d.leafIndex})`}: ${d.reason}`;
