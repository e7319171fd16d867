import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../domain/shared';
import type { AppendResult } from '../../../application/ports/event-store.port';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import type { EsdbAppendIntent, PreparedEvent } from './esdb-envelope';

/**
 * What EventStoreDB cannot hold: a unique index on command ids and on event ids. Both live in
 * PostgreSQL beside the read models (README "EventStoreDB mode").
 *
 * A command's row is written BEFORE its events go to EventStoreDB, with the exact events and the
 * exact revision they are pinned to (the intent). Whoever finds a pending row (a retry after a
 * crash, a concurrent duplicate) appends that same intent: EventStoreDB's idempotent-write check on
 * (event ids, exact expected revision) stores it once whoever gets there first, and refuses it
 * when the stream moved on without it, which proves the intent dead.
 */
export const ESDB_LEDGER_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_esdb_commands (
  command_id text PRIMARY KEY,
  token uuid NOT NULL,
  stream_id text NOT NULL,
  expected_revision bigint NOT NULL,
  intent jsonb NOT NULL,
  fingerprint text,
  revision bigint,
  positions text[],
  event_ids text[],
  reserved_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS cl_esdb_event_ids (
  event_id text PRIMARY KEY,
  command_id text
);
`;

export type LedgerRow = Readonly<{
  commandId: string;
  token: string;
  intent: EsdbAppendIntent;
  fingerprint: string | null;
  /** Null while the append is pending. */
  result: Omit<AppendResult, 'duplicate' | 'commandFingerprint'> | null;
}>;

type Row = {
  command_id: string;
  token: string;
  stream_id: string;
  expected_revision: string;
  intent: unknown;
  fingerprint: string | null;
  revision: string | null;
  positions: string[] | null;
  event_ids: string[] | null;
};

const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;

const duplicateEventId = (): ValidationError =>
  new ValidationError('an event id is already stored', [{ field: 'eventId', message: 'duplicate' }], 'STREAM.DUPLICATE_EVENT_ID');

export class EsdbCommandLedger {
  constructor(private readonly sql: SqlClient) {}

  async migrate(): Promise<void> {
    await this.sql.exec(ESDB_LEDGER_SCHEMA);
  }

  /** Claims the batch's event ids; a stored one refuses the whole batch. */
  async claimEventIds(events: readonly PreparedEvent[]): Promise<void> {
    await this.sql.transaction((tx) => this.insertEventIds(tx, events, null));
  }

  /** Reserves a command with its intent; null when the command id already has a row. */
  async reserve(commandId: string, intent: EsdbAppendIntent, fingerprint: string | undefined): Promise<string | null> {
    const token = randomUUID();
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ command_id: string }>(
        `INSERT INTO cl_esdb_commands (command_id, token, stream_id, expected_revision, intent, fingerprint)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
        [commandId, token, intent.stream, intent.expectedRevision.toString(), JSON.stringify(intent.events), fingerprint ?? null],
      );
      if (rows.length === 0) return null;
      await this.insertEventIds(tx, intent.events, commandId);
      return token;
    });
  }

  async complete(commandId: string, token: string, result: LedgerRow['result'] & object): Promise<void> {
    await this.sql.query(
      'UPDATE cl_esdb_commands SET revision = $3, positions = $4, event_ids = $5 WHERE command_id = $1 AND token = $2',
      [commandId, token, result.nextExpectedRevision.toString(), result.positions.map(String), [...result.eventIds]],
    );
  }

  /** Forgets an intent that can no longer land (its revision was taken) and frees its event ids. */
  async release(events: readonly PreparedEvent[], reservation?: Readonly<{ commandId: string; token: string }>): Promise<void> {
    await this.sql.transaction(async (tx) => {
      if (reservation !== undefined) {
        const { rows } = await tx.query(
          'DELETE FROM cl_esdb_commands WHERE command_id = $1 AND token = $2 AND revision IS NULL RETURNING command_id',
          [reservation.commandId, reservation.token],
        );
        if (rows.length === 0) return;
      }
      await tx.query('DELETE FROM cl_esdb_event_ids WHERE event_id = ANY($1::text[])', [events.map((e) => e.eventId.toLowerCase())]);
    });
  }

  async find(commandId: string): Promise<LedgerRow | null> {
    const { rows } = await this.sql.query<Row>(
      `SELECT command_id, token, stream_id, expected_revision, intent, fingerprint, revision, positions, event_ids
       FROM cl_esdb_commands WHERE command_id = $1`,
      [commandId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    const events = (typeof row.intent === 'string' ? JSON.parse(row.intent) : row.intent) as PreparedEvent[];
    return {
      commandId: row.command_id,
      token: row.token,
      intent: { stream: row.stream_id, expectedRevision: BigInt(row.expected_revision), events },
      fingerprint: row.fingerprint,
      result:
        row.revision === null
          ? null
          : {
              stream: row.stream_id,
              nextExpectedRevision: BigInt(row.revision),
              positions: (row.positions ?? []).map((p) => BigInt(p)),
              eventIds: row.event_ids ?? [],
            },
    };
  }

  private async insertEventIds(tx: SqlQueryable, events: readonly PreparedEvent[], commandId: string | null): Promise<void> {
    try {
      await tx.query('INSERT INTO cl_esdb_event_ids (event_id, command_id) SELECT unnest($1::text[]), $2', [
        events.map((e) => e.eventId.toLowerCase()),
        commandId,
      ]);
    } catch (error) {
      if (sqlState(error) === '23505') throw duplicateEventId();
      throw error;
    }
  }
}
