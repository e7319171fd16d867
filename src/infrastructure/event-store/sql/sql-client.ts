/** What the engine needs from a PostgreSQL session: PostgreSQL (pg.Pool) or embedded PGlite. */
export interface SqlQueryable {
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<{ rows: T[] }>;
}

export type QueryOptions = Readonly<{
  /**
   * A statement sent again and again with the same text, over tables whose shape only migrations
   * change, where a plan for any parameter values serves (an index lookup or range): the session
   * keeps it parsed. PostgreSQL: a named statement per connection, its name derived from the text
   * (postgres-sql-client.ts); embedded PGlite: a named prepared statement of its one session
   * (pglite-query.ts).
   */
  prepare?: boolean;
}>;

export interface SqlClient extends SqlQueryable {
  readonly dialect: 'postgres' | 'pglite';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one session; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
