/** A domain event as deciders produce and folds consume it: readonly plain data, primitives only. */
export type Event<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** Metadata the engine attaches to every stored event (docs/architecture.md "The event envelope"). */
export type EventMetadata = Readonly<{
  actor: string;
  actorRoles: readonly string[];
  commandId: string;
  correlationId: string;
  causationId: string;
  /** When it happened in the world, as the actor states it (ISO 8601 with offset). */
  occurredAt: string;
  /** When the engine stored it (ISO 8601, engine clock). */
  recordedAt: string;
  /**
   * How the event's hash commits to its fields: `sd-1`, one salted digest per top-level field (set
   * by the store on append); absent on events stored before, hashed as one envelope.
   */
  hashScheme?: 'sd-1';
}>;

/** A stored event with its full envelope. `globalPosition` is assigned by the store at append. */
export type RecordedEvent<E extends Event = Event> = Readonly<{
  eventId: string;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  stream: string;
  streamRevision: bigint;
  globalPosition: bigint;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}>;

/**
 * A recorded event as read models fold it: the envelope without its hash-chain links, which no
 * fold reads. The projection runner's feed leaves them out (about an eighth of a page's bytes);
 * every RecordedEvent is one.
 */
export type ProjectedEvent<E extends Event = Event> = Omit<RecordedEvent<E>, 'prevHash' | 'hash'>;

/**
 * A projected event without its metadata: what a read model that declares it reads none
 * (`metadata: false`) folds, and what upcasters see. Every ProjectedEvent is one.
 */
export type EventWithoutMetadata<E extends Event = Event> = Omit<ProjectedEvent<E>, 'metadata'>;

/** A copy of the event without its links, written out (V8 copies an object spread on a slow path, ~1-2 us an event). */
export const withoutLinks = <E extends Event>(e: ProjectedEvent<E>): ProjectedEvent<E> => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  stream: e.stream,
  streamRevision: e.streamRevision,
  globalPosition: e.globalPosition,
  metadata: e.metadata,
});

/** The genesis link of every per-stream hash chain. */
export const GENESIS_HASH = '0'.repeat(64);
