/** The little the event store needs from a PostgreSQL connection: PostgreSQL (pg.Pool) or PGlite. */
export interface SqlClient {
  readonly dialect: 'postgres' | 'pglite';
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
