import { HttpException } from '@nestjs/common';
import type { EventStore } from '../../application/ports/event-store.port';
import type { SqlClient } from '../event-store/sql/sql-client';
import { leafIndexesOf } from '../transparency/log-tree-store';
import type { TransparencyLog } from '../transparency/transparency-log';

/** A record's events and whether the newest signed checkpoint covers them (what the page shows before "verify"). */
export type RecordProof = Readonly<{
  stream: string;
  events: readonly Readonly<{ eventId: string; position: string }>[];
  /** Events not (yet) in the tree of the newest signed checkpoint. */
  uncovered: number;
  /** Tree size of the newest signed checkpoint; null when none is signed (no key configured). */
  treeSize: string | null;
}>;

/**
 * The proof state of several records (streams): each event (read through the event-store port)
 * and its leaf index in the log, against the tree size of the newest signed checkpoint.
 */
export const proofStates = async (eventStore: EventStore, sql: SqlClient, log: TransparencyLog, streams: readonly string[]): Promise<Map<string, RecordProof>> => {
  const out = new Map<string, RecordProof>();
  if (streams.length === 0) return out;
  let treeSize: bigint | null = null;
  try {
    treeSize = (await log.latest()).treeSize;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error; // no signing key: no checkpoint to be covered by
  }
  const unique = [...new Set(streams)];
  const events = await Promise.all(unique.map((stream) => eventStore.readStream(stream)));
  const leaves = await leafIndexesOf(sql, events.flat().map((e) => e.globalPosition));
  unique.forEach((stream, i) => {
    const mine = events[i]!;
    const uncovered = mine.filter((e) => {
      const leaf = leaves.get(e.globalPosition);
      return leaf === undefined || treeSize === null || leaf >= treeSize;
    }).length;
    out.set(stream, { stream, events: mine.map((e) => ({ eventId: e.eventId, position: e.globalPosition.toString() })), uncovered, treeSize: treeSize === null ? null : treeSize.toString() });
  });
  return out;
};
