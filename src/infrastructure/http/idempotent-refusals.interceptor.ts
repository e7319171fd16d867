import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { CommandIdReusedError } from '../../application/command-handling/handle-command';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../../application/command-handling/tokens';
import type { AppConfig } from '../config/app-config';
import type { EventStore } from '../../application/ports/event-store.port';
import { DomainError, type DomainErrorKind } from '../../domain/shared';
import { findRefusal, recordRefusal, RefusalReplayed } from '../event-store/sql/command-refusals';
import type { SqlClient } from '../event-store/sql/sql-client';
import { header } from './command-request.decorator';
import type { ConditionalInterceptor } from './conditional-interceptor';
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
 */
const RECORDED_KINDS: ReadonlySet<DomainErrorKind> = new Set<DomainErrorKind>(['not_found', 'illegal_state', 'unprocessable']);

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

@Injectable()
export class IdempotentRefusalsInterceptor implements ConditionalInterceptor {
  private fingerprintKey: Promise<KeyObject> | undefined;
  /** The key once read: a command then gets its fingerprint without waiting on the promise. */
  private secret: KeyObject | undefined;

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

  /** A write by an authenticated caller: every command carries its fingerprint, keyed or not. */
  appliesTo(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<FingerprintedRequest>();
    return WRITES.has(request.method) && request.actor !== undefined;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.appliesTo(context)) return next.handle();
    const request = context.switchToHttp().getRequest<FingerprintedRequest>();
    const key = header(request, 'idempotency-key');
    const fingerprinted = (secret: KeyObject): Observable<unknown> => {
      // Every command carries its fingerprint into the ledger (CommandRequestFrom reads it here).
      const fingerprint = requestFingerprint(secret, request);
      request.fingerprint = fingerprint;
      return key === undefined ? next.handle() : this.bound(key, fingerprint, next);
    };
    return this.secret !== undefined ? fingerprinted(this.secret) : from(this.key()).pipe(mergeMap(fingerprinted));
  }

  private bound(key: string, fingerprint: string, next: CallHandler): Observable<unknown> {
    return from(findRefusal(this.sql, key)).pipe(
      mergeMap((earlier) => {
        if (earlier !== null) throw earlier.fingerprint === fingerprint ? new RefusalReplayed(earlier.refusal) : new CommandIdReusedError(key);
        return next.handle().pipe(
          catchError((error: unknown) => {
            if (!(error instanceof DomainError) || !RECORDED_KINDS.has(error.kind) || error instanceof CommandIdReusedError) throw error;
            return from(this.bindRefusal(key, fingerprint, error)).pipe(mergeMap(() => { throw error; }));
          }),
        );
      }),
    );
  }

  /** Records the refusal unless the key is already bound to an accepted request (then another body is 422). */
  private async bindRefusal(key: string, fingerprint: string, error: DomainError): Promise<void> {
    const accepted = await this.eventStore.findCommand(key);
    if (accepted === null) return recordRefusal(this.sql, key, fingerprint, error);
    if (accepted.commandFingerprint !== undefined && accepted.commandFingerprint !== fingerprint) throw new CommandIdReusedError(key);
  }
}
