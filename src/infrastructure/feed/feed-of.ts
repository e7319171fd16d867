import { SqlEventStore } from '../event-store/sql/sql-event-store';
import { SqlEventFeed } from '../event-store/sql/sql-event-feed';
import type { Storage } from '../storage/create-storage';
import { EventFeed, type FeedFilter, type FeedPage } from './event-feed';

/** A page of the integrators' feed, whichever store holds the log. */
export interface FeedPages {
  page(after: bigint, limit: number, filter?: FeedFilter): Promise<FeedPage>;
}

/**
 * The feed of a store: one statement a page on the SQL event store (SqlEventFeed joins each event's
 * community in, as SqlAuditIndex searches the table), through the event store port (EventFeed:
 * readAllPage and the streams' first events) on EventStoreDB.
 */
export const feedOf = (storage: Pick<Storage, 'sql' | 'eventStore'>): FeedPages =>
  storage.eventStore instanceof SqlEventStore ? new SqlEventFeed(storage.sql) : new EventFeed(storage.eventStore);
