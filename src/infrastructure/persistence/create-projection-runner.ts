import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '../../domain/shared';
import type { AnyProjection } from '../../projections/projection';
import type { EventFeed } from '../../projections/projection-ports';
import { ProjectionRunner } from '../../projections/projection-runner';
import type { SqlClient } from '../event-store/sql/sql-client';
import { createProjectionLocks } from './projection-locks';

/** Wires a runner to the storage: the right locks for the dialect, the store as its feed. */
export const createProjectionRunner = (
  storage: Readonly<{ sql: SqlClient; eventStore: EventFeed }>,
  dataSource: DataSource,
  projections: readonly AnyProjection[],
  options: Readonly<{
    batchSize?: number;
    pollIntervalMs?: number;
    concurrency?: number;
    upcast?: (event: RecordedEvent) => RecordedEvent;
    onError?: (error: unknown, projection: string) => void;
  }> = {},
): ProjectionRunner =>
  new ProjectionRunner({
    sql: storage.sql,
    feed: storage.eventStore,
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
