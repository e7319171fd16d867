import type { RecordedEvent } from '../../domain/shared';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { readHorizon, toRecordedEvent } from '../event-store/sql/sql-event-store';

export type FeedFilter = Readonly<{ types?: readonly string[]; category?: string; community?: string }>;

export type FeedEvent = RecordedEvent & { readonly community: string | null };

export type FeedPage = Readonly<{ events: readonly FeedEvent[]; nextCursor: bigint }>;

/** How far past the cursor one filtered page scans at most, so a rare filter cannot scan the whole log. */
export const SCAN_WINDOW = 50_000n;

type Row = Parameters<typeof toRecordedEvent>[0] & { community: string | null; head: string | null };

/**
 * One page of the integrators' feed in global order. The page and the head (the highest position
 * a reader may see now) come from one statement, so every position up to the returned cursor is
 * final: the head is read below the store's read horizon (readHorizon: no append still running in
 * this database holds a position under it), taken before the page's snapshot. Paging by nextCursor
 * never skips or repeats.
 * An event's community is its own `communityId`, else that of its stream's first event, else the
 * id of a `community-<id>` stream.
 */
export const readFeedPage = async (sql: SqlQueryable, after: bigint, limit: number, filter: FeedFilter = {}): Promise<FeedPage> => {
  const params: unknown[] = [after.toString(), limit, (after + SCAN_WINDOW).toString(), await readHorizon(sql)];
  const where = ['e.global_position > $1', 'e.global_position <= h.head', 'e.global_position <= $3'];
  if (filter.types !== undefined && filter.types.length > 0) {
    params.push([...filter.types]);
    where.push(`e.type = ANY($${params.length}::text[])`);
  }
  if (filter.category !== undefined) {
    params.push(`${filter.category.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`);
    where.push(`e.stream_id LIKE $${params.length}`);
  }
  if (filter.community !== undefined) {
    params.push(filter.community);
    where.push(`c.community = $${params.length}`);
  }
  // One statement: the page and the head share a snapshot. The head row comes back even when no event matches.
  const { rows } = await sql.query<Row>(
    `WITH h AS (SELECT max(global_position) AS head FROM cl_events WHERE global_position < $4)
     SELECT h.head, p.* FROM h LEFT JOIN LATERAL (
       SELECT e.global_position, e.event_id, e.stream_id, e.stream_revision, e.type, e.schema_version, e.data, e.metadata, e.prev_hash, e.hash, c.community
         FROM cl_events e
         LEFT JOIN cl_events f ON f.stream_id = e.stream_id AND f.stream_revision = 0
         CROSS JOIN LATERAL (SELECT COALESCE(e.data->>'communityId', f.data->>'communityId',
                                    CASE WHEN e.stream_id LIKE 'community-%' THEN substr(e.stream_id, 11) END) AS community) c
        WHERE ${where.join(' AND ')}
        ORDER BY e.global_position LIMIT $2
     ) p ON true`,
    params,
  );
  const head = rows[0]?.head === null || rows[0]?.head === undefined ? 0n : BigInt(rows[0].head);
  const events = rows.filter((row) => row.global_position !== null).map((row) => ({ ...toRecordedEvent(row), community: row.community }));
  if (events.length === limit) return { events, nextCursor: events[events.length - 1]!.globalPosition };
  // A short page: everything up to the head (or the end of the scan window) has been seen.
  const windowEnd = after + SCAN_WINDOW;
  const reached = head < windowEnd ? head : windowEnd;
  return { events, nextCursor: reached > after ? reached : after };
};
