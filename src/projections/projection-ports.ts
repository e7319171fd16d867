import type { ProjectedEvent } from '../domain/shared';

/**
 * What the read side needs from the outside world, declared here so that `src/projections` depends on
 * nothing outside the domain: infrastructure implements these ports (the SQL clients for PostgreSQL and
 * PGlite, the SQL event store) and hands them to the runner.
 */

/** One PostgreSQL session or pool: parameterised queries. */
export interface ProjectionSqlQueryable {
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

/** The database the read models live in. */
export interface ProjectionSql extends ProjectionSqlQueryable {
  readonly dialect: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one session; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: ProjectionSqlQueryable) => Promise<T>): Promise<T>;
}

/**
 * The part of the event store the runner reads: every EventStore satisfies it as is (its events carry more).
 * With `metadata: false` a feed may leave the events' metadata out (any feed may also keep it): the
 * runner asks so only for pages that no fold reading the metadata may read (folds that declare
 * `metadata: false`, and the upcasters, are typed without it).
 */
export interface EventFeed {
  readAll(
    options: Readonly<{ after: bigint; limit: number; filter?: Readonly<{ types?: readonly string[] }>; metadata?: false }>,
  ): Promise<readonly ProjectedEvent[]>;
  headPosition(): Promise<bigint>;
}
