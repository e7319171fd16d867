export type QueryOptions = Readonly<{ prepare?: string }>;

/** What the engine needs from a PostgreSQL session: PostgreSQL (pg.Pool) or embedded PGlite. */
export interface SqlQueryable {
  /**
   * `prepare` names a statement the session may keep prepared (PostgreSQL: a named statement per
   * connection, parsed once; the same name must always carry the same text). A client may ignore it.
   */
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<{ rows: T[] }>;
}

export interface SqlClient extends SqlQueryable {
  readonly dialect: 'postgres' | 'pglite';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one session; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
