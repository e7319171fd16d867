import { GENESIS_HASH, type RecordedEvent } from '../../domain/shared';
import type { EnvelopeHasher } from './event-hash';
import { verifyHasher } from './sql/server-secrets';
import type { SqlQueryable } from './sql/sql-client';
import { toRecordedEvent } from './sql/sql-event-store';

export type ChainBreakKind =
  /** The stored hash is not the hash of the stored event: the event was edited. */
  | 'hash_mismatch'
  /** The event does not link to the hash of the event before it. */
  | 'prev_hash_mismatch'
  /**
   * A revision is missing: a row was deleted inside the stream, or at its end (an event the
   * command ledger, cl_commands, recorded as appended is no longer stored).
   */
  | 'revision_gap';

/** The first broken link of one stream. */
export type ChainBreak = Readonly<{ stream: string; revision: bigint; kind: ChainBreakKind; expected: string; found: string }>;

export type ChainReport = Readonly<{ streams: number; events: number; breaks: readonly ChainBreak[] }>;

export type VerifyOptions = Readonly<{ pageSize?: number; onProgress?: (eventsChecked: number) => void }>;

type Row = Parameters<typeof toRecordedEvent>[0];
export type ChainWalk = { stream: string; next: bigint; prevHash: string; broken: boolean };
type Walk = ChainWalk;

/** Checks the next event of a stream against its walk so far; the first break stops the walk. */
export const walkLink = (walk: ChainWalk, event: RecordedEvent, hasher: EnvelopeHasher): ChainBreak | null => {
  if (walk.broken) return null;
  const at = (kind: ChainBreakKind, revision: bigint, expected: string, found: string): ChainBreak => {
    walk.broken = true;
    return { stream: event.stream, revision, kind, expected, found };
  };
  if (event.streamRevision !== walk.next) return at('revision_gap', walk.next, `revision ${walk.next}`, `revision ${event.streamRevision}`);
  if (event.prevHash !== walk.prevHash) return at('prev_hash_mismatch', event.streamRevision, walk.prevHash, event.prevHash);
  const recomputed = hasher.hash(event);
  if (recomputed !== event.hash) return at('hash_mismatch', event.streamRevision, recomputed, event.hash);
  walk.next++;
  walk.prevHash = event.hash;
  return null;
};

const COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash';

/**
 * Recomputes every stream's hash chain (docs/architecture.md "The event envelope") one page at a time, in
 * (stream, revision) order over the unique index, so memory stays flat however large the store is.
 * Reports the first broken link of each broken stream.
 */
export const verifyChains = async (sql: SqlQueryable, options: VerifyOptions = {}): Promise<ChainReport> => {
  const pageSize = options.pageSize ?? 1000;
  const hasher = await verifyHasher(sql);
  const breaks: ChainBreak[] = [];
  let streams = 0;
  let events = 0;
  let walk: Walk | undefined;
  let cursor: { stream: string; revision: string } | undefined;

  for (;;) {
    const { rows } = cursor === undefined
      ? await sql.query<Row>(`SELECT ${COLUMNS} FROM cl_events ORDER BY stream_id, stream_revision LIMIT $1`, [pageSize])
      : await sql.query<Row>(
          `SELECT ${COLUMNS} FROM cl_events WHERE (stream_id, stream_revision) > ($1, $2) ORDER BY stream_id, stream_revision LIMIT $3`,
          [cursor.stream, cursor.revision, pageSize],
        );
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = toRecordedEvent(row);
      events++;
      if (walk === undefined || walk.stream !== event.stream) {
        walk = { stream: event.stream, next: 0n, prevHash: GENESIS_HASH, broken: false };
        streams++;
      }
      const broke = walkLink(walk, event, hasher);
      if (broke !== null) breaks.push(broke);
    }
    const last = rows[rows.length - 1]!;
    cursor = { stream: last.stream_id, revision: String(last.stream_revision) };
    options.onProgress?.(events);
  }
  // The tail of a chain has no successor to break: the command ledger witnesses what was appended.
  const broken = new Set(breaks.map((b) => b.stream));
  const { rows: missing } = await sql.query<{ stream_id: string; revision: string; command_id: string; event_id: string; ord: string; n: number }>(
    `SELECT c.stream_id, c.revision, c.command_id, m.event_id, m.ord, cardinality(c.event_ids) AS n
       FROM cl_commands c CROSS JOIN LATERAL unnest(c.event_ids) WITH ORDINALITY AS m(event_id, ord)
      WHERE NOT EXISTS (SELECT 1 FROM cl_events e WHERE e.event_id = m.event_id)
      ORDER BY c.stream_id, c.revision - cardinality(c.event_ids) + m.ord`,
  );
  for (const row of missing) {
    if (broken.has(row.stream_id)) continue;
    broken.add(row.stream_id);
    const stored = await sql.query('SELECT 1 AS one FROM cl_events WHERE stream_id = $1 LIMIT 1', [row.stream_id]);
    if (stored.rows.length === 0) streams++;
    const revision = BigInt(row.revision) - BigInt(row.n) + BigInt(row.ord);
    breaks.push({
      stream: row.stream_id,
      revision,
      kind: 'revision_gap',
      expected: `revision ${revision} (event ${row.event_id}, command ${row.command_id})`,
      found: 'no such event stored',
    });
  }
  // Code-unit order by stream, independent of the database collation.
  breaks.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return { streams, events, breaks };
};
