import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { defer, from, mergeAll, type Observable } from 'rxjs';
import type { ConditionalInterceptor } from './conditional-interceptor';
import { IdempotentRefusalsInterceptor } from './idempotent-refusals.interceptor';
import { PublicRedactionInterceptor } from './public-redaction';
import { ProvenanceInterceptor } from './read-contract/provenance';
import { ReadYourWritesInterceptor } from './read-contract/read-your-writes.interceptor';
import { StreamEtagInterceptor } from './read-contract/stream-etag';

/** The interceptors of the HTTP contract, outermost first (the order they were registered in before). */
export const HTTP_CONTRACT_INTERCEPTORS = [
  PublicRedactionInterceptor,
  ReadYourWritesInterceptor,
  StreamEtagInterceptor,
  ProvenanceInterceptor,
  IdempotentRefusalsInterceptor,
] as const;

/** Runs `chain[i..]` around `next`, each one's `handle()` deferred to its subscription as Nest does. */
const around = (chain: readonly ConditionalInterceptor[], i: number, context: ExecutionContext, next: CallHandler): Observable<unknown> => {
  const interceptor = chain[i];
  if (interceptor === undefined) return next.handle();
  const inner: CallHandler = { handle: () => defer(() => around(chain, i + 1, context, next)) };
  const out = interceptor.intercept(context, inner);
  return out instanceof Promise ? from(out).pipe(mergeAll()) : out;
};

/**
 * The one global interceptor: the API's read contract (redaction of public views, read your
 * writes, stream ETag, provenance) and idempotent refusals, each applied where it applies, in the
 * order they always ran. Nest wraps every global interceptor around every request (a deferred
 * observable and an async resource each, ~5% of the CPU of a command): a command without an
 * Idempotency-Key now passes through one that finds nothing to do, and a GET through only those
 * that act on it.
 */
@Injectable()
export class HttpContractInterceptor implements NestInterceptor {
  private readonly all: readonly ConditionalInterceptor[];

  constructor(
    redaction: PublicRedactionInterceptor,
    readYourWrites: ReadYourWritesInterceptor,
    etag: StreamEtagInterceptor,
    provenance: ProvenanceInterceptor,
    refusals: IdempotentRefusalsInterceptor,
  ) {
    this.all = [redaction, readYourWrites, etag, provenance, refusals];
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const chain = this.all.filter((interceptor) => interceptor.appliesTo(context));
    return chain.length === 0 ? next.handle() : around(chain, 0, context, next);
  }
}
