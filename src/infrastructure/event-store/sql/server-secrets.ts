import { randomBytes } from 'node:crypto';
import { envelopeHasher, type EnvelopeHasher, type NewEventScheme } from '../event-hash';
import type { SqlQueryable } from './sql-client';

/**
 * Secrets that must travel with the events (docs/architecture.md "The event envelope"): generated
 * once, in the database itself, so that every backup and every replica that holds the events also
 * holds what is needed to verify them. `event-commitments` derives the salts of the field
 * commitments; it hides withheld fields from readers of public bundles, who never see the
 * database, and is no integrity key (the signed tree is).
 */
export const SERVER_SECRETS_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_server_secrets (
  name text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

export type SecretName = 'event-commitments' | 'request-fingerprints';

const decode = (text: string | undefined): Uint8Array | undefined => {
  if (text === undefined) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32) throw new Error('a stored server secret is not 32 bytes of base64');
  return new Uint8Array(bytes);
};

/** The named secret, created on first use (concurrent first uses agree: the first insert wins). */
export const serverSecret = async (sql: SqlQueryable, name: SecretName): Promise<Uint8Array> => {
  await sql.query('INSERT INTO cl_server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64')]);
  const secret = await storedSecret(sql, name);
  if (secret === undefined) throw new Error(`server secret ${name} was not stored`);
  return secret;
};

/** The named secret if stored; verifiers read it without creating one. */
export const storedSecret = async (sql: SqlQueryable, name: SecretName): Promise<Uint8Array | undefined> => {
  const { rows } = await sql.query<{ secret: string }>('SELECT secret FROM cl_server_secrets WHERE name = $1', [name]);
  return decode(rows[0]?.secret);
};

/** The hasher appends use: the commitment secret created if need be. */
export const appendHasher = async (sql: SqlQueryable, scheme?: NewEventScheme): Promise<EnvelopeHasher> =>
  envelopeHasher(scheme === 'legacy' ? await storedSecret(sql, 'event-commitments') : await serverSecret(sql, 'event-commitments'), scheme);

/** The hasher verifiers use: an `sd-1` event cannot verify without the stored secret. */
export const verifyHasher = async (sql: SqlQueryable): Promise<EnvelopeHasher> => envelopeHasher(await storedSecret(sql, 'event-commitments'), 'legacy');
