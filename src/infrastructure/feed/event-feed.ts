import { LRUCache } from 'lru-cache';
import type { RecordedEvent } from '../../domain/shared';
import type { EventStore } from '../../application/ports/event-store.port';

export type FeedFilter = Readonly<{ types?: readonly string[]; category?: string; community?: string }>;

export type FeedEvent = RecordedEvent & { readonly community: string | null };

export type FeedPage = Readonly<{ events: readonly FeedEvent[]; nextCursor: bigint }>;

/** What the feed needs of the event store port: bounded pages of the global order, and a stream's first event. */
export type FeedStore = Pick<EventStore, 'readAllPage' | 'readStream'>;

/** Store pages one feed page reads at most when the community filter drops events. */
const MAX_STORE_PAGES = 4;
const COMMUNITY_CACHE = 50_000;

const communityIn = (event: RecordedEvent | undefined): string | undefined => {
  const value = event?.data['communityId'];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The integrators' feed over the event store port, for EventStoreDB (on PostgreSQL and PGlite,
 * SqlEventFeed answers a page in one statement; feedOf picks), and it reads any store alike:
 * pages of readAllPage in global order, with the store's cursor (the global position, on
 * EventStoreDB the `$all` commit position). Every position up to a returned cursor is final and
 * was examined, so paging by nextCursor never skips or repeats; a rare filter still moves the
 * cursor forward, since a store page examines a bounded part of the log.
 * An event's community is its own `communityId`, else that of its stream's first event (cached:
 * a stream's first event never changes), else the id of a `community-<id>` stream.
 */
export class EventFeed {
  private readonly firstCommunity = new LRUCache<string, { community: string | null }>({ max: COMMUNITY_CACHE });

  constructor(private readonly store: FeedStore) {}

  async page(after: bigint, limit: number, filter: FeedFilter = {}): Promise<FeedPage> {
    const storeFilter = {
      ...(filter.types === undefined || filter.types.length === 0 ? {} : { types: filter.types }),
      ...(filter.category === undefined ? {} : { streamPrefix: `${filter.category}-` }),
    };
    const events: FeedEvent[] = [];
    let cursor = after;
    for (let read = 0; read < MAX_STORE_PAGES; read++) {
      const wanted = filter.community === undefined ? limit - events.length : limit;
      const page = await this.store.readAllPage({ after: cursor, limit: wanted, filter: storeFilter });
      for (const event of page.events) {
        const community = await this.communityOf(event);
        if (filter.community !== undefined && community !== filter.community) continue;
        events.push({ ...event, community });
        if (events.length === limit) return { events, nextCursor: event.globalPosition };
      }
      cursor = page.scannedTo;
      if (page.events.length < wanted) break;
    }
    return { events, nextCursor: cursor };
  }

  private async communityOf(event: RecordedEvent): Promise<string | null> {
    const own = communityIn(event);
    if (own !== undefined) return own;
    const fallback = event.stream.startsWith('community-') ? event.stream.slice('community-'.length) : null;
    if (event.streamRevision === 0n) return fallback;
    let first = this.firstCommunity.get(event.stream);
    if (first === undefined) {
      const [head] = await this.store.readStream(event.stream, { maxCount: 1 });
      first = { community: communityIn(head) ?? null };
      this.firstCommunity.set(event.stream, first);
    }
    return first.community ?? fallback;
  }
}
