import { GENESIS_HASH } from '../../domain/shared';
import { eventHash } from './event-hash';
import type { SqlQueryable } from './sql/sql-client';
import { toRecordedEvent } from './sql/sql-event-store';

export type ChainBreakKind =
  /** The stored hash is not the hash of the stored event: the event was edited. */
  | 'hash_mismatch'
  /** The event does not link to the hash of the event before it. */
  | 'prev_hash_mismatch'
  /** A revision is missing: a row was deleted (inside the stream or at its end). */
  | 'revision_gap'
  /** The stream's head record (cl_streams) disagrees with its last event. */
  | 'head_mismatch';

/** The first broken link of one stream. */
export type ChainBreak = Readonly<{ stream: string; revision: bigint; kind: ChainBreakKind; expected: string; found: string }>;

export type ChainReport = Readonly<{ streams: number; events: number; breaks: readonly ChainBreak[] }>;

export type VerifyOptions = Readonly<{ pageSize?: number; onProgress?: (eventsChecked: number) => void }>;

type Row = Parameters<typeof toRecordedEvent>[0];
type Head = { revision: bigint; lastHash: string };
type Walk = { stream: string; next: bigint; prevHash: string; broken: boolean };

const COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash';

/**
 * Recomputes every stream's hash chain (DESIGN.md "The event envelope") one page at a time, in
 * (stream, revision) order over the unique index, so memory stays flat however large the store is.
 * Reports the first broken link of each broken stream.
 */
export const verifyChains = async (sql: SqlQueryable, options: VerifyOptions = {}): Promise<ChainReport> => {
  const pageSize = options.pageSize ?? 1000;
  const breaks: ChainBreak[] = [];
  let streams = 0;
  let events = 0;
  let walk: Walk | undefined;
  let heads = new Map<string, Head>();
  let cursor: { stream: string; revision: string } | undefined;

  const finish = (done: Walk) => {
    if (done.broken) return;
    const head = heads.get(done.stream);
    const last = done.next - 1n;
    const found = head === undefined ? 'no head record' : `head revision ${head.revision}, last hash ${head.lastHash}`;
    if (head !== undefined && head.revision > last) {
      breaks.push({ stream: done.stream, revision: last + 1n, kind: 'revision_gap', expected: `revision ${last + 1n}`, found: `stream ends at revision ${last}` });
    } else if (head === undefined || head.revision !== last || head.lastHash !== done.prevHash) {
      breaks.push({ stream: done.stream, revision: last, kind: 'head_mismatch', expected: `head revision ${last}, last hash ${done.prevHash}`, found });
    }
  };

  for (;;) {
    const { rows } = cursor === undefined
      ? await sql.query<Row>(`SELECT ${COLUMNS} FROM cl_events ORDER BY stream_id, stream_revision LIMIT $1`, [pageSize])
      : await sql.query<Row>(
          `SELECT ${COLUMNS} FROM cl_events WHERE (stream_id, stream_revision) > ($1, $2) ORDER BY stream_id, stream_revision LIMIT $3`,
          [cursor.stream, cursor.revision, pageSize],
        );
    if (rows.length === 0) break;
    // Heads of this page's streams, plus the stream still open from the previous page.
    const carried = walk === undefined ? undefined : heads.get(walk.stream);
    heads = new Map(await loadHeads(sql, rows));
    if (walk !== undefined && carried !== undefined && !heads.has(walk.stream)) heads.set(walk.stream, carried);

    for (const row of rows) {
      const event = toRecordedEvent(row);
      events++;
      if (walk === undefined || walk.stream !== event.stream) {
        if (walk !== undefined) finish(walk);
        walk = { stream: event.stream, next: 0n, prevHash: GENESIS_HASH, broken: false };
        streams++;
      }
      if (walk.broken) continue;
      const at = (kind: ChainBreakKind, revision: bigint, expected: string, found: string) => {
        breaks.push({ stream: event.stream, revision, kind, expected, found });
        walk!.broken = true;
      };
      const recomputed = eventHash(event);
      if (event.streamRevision !== walk.next) at('revision_gap', walk.next, `revision ${walk.next}`, `revision ${event.streamRevision}`);
      else if (event.prevHash !== walk.prevHash) at('prev_hash_mismatch', event.streamRevision, walk.prevHash, event.prevHash);
      else if (recomputed !== event.hash) at('hash_mismatch', event.streamRevision, recomputed, event.hash);
      else {
        walk.next++;
        walk.prevHash = event.hash;
      }
    }
    const last = rows[rows.length - 1]!;
    cursor = { stream: last.stream_id, revision: String(last.stream_revision) };
    options.onProgress?.(events);
  }
  if (walk !== undefined) finish(walk);

  // Streams whose every event row was deleted leave only their head record behind.
  const { rows: emptied } = await sql.query<{ stream_id: string; revision: string }>(
    `SELECT s.stream_id, s.revision FROM cl_streams s
      WHERE s.revision >= 0 AND NOT EXISTS (SELECT 1 FROM cl_events e WHERE e.stream_id = s.stream_id)
      ORDER BY s.stream_id`,
  );
  for (const row of emptied) {
    streams++;
    breaks.push({ stream: row.stream_id, revision: 0n, kind: 'revision_gap', expected: 'revision 0', found: `no events, head revision ${row.revision}` });
  }
  // Code-unit order by stream, independent of the database collation.
  breaks.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return { streams, events, breaks };
};

const loadHeads = async (sql: SqlQueryable, rows: readonly Row[]): Promise<Array<readonly [string, Head]>> => {
  const ids = [...new Set(rows.map((r) => r.stream_id))];
  const { rows: heads } = await sql.query<{ stream_id: string; revision: string | number; last_hash: string }>(
    'SELECT stream_id, revision, last_hash FROM cl_streams WHERE stream_id = ANY($1::text[])',
    [ids],
  );
  return heads.map((h) => [h.stream_id, { revision: BigInt(h.revision), lastHash: h.last_hash }] as const);
};
