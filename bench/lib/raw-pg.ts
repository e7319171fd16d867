import { Pool } from 'pg';
import type { EventToAppend } from '../../src/application/ports/event-store.port';
import { resetDatabase } from './targets';

/**
 * The baseline: the same events INSERTed with plain SQL into a table whose only guard is a unique
 * (stream, revision) key. No hash chain, no stream table, no visibility rule, no idempotency.
 */
export const RAW_SCHEMA = `
CREATE TABLE raw_events (
  global_position bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  stream_revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT raw_events_stream_revision_key UNIQUE (stream_id, stream_revision)
);`;

const PLACEHOLDER_HASH = 'f'.repeat(64);
const COLUMNS = 'event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash';
const PER_ROW = 9;

export const rowValues = (stream: string, revision: number, event: EventToAppend): unknown[] => [
  event.eventId,
  stream,
  revision,
  event.type,
  event.schemaVersion,
  JSON.stringify(event.data),
  JSON.stringify(event.metadata),
  PLACEHOLDER_HASH,
  PLACEHOLDER_HASH,
];

const placeholders = (rows: number, perRow: number): string =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: perRow }, (_, c) => `$${r * perRow + c + 1}`).join(', ')})`).join(', ');

export type RawPg = Readonly<{
  pool: Pool;
  /** One event, one autocommit INSERT (= one transaction). Throws pg's 23505 on a revision clash. */
  insertOne(stream: string, revision: number, event: EventToAppend): Promise<void>;
  /** Multi-row INSERT in one statement. */
  insertMany(rows: readonly (readonly [string, number, EventToAppend])[]): Promise<void>;
  /**
   * Group commit: events that arrive while a flush is in flight wait and go together in the next
   * one (one multi-row autocommit INSERT, one flush at a time). Resolves once its flush committed.
   */
  insertGrouped(stream: string, revision: number, event: EventToAppend): Promise<void>;
  close(): Promise<void>;
}>;

export const openRawPg = async (url: string, poolSize: number): Promise<RawPg> => {
  await resetDatabase(url);
  const pool = new Pool({ connectionString: url, max: poolSize });
  await pool.query(RAW_SCHEMA);
  const insertSql = `INSERT INTO raw_events (${COLUMNS}) VALUES ${placeholders(1, PER_ROW)}`;
  const insertMany = async (rows: readonly (readonly [string, number, EventToAppend])[]): Promise<void> => {
    if (rows.length === 0) return;
    const params = rows.flatMap(([stream, revision, event]) => rowValues(stream, revision, event));
    await pool.query(`INSERT INTO raw_events (${COLUMNS}) VALUES ${placeholders(rows.length, PER_ROW)}`, params);
  };
  type Waiting = { row: readonly [string, number, EventToAppend]; done: (error?: unknown) => void };
  let queue: Waiting[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const error = await insertMany(batch.map((w) => w.row)).then(
        () => undefined,
        (e: unknown) => e ?? new Error('group insert failed'),
      );
      for (const waiting of batch) waiting.done(error);
    }
    flushing = false;
  };
  return {
    pool,
    insertOne: async (stream, revision, event) => {
      await pool.query(insertSql, rowValues(stream, revision, event));
    },
    insertMany,
    insertGrouped: (stream, revision, event) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ row: [stream, revision, event], done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!flushing) void flush();
      }),
    close: () => pool.end(),
  };
};

export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
