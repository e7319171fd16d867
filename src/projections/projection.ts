import type { EventWithoutMetadata, ProjectedEvent } from '../domain/shared';

/** Provenance every projected row carries: the last event that changed it (docs/architecture.md "Reading: projections"). */
export type Provenance = {
  lastStream: string;
  /** bigint as decimal text, as PostgreSQL drivers return int8. */
  lastStreamRevision: string;
  lastGlobalPosition: string;
  lastEventId: string;
};

/**
 * The one provenance shape of nested entries (timeline entries, record entries, decisions) and of
 * the API: where it came from, positions and revisions as decimal text (they are 64-bit).
 */
export type EntryProvenance = Readonly<{ stream: string; streamRevision: string; globalPosition: string; eventId: string }>;

export const provenanceOf = (event: EventWithoutMetadata): EntryProvenance => ({
  stream: event.stream,
  streamRevision: event.streamRevision.toString(),
  globalPosition: event.globalPosition.toString(),
  eventId: event.eventId,
});

/** The row a fold works on: the entity without the provenance columns, which the runner fills. */
export type FoldRow<Entity> = Omit<Entity, keyof Provenance>;

/**
 * A versioned read model: a pure fold plus which events it reads and which row each touches.
 * `entity` is a TypeORM entity class extending `ProjectedRow` (provenance.entity.ts) with a
 * single-column primary key; its table name is the query name (a view over the active version).
 */
export type ProjectionDefinition<Entity extends Provenance = Provenance> = Readonly<{
  /** Stable name, kebab-case: `consultation-overview`. */
  name: string;
  /** Bump when the fold or the columns change: a new table is built beside the old one. */
  version: number;
  entity: new () => Entity;
  canHandle: readonly string[];
}> &
  ((FoldOf<Entity, ProjectedEvent> & Readonly<{ metadata?: true }>) | (FoldOf<Entity, EventWithoutMetadata> & Readonly<{ metadata: false }>));

/**
 * The fold, over events with their metadata (the default) or, when the definition says
 * `metadata: false`, without it: the runner then reads the pages only such folds may read without
 * the metadata column (~350 of ~620 bytes a row; bench/README.md "W3: pages without the metadata").
 */
type FoldOf<Entity extends Provenance, E> = Readonly<{
  /** The primary-key value of the row this event touches, or null to ignore the event. */
  key: (event: E) => string | null;
  /**
   * Pure, never throws; null deletes the row. Returning `row` unchanged leaves the row alone, except
   * that an event of the row's own stream still moves its provenance (so the provenance revision is
   * the stream's revision: the ETag of a one-stream resource).
   */
  evolve: (row: FoldRow<Entity> | null, event: E) => FoldRow<Entity> | null;
}>;

/** Whether the projection's fold reads event metadata (every one does unless it declares `metadata: false`). */
export const readsMetadata = (projection: Readonly<{ metadata?: boolean }>): boolean => projection.metadata !== false;

/** Identity helper that keeps the entity type for the fold. */
export const defineProjection = <Entity extends Provenance>(definition: ProjectionDefinition<Entity>): ProjectionDefinition<Entity> =>
  definition;

// The registry holds definitions of many entity types; the runner only needs the erased shape.
export type AnyProjection = ProjectionDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Physical table of one build of one version. Build 0 is the first; rebuilds count up. */
export const versionedTableName = (baseTable: string, version: number, build: number): string =>
  build === 0 ? `${baseTable}_v${version}` : `${baseTable}_v${version}_b${build}`;
