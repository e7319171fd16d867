import { DomainError, type DomainErrorKind } from '../../../domain/shared';
import type { SqlClient, SqlQueryable } from './sql-client';

/**
 * The side table binding an Idempotency-Key to its refused first request (the command ledger,
 * cl_commands or cl_esdb_commands, binds it to an accepted one). It lives in the SQL store of every
 * mode: PostgreSQL, PGlite, and the PostgreSQL database beside EventStoreDB.
 */
export const COMMAND_REFUSALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_command_refusals (
  command_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  refusal     jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);`;

export type Refusal = Readonly<{ kind: DomainErrorKind; code: string; message: string; rule?: string }>;

/** A refusal answered again from the side table, as first answered. */
export class RefusalReplayed extends DomainError {
  readonly kind: DomainErrorKind;
  readonly code: string;
  constructor(refusal: Refusal) {
    super(refusal.message, refusal.rule === undefined ? {} : { rule: refusal.rule });
    this.kind = refusal.kind;
    this.code = refusal.code;
  }
}

export const migrateCommandRefusals = (sql: Pick<SqlClient, 'exec'>): Promise<void> => sql.exec(COMMAND_REFUSALS_SCHEMA);

export const findRefusal = async (sql: SqlQueryable, commandId: string): Promise<{ fingerprint: string; refusal: Refusal } | null> => {
  const { rows } = await sql.query<{ fingerprint: string; refusal: Refusal | string }>('SELECT fingerprint, refusal FROM cl_command_refusals WHERE command_id = $1', [commandId]);
  const row = rows[0];
  if (row === undefined) return null;
  return { fingerprint: row.fingerprint, refusal: typeof row.refusal === 'string' ? (JSON.parse(row.refusal) as Refusal) : row.refusal };
};

/** The first refusal of a key wins (a concurrent twin's refusal is the same decision). */
export const recordRefusal = async (sql: SqlQueryable, commandId: string, fingerprint: string, error: DomainError): Promise<void> => {
  const refusal: Refusal = { kind: error.kind, code: error.code, message: error.message, ...(error.rule === undefined ? {} : { rule: error.rule }) };
  await sql.query('INSERT INTO cl_command_refusals (command_id, fingerprint, refusal) VALUES ($1, $2, $3::jsonb) ON CONFLICT (command_id) DO NOTHING', [commandId, fingerprint, JSON.stringify(refusal)]);
};

