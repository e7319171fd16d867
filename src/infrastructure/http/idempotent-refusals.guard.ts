import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from './http-types';
import { CommandIdReusedError } from '../../application/command-handling/handle-command';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../../application/command-handling/tokens';
import type { AppConfig } from '../config/app-config';
import type { EventStore } from '../../application/ports/event-store.port';
import { DomainError, type DomainErrorKind } from '../../domain/shared';
import { findRefusal, recordRefusal, RefusalReplayed } from '../event-store/sql/command-refusals';
import type { SqlClient } from '../event-store/sql/sql-client';
import { header } from './command-request.decorator';
import { fingerprintKey, requestFingerprint, type FingerprintedRequest } from './request-fingerprint';

/**
 * Idempotency-Key bound to its first request, refusals included (IETF httpapi
 * draft-ietf-httpapi-idempotency-key-header; docs/api.md "Writes"). The command ledger (cl_commands,
 * or cl_esdb_commands over EventStoreDB) binds a key to an accepted request; this side table binds it
 * to a refused one: the same key with the same request gets the same problem again, without deciding
 * again; with another request, 422 IDEMPOTENCY.KEY_REUSED.
 *
 * Recorded: refusals of the request as decided (404 unknown id, 409 state, 422 rule). Not recorded,
 * so the key stays free: 400 (the request never became a command), 401/403 (identity and
 * permission), 412 and a lost race (the stream moved; retry with the same key), 5xx and 503 (the
 * service's fault; retry with the same key). The table lives in the SQL store of every mode
 * (PostgreSQL, PGlite, and the PostgreSQL database beside EventStoreDB), so the paths agree.
 *
 * A guard and the exception filter rather than an interceptor: Nest runs an interceptor's rxjs
 * chain and two async resources around every request of its routes, with or without a key, and
 * that was ~10% of the CPU of a command. The guard runs after AuthGuard (registered after it) and
 * before the pipes, where the interceptor ran; the filter records what the handler refused.
 */
const RECORDED_KINDS: ReadonlySet<DomainErrorKind> = new Set<DomainErrorKind>(['not_found', 'illegal_state', 'unprocessable']);

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Binding = Readonly<{ key: string; fingerprint: string }>;

@Injectable()
export class IdempotentRefusalsGuard implements CanActivate {
  private fingerprintKey: Promise<KeyObject> | undefined;
  /** The key once read: a command then gets its fingerprint without waiting on the promise. */
  private secret: KeyObject | undefined;
  /** Keyed requests that passed the check: a refusal the handler throws for one of them is recorded. */
  private readonly bindings = new WeakMap<HttpRequest, Binding>();

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The fingerprint key (a malformed REQUEST_FINGERPRINT_KEY already stopped loadConfig), read once (a failed read, e.g. the database down, is tried again). */
  private key(): Promise<KeyObject> {
    this.fingerprintKey ??= fingerprintKey(this.config, this.sql).then(
      (secret) => (this.secret = secret),
      (error: unknown) => {
        this.fingerprintKey = undefined;
        throw error;
      },
    );
    return this.fingerprintKey;
  }

  /**
   * A write by an authenticated caller: every command carries its fingerprint, keyed or not. With
   * an Idempotency-Key bound to an earlier refusal: the same problem again (same request) or 422.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FingerprintedRequest>();
    if (!WRITES.has(request.method) || request.actor === undefined) return true;
    const key = header(request, 'idempotency-key');
    const fingerprinted = (secret: KeyObject): boolean | Promise<boolean> => {
      // Every command carries its fingerprint into the ledger (CommandRequestFrom reads it here).
      const fingerprint = requestFingerprint(secret, request);
      request.fingerprint = fingerprint;
      return key === undefined ? true : this.check(request, { key, fingerprint });
    };
    return this.secret !== undefined ? fingerprinted(this.secret) : this.key().then(fingerprinted);
  }

  private async check(request: HttpRequest, binding: Binding): Promise<boolean> {
    const earlier = await findRefusal(this.sql, binding.key);
    if (earlier !== null) throw earlier.fingerprint === binding.fingerprint ? new RefusalReplayed(earlier.refusal) : new CommandIdReusedError(binding.key);
    this.bindings.set(request, binding);
    return true;
  }

  /**
   * For the exception filter: undefined when `error` is not a refusal to record for `request`;
   * otherwise the refusal is recorded first and the promise gives the error to answer with (the
   * refusal itself, 422 when the key is bound to another accepted request, or the recording's failure).
   */
  recordRefusal(request: HttpRequest, error: unknown): Promise<unknown> | undefined {
    const binding = this.bindings.get(request);
    if (binding === undefined || !(error instanceof DomainError) || !RECORDED_KINDS.has(error.kind) || error instanceof CommandIdReusedError) return undefined;
    return this.bindRefusal(binding, error).then(
      () => error,
      (failure: unknown) => failure,
    );
  }

  /** Records the refusal unless the key is already bound to an accepted request (then another body is 422). */
  private async bindRefusal({ key, fingerprint }: Binding, error: DomainError): Promise<void> {
    const accepted = await this.eventStore.findCommand(key);
    if (accepted === null) return recordRefusal(this.sql, key, fingerprint, error);
    if (accepted.commandFingerprint !== undefined && accepted.commandFingerprint !== fingerprint) throw new CommandIdReusedError(key);
  }
}
