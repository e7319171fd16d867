import type { EventMetadata, RecordedEvent } from '../../domain/shared';

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** An event about to be stored: the caller fixes id, type, version, data and metadata; the store adds the rest. */
export type EventToAppend = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Readonly<Record<string, unknown>>;
  metadata: EventMetadata;
}>;

export type AppendOptions = Readonly<{
  expectedRevision: ExpectedRevision;
  /** When set, a second append with the same id stores nothing and returns the first result. */
  commandId?: string;
  /** A hash of what the command said; stored with the command id and returned by findCommand. */
  commandFingerprint?: string;
}>;

export type AppendResult = Readonly<{
  stream: string;
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Global positions of the appended events, in order. */
  positions: readonly bigint[];
  eventIds: readonly string[];
  /** True when this commandId had already been appended and nothing new was stored. */
  duplicate: boolean;
  /** For a duplicate: the fingerprint stored with the first append, if it had one. */
  commandFingerprint?: string;
}>;

export type ReadStreamOptions = Readonly<{
  from?: bigint;
  to?: bigint;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}>;

export type ReadAllFilter = Readonly<{
  types?: readonly string[];
  streamPrefix?: string;
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive global position; 0n (default) reads from the start. */
  after?: bigint;
  limit?: number;
  filter?: ReadAllFilter;
}>;

/**
 * One bounded page of the global order: the events that match, and how far the store looked.
 * Every position up to `scannedTo` is final (no event may still commit below it) and was examined,
 * so `scannedTo` is the next cursor: paging by it never skips or repeats, and a rare filter still
 * moves forward although a page examines a bounded part of the log.
 */
export type ReadAllPage = Readonly<{ events: readonly RecordedEvent[]; scannedTo: bigint }>;

export type Subscription = AsyncIterable<RecordedEvent> & { close(): Promise<void> };

/**
 * The one narrow event-store port (docs/architecture.md "The event store port"). Events come back exactly as stored: callers that
 * need the current schema run them through the type registry's upcasters.
 */
export interface EventStore {
  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  /** Global commit order. Never returns an event while an earlier-positioned one may still commit. */
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /** As readAll, but examines a bounded part of the log and says how far it got (the feed's cursor). */
  readAllPage(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** The event at exactly this global position, if it is stored and final. */
  readAt(position: bigint): Promise<RecordedEvent | null>;
  /** Catch-up from `after`, then live. */
  subscribeToAll(options?: Readonly<{ after?: bigint; filter?: ReadAllFilter; pollIntervalMs?: number }>): Subscription;
  /** Result of an earlier append by command id, if any. */
  findCommand(commandId: string): Promise<AppendResult | null>;
  /** The position of the last event a reader may safely see (for lag metrics). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}
