import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { defer, from, mergeAll, type Observable } from 'rxjs';
import type { ConditionalInterceptor, DeclaredRoute } from './conditional-interceptor';
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
 * The interceptor of the API's read contract (redaction of public views, read your writes, stream
 * ETag, provenance), each applied where it applies, in the order they always ran. It is not
 * global: Nest wraps every interceptor of a route around each of its requests (a deferred
 * observable and two async resources, ~5% of the CPU of a command, more with the rxjs around
 * them), so attachHttpContract puts it only on the routes where one of them may act (every GET,
 * public routes, stream resources); a command runs without any interceptor.
 */
@Injectable()
export class HttpContractInterceptor implements NestInterceptor {
  private readonly all: readonly ConditionalInterceptor[];

  constructor(redaction: PublicRedactionInterceptor, readYourWrites: ReadYourWritesInterceptor, etag: StreamEtagInterceptor, provenance: ProvenanceInterceptor) {
    this.all = [redaction, readYourWrites, etag, provenance];
  }

  /** Whether a request of `route` may need one of them. */
  mayApplyToRoute(route: DeclaredRoute): boolean {
    return this.all.some((interceptor) => interceptor.mayApplyToRoute(route));
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const chain = this.all.filter((interceptor) => interceptor.appliesTo(context));
    return chain.length === 0 ? next.handle() : around(chain, 0, context, next);
  }
}
