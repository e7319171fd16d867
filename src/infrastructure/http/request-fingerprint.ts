import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AppConfig } from '../config/app-config';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { serverSecret } from '../event-store/sql/server-secrets';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { pathOf } from './http-types';

/** A write request with its fingerprint, set by IdempotentRefusalsGuard for CommandRequestFrom. */
export type FingerprintedRequest = AuthenticatedRequest & { fingerprint?: string };

/**
 * REQUEST_FINGERPRINT_KEY (config.keys.requestFingerprint, checked by loadConfig), when configured:
 * kept outside the database, so that a copy of the database alone cannot test guesses against the
 * fingerprints; otherwise the key generated once and kept in the database (cl_server_secrets), so
 * it survives restarts.
 */
export const fingerprintKey = async (config: Pick<AppConfig, 'keys'>, sql: SqlQueryable): Promise<KeyObject> => {
  const configured = config.keys.requestFingerprint;
  // A KeyObject: createHmac would otherwise import the raw key again for every request.
  return createSecretKey(configured === undefined ? await serverSecret(sql, 'request-fingerprints') : Buffer.from(configured, 'base64'));
};

/**
 * What binds an Idempotency-Key to its request (cl_commands.fingerprint, cl_command_refusals): an
 * HMAC-SHA256 under the server's key of the RFC 8785 JSON of method, path, actor and body. Keyed,
 * because a body may hold a phone or ID-card number that a plain hash would let anyone with the
 * table guess back, also after the person was erased.
 */
export const requestFingerprint = (key: KeyObject, request: AuthenticatedRequest): string =>
  createHmac('sha256', key).update(canonicalRequest(request), 'utf8').digest('hex');

/**
 * The RFC 8785 JSON of `{ method, path, actor, body }`, written out in its key order (actor, body,
 * method, path) around the body's canonical JSON: the same text canonicalize gives for the object
 * (test/infrastructure/request-fingerprint.spec.ts compares them), without its generic walk and
 * sort of the outer object on every command.
 */
const canonicalRequest = (request: AuthenticatedRequest): string => {
  const path = pathOf(request.originalUrl);
  const actor = request.actor?.actorId ?? null;
  return `{"actor":${JSON.stringify(actor)},"body":${canonicalize(request.body ?? null) ?? ''},"method":${JSON.stringify(request.method)},"path":${JSON.stringify(path)}}`;
};
