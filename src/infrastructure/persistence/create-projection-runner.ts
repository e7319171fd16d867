import type { DataSource } from 'typeorm';
import type { ProjectedEvent } from '../../domain/shared';
import type { AnyProjection } from '../../projections/projection';
import type { EventFeed } from '../../projections/projection-ports';
import { ProjectionRunner } from '../../projections/projection-runner';
import type { SqlClient } from '../event-store/sql/sql-client';
import { SqlEventStore } from '../event-store/sql/sql-event-store';
import { createProjectionLocks } from './projection-locks';

/**
 * The runner's feed over a store: on the SQL store, pages without the hash-chain links (no fold
 * reads them), and without the metadata when the runner asks (no fold that reads it may read the page);
 * any other feed as it is.
 */
export const projectionFeedOf = (eventStore: EventFeed): EventFeed =>
  eventStore instanceof SqlEventStore
    ? {
        // Typed as the port's ProjectedEvent: asked without metadata only for folds typed without it.
        readAll: (options) =>
          options.metadata === false ? (eventStore.readAllWithoutMetadata(options) as Promise<readonly ProjectedEvent[]>) : eventStore.readAllProjected(options),
        headPosition: () => eventStore.headPosition(),
      }
    : eventStore;

/** Wires a runner to the storage: the right locks for the dialect, the store's projection feed. */
export const createProjectionRunner = (
  storage: Readonly<{ sql: SqlClient; eventStore: EventFeed }>,
  dataSource: DataSource,
  projections: readonly AnyProjection[],
  options: Readonly<{
    batchSize?: number;
    pollIntervalMs?: number;
    concurrency?: number;
    upcast?: (event: ProjectedEvent) => ProjectedEvent;
    onError?: (error: unknown, projection: string) => void;
  }> = {},
): ProjectionRunner =>
  new ProjectionRunner({
    sql: storage.sql,
    feed: projectionFeedOf(storage.eventStore),
    dataSource,
    projections,
    locks: createProjectionLocks(storage.sql),
    // Bigger batches are faster on PostgreSQL; on PGlite a batch holds the one session, so appends
    // wait for it: keep those short.
    batchSize: options.batchSize ?? (storage.sql.dialect === 'postgres' ? 2000 : 500),
    // PGlite runs one statement at a time anyway; on PostgreSQL three projections step at once
    // (a pass over 19 read models was 19 sequential round trips or more), within a pool of 10.
    concurrency: options.concurrency ?? (storage.sql.dialect === 'postgres' ? 3 : 1),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.upcast === undefined ? {} : { upcast: options.upcast }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
