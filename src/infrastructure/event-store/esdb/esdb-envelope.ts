import { jsonEvent, type Position, type ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '../../../domain/shared';
import type { EventToAppend, ReadAllFilter } from '../../../application/ports/event-store.port';

/** An event ready for EventStoreDB: the caller's envelope plus its place in the hash chain. */
export type PreparedEvent = EventToAppend & Readonly<{ prevHash: string; hash: string }>;

/** The exact write an append stands for: these events, pinned after this revision (-1: no stream). */
export type EsdbAppendIntent = Readonly<{ stream: string; expectedRevision: bigint; events: readonly PreparedEvent[] }>;

/**
 * What EventStoreDB's custom metadata holds for one of our events. The event id, type, data,
 * stream and revision are EventStoreDB's own fields; `$correlationId`/`$causationId` are its
 * conventional names, so its system projections ($by_correlation_id) work too.
 */
type StoredMetadata = Readonly<{
  schemaVersion: number;
  prevHash: string;
  hash: string;
  metadata: EventMetadata;
  $correlationId?: string;
  $causationId?: string;
}>;

export const toEsdbEvent = (event: PreparedEvent) =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      schemaVersion: event.schemaVersion,
      prevHash: event.prevHash,
      hash: event.hash,
      metadata: event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    } satisfies StoredMetadata,
  });

/** System events and streams start with `$` (EventStoreDB's own: stats, settings, metadata, projections). */
export const isSystem = (resolved: ResolvedEvent): boolean =>
  resolved.event === undefined || resolved.event.type.startsWith('$') || resolved.event.streamId.startsWith('$');

const storedMetadata = (metadata: unknown): StoredMetadata | null => {
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) return null;
  const m = metadata as Partial<StoredMetadata>;
  return typeof m.schemaVersion === 'number' && typeof m.prevHash === 'string' && typeof m.hash === 'string' && typeof m.metadata === 'object'
    ? (m as StoredMetadata)
    : null;
};

/**
 * The `$all` position as the port's global position. Every event EventStoreDB writes through gRPC
 * is its own committed prepare record, so its commit and prepare positions are both its own log
 * position: the commit position is unique per event, grows in `$all` order, and fits a PostgreSQL
 * bigint (a byte offset in the log).
 */
export const globalPosition = (resolved: ResolvedEvent): bigint | undefined => resolved.event?.position?.commit ?? resolved.commitPosition;

/** Where to start reading `$all` to see what comes after `after`; inclusive reads skip `after` itself. */
export const allFrom = (after: bigint): Position | 'start' => (after <= 0n ? 'start' : { commit: after, prepare: after });

/** Our envelope, or null for an event this engine did not write (a system or foreign event). */
export const toRecordedEvent = (resolved: ResolvedEvent): RecordedEvent | null => {
  const event = resolved.event;
  if (event === undefined || isSystem(resolved) || !event.isJson) return null;
  const stored = storedMetadata(event.metadata);
  const position = globalPosition(resolved);
  if (stored === null || position === undefined) return null;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: stored.schemaVersion,
    data: event.data as Record<string, unknown>,
    stream: event.streamId,
    streamRevision: event.revision,
    globalPosition: position,
    metadata: stored.metadata,
    prevHash: stored.prevHash,
    hash: stored.hash,
  };
};

export const matchesFilter = (event: RecordedEvent, filter: ReadAllFilter | undefined): boolean =>
  (filter?.types === undefined || filter.types.includes(event.type)) &&
  (filter?.streamPrefix === undefined || event.stream.startsWith(filter.streamPrefix));
