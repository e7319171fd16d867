import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ConfigError } from '../config/app-config';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { serverSecret } from '../event-store/sql/server-secrets';
import type { SqlQueryable } from '../event-store/sql/sql-client';

type Env = Readonly<Record<string, string | undefined>>;

/** A write request with its fingerprint, set by IdempotentRefusalsInterceptor for CommandRequestFrom. */
export type FingerprintedRequest = AuthenticatedRequest & { fingerprint?: string };

/**
 * REQUEST_FINGERPRINT_KEY (base64 of 32 bytes), when configured: kept outside the database, so that
 * a copy of the database alone cannot test guesses against the fingerprints. Undefined when not set.
 */
export const configuredFingerprintKey = (env: Env): Uint8Array | undefined => {
  const raw = env['REQUEST_FINGERPRINT_KEY']?.trim();
  if (raw === undefined || raw === '') return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64') !== raw) throw new ConfigError(['REQUEST_FINGERPRINT_KEY: expected the base64 of 32 random bytes']);
  return new Uint8Array(key);
};

/** The configured key, or the one generated once and kept in the database (cl_server_secrets), so it survives restarts. */
export const fingerprintKey = async (env: Env, sql: SqlQueryable): Promise<Uint8Array> => configuredFingerprintKey(env) ?? serverSecret(sql, 'request-fingerprints');

/**
 * What binds an Idempotency-Key to its request (cl_commands.fingerprint, cl_command_refusals): an
 * HMAC-SHA256 under the server's key of the RFC 8785 JSON of method, path, actor and body. Keyed,
 * because a body may hold a phone or ID-card number that a plain hash would let anyone with the
 * table guess back, also after the person was erased.
 */
export const requestFingerprint = (key: Uint8Array, request: AuthenticatedRequest): string => {
  const canonical = canonicalize({
    method: request.method,
    path: request.originalUrl.split('?')[0],
    actor: request.actor?.actorId ?? null,
    body: request.body ?? null,
  });
  return createHmac('sha256', key).update(canonical ?? '', 'utf8').digest('hex');
};
