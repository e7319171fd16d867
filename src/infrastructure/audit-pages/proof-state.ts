import { HttpException } from '@nestjs/common';
import type { SqlClient } from '../event-store/sql/sql-client';
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

type Row = { stream_id: string; event_id: string; global_position: string; leaf_index: string | null };

/**
 * The proof state of several records (streams) in one indexed query: each event's leaf index in the
 * log against the tree size of the newest signed checkpoint.
 */
export const proofStates = async (sql: SqlClient, log: TransparencyLog, streams: readonly string[]): Promise<Map<string, RecordProof>> => {
  const out = new Map<string, RecordProof>();
  if (streams.length === 0) return out;
  let treeSize: bigint | null = null;
  try {
    treeSize = (await log.latest()).treeSize;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error; // no signing key: no checkpoint to be covered by
  }
  const { rows } = await sql.query<Row>(
    `SELECT e.stream_id, e.event_id, e.global_position::text AS global_position, l.leaf_index::text AS leaf_index
       FROM cl_events e LEFT JOIN cl_log_leaves l ON l.global_position = e.global_position
      WHERE e.stream_id = ANY($1::text[]) ORDER BY e.stream_id, e.stream_revision`,
    [[...new Set(streams)]],
  );
  for (const stream of new Set(streams)) {
    const mine = rows.filter((r) => r.stream_id === stream);
    const uncovered = mine.filter((r) => r.leaf_index === null || treeSize === null || BigInt(r.leaf_index) >= treeSize).length;
    out.set(stream, { stream, events: mine.map((r) => ({ eventId: r.event_id, position: r.global_position })), uncovered, treeSize: treeSize === null ? null : treeSize.toString() });
  }
  return out;
};
