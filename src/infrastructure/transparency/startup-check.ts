import type { EventStore } from '../../application/ports/event-store.port';
import { bytesEqual, toHex } from '../../transparency/bytes';
import { openCheckpoint } from '../../transparency/checkpoint';
import type { StoredNode } from '../../transparency/merkle-tree';
import type { NoteVerifier } from '../../transparency/note-keys';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { verifyHasher } from '../event-store/sql/server-secrets';
import { checkpointsOf, type StoredCheckpoint } from './checkpoint-store';
import { readFrontier, readNodes, rootAt } from './log-tree-store';
import { verifyLogAgainstCheckpoints, type LogDisagreement } from './verify-log';
import { appendToFrontier, eventLeaf, rootOfFrontier } from './node-merkle-hash';

export type StartupReport = Readonly<{
  /** 'full' on the first start (or after the mark was lost), 'incremental' from the mark. */
  mode: 'full' | 'incremental';
  /** The checkpoint verified at a previous start (0 when none). */
  fromSize: bigint;
  checkpointSize: bigint;
  eventsChecked: number;
  disagreement?: LogDisagreement;
}>;

const PAGE = 2000;

type Mark = Readonly<{ treeSize: bigint; rootHash: Uint8Array }>;

const readMark = async (sql: SqlQueryable, keyId: string): Promise<Mark | null> => {
  const { rows } = await sql.query<{ tree_size: string; root_hash: string }>("SELECT tree_size, encode(root_hash, 'hex') AS root_hash FROM cl_log_verified WHERE key_id = $1", [keyId]);
  const row = rows[0];
  return row === undefined ? null : { treeSize: BigInt(row.tree_size), rootHash: Uint8Array.from(Buffer.from(row.root_hash, 'hex')) };
};

const writeMark = async (sql: SqlQueryable, keyId: string, checkpoint: StoredCheckpoint, at: Date): Promise<void> => {
  await sql.query(
    `INSERT INTO cl_log_verified (key_id, tree_size, root_hash, verified_at) VALUES ($1, $2, decode($3, 'hex'), $4)
     ON CONFLICT (key_id) DO UPDATE SET tree_size = EXCLUDED.tree_size, root_hash = EXCLUDED.root_hash, verified_at = EXCLUDED.verified_at`,
    [keyId, checkpoint.treeSize.toString(), toHex(checkpoint.rootHash), at.toISOString()],
  );
};

/**
 * The first leaf whose recomputed nodes differ from the stored ones (proofs are served from those),
 * or undefined when every recomputed node is stored as computed.
 */
const firstStoredDifference = async (sql: SqlQueryable, computed: readonly StoredNode[]): Promise<bigint | undefined> => {
  if (computed.length === 0) return undefined;
  const stored = new Map((await readNodes(sql, computed)).map((n) => [`${n.level}/${n.index}`, n.hash]));
  // A differing leaf names itself; an inner node alone names the first leaf it covers.
  let firstLeaf: bigint | undefined;
  let firstCovered: bigint | undefined;
  for (const node of computed) {
    const hash = stored.get(`${node.level}/${node.index}`);
    if (hash !== undefined && bytesEqual(hash, node.hash)) continue;
    if (node.level === 0) firstLeaf = firstLeaf === undefined || node.index < firstLeaf ? node.index : firstLeaf;
    const covered = node.index << BigInt(node.level);
    firstCovered = firstCovered === undefined || covered < firstCovered ? covered : firstCovered;
  }
  return firstLeaf ?? firstCovered;
};

const signedBy = (checkpoint: StoredCheckpoint, verifier: NoteVerifier): boolean => {
  const opened = openCheckpoint(checkpoint.note, verifier);
  return typeof opened !== 'string' && opened.checkpoint.size === checkpoint.treeSize && bytesEqual(opened.checkpoint.rootHash, checkpoint.rootHash);
};

/**
 * The service's start-up check against its signed checkpoints, incremental: the events are re-hashed
 * only from the newest checkpoint a previous start verified (the mark in cl_log_verified), starting
 * from the stored frontier at that size, which must fold to the root signed there; every tree node
 * those events complete is compared with the stored one; and the stored tree's root at the newest
 * signed size must equal the signed root. The first start (no mark) runs the full check of
 * `civic-ledger verify`.
 *
 * What it no longer catches (and `civic-ledger verify` does): a change to an event at a leaf below
 * the mark that leaves the stored tree nodes alone, and a changed stored node that lies wholly below
 * the mark and off its frontier; such an event, or a proof through such a node, fails proof checking.
 */
export const checkLogAtStartup = async (sql: SqlQueryable, eventStore: EventStore, verifier: NoteVerifier, now: Date): Promise<StartupReport> => {
  const keyId = toHex(verifier.keyId);
  const checkpoints = await checkpointsOf(sql, keyId);
  const newest = checkpoints[checkpoints.length - 1];
  if (newest === undefined) return { mode: 'full', fromSize: 0n, checkpointSize: 0n, eventsChecked: 0 };
  const mark = await readMark(sql, keyId);
  const marked = mark === null ? undefined : checkpoints.find((c) => c.treeSize === mark.treeSize && bytesEqual(c.rootHash, mark.rootHash));

  if (mark === null || marked === undefined || !signedBy(marked, verifier)) {
    const full = await verifyLogAgainstCheckpoints(sql, eventStore, verifier);
    const report = { mode: 'full' as const, fromSize: 0n, checkpointSize: full.checkpointSize, eventsChecked: full.eventsChecked };
    if (full.disagreement !== undefined) return { ...report, disagreement: full.disagreement };
    await writeMark(sql, keyId, newest, now);
    return report;
  }

  let size = mark.treeSize;
  const hasher = await verifyHasher(sql);
  const report = (eventsChecked: number, disagreement?: LogDisagreement): StartupReport => ({
    mode: 'incremental',
    fromSize: mark.treeSize,
    checkpointSize: newest.treeSize,
    eventsChecked,
    ...(disagreement === undefined ? {} : { disagreement }),
  });
  const later = checkpoints.filter((c) => c.treeSize > mark.treeSize);
  for (const checkpoint of later) {
    if (!signedBy(checkpoint, verifier)) {
      return report(0, { leafIndex: checkpoint.treeSize, reason: `the stored checkpoint of size ${checkpoint.treeSize} does not carry a valid signature by ${verifier.name} over its size and root` });
    }
  }
  let frontier = await readFrontier(sql, size).catch(() => [] as Uint8Array[]);
  if (!bytesEqual(rootOfFrontier(frontier), mark.rootHash)) {
    return report(0, { leafIndex: 0n, reason: `the stored tree at size ${size} no longer gives the root signed there (verified at a previous start): events or nodes below it were changed` });
  }
  let after = 0n;
  if (size > 0n) {
    const { rows } = await sql.query<{ global_position: string }>('SELECT global_position FROM cl_log_leaves WHERE leaf_index = $1', [(size - 1n).toString()]);
    if (rows[0] === undefined) return report(0, { leafIndex: size - 1n, reason: `leaf ${size - 1n} is not recorded in the stored tree` });
    after = BigInt(rows[0].global_position);
  }
  let next = 0;
  let checked = 0;
  let computed: StoredNode[] = [];
  /** Names the first leaf the stored tree disagrees at, when there is one (a reorder, a recomputed chain). */
  const storedDisagreement = async (reason: string): Promise<LogDisagreement | undefined> => {
    const leaf = await firstStoredDifference(sql, computed);
    return leaf === undefined ? undefined : { leafIndex: leaf, reason: `the event now at leaf ${leaf} differs from the leaf recorded in the tree: ${reason}` };
  };
  while (size < newest.treeSize) {
    const page = await eventStore.readAll({ after, limit: PAGE });
    if (page.length === 0) return report(checked, { leafIndex: size, reason: `the checkpoint covers ${newest.treeSize} events, only ${size} are stored: events were deleted` });
    for (const event of page) {
      if (size >= newest.treeSize) break;
      if (hasher.hash(event) !== event.hash) {
        return report(checked, { globalPosition: event.globalPosition, leafIndex: size, reason: `event ${event.eventId} (${event.stream}@${event.streamRevision}) does not hash to its stored hash: it was edited` });
      }
      const appended = appendToFrontier(size, frontier, eventLeaf(event.globalPosition, event.hash));
      frontier = appended.frontier;
      computed.push(...appended.created);
      size++;
      checked++;
      while (next < later.length && later[next]!.treeSize === size) {
        if (!bytesEqual(rootOfFrontier(frontier), later[next]!.rootHash)) {
          const named = await storedDisagreement('events were deleted, reordered or edited');
          if (named !== undefined) return report(checked, named);
          return report(checked, {
            globalPosition: event.globalPosition,
            leafIndex: size - 1n,
            reason: `the events up to leaf ${size - 1n} do not give the root signed at size ${size}; the first difference lies after leaf ${mark.treeSize - 1n}: events were deleted, reordered or edited`,
          });
        }
        next++;
      }
      after = event.globalPosition;
    }
    // The stored nodes of the page (every perfect subtree its leaves complete) must be the recomputed ones.
    const named = await storedDisagreement('the stored tree was changed (proofs served from it are wrong; rebuild it)');
    if (named !== undefined) return report(checked, named);
    computed = [];
  }
  // Proofs are served from the stored nodes: the stored tree must give the newest signed root.
  const storedRoot = await rootAt(sql, newest.treeSize).catch(() => undefined);
  if (storedRoot === undefined || !bytesEqual(storedRoot, newest.rootHash)) {
    return report(checked, { leafIndex: mark.treeSize, reason: `the stored tree at size ${newest.treeSize} does not give the signed root (rebuild the tree; run civic-ledger verify)` });
  }
  await writeMark(sql, keyId, newest, now);
  return report(checked);
};
