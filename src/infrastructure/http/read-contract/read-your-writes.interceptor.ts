import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest, HttpReply } from '../http-types';
import type { Observable } from 'rxjs';
import { APP_CONFIG, PROJECTION_RUNNER } from '../../../application/command-handling/tokens';
import { ValidationError } from '../../../domain/shared';
import type { ProjectionRunner } from '../../../projections/projection-runner';
import type { AppConfig } from '../../config/app-config';
import { servesGet, type ConditionalInterceptor, type DeclaredRoute } from '../conditional-interceptor';

/** Query parameter and header a reader sends with the `globalPosition` of its write. */
export const MIN_POSITION_QUERY = 'minPosition';
export const MIN_POSITION_HEADER = 'X-Min-Position';
export const LAGGING_CODE = 'READ_MODEL.LAGGING';
const POSITION = /^\d{1,19}$/;
const POLL_MS = 10;

const positionOf = (raw: unknown, field: string): bigint | undefined => {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !POSITION.test(raw)) {
    throw new ValidationError('the minimum position is not a global position', [{ field, message: `${field} must be a global position (decimal digits), e.g. the globalPosition of a 201` }]);
  }
  return BigInt(raw);
};

/** The highest of `?minPosition=` and `X-Min-Position` (either may be sent). */
export const minPositionOf = (request: HttpRequest): bigint | undefined => {
  const fromQuery = positionOf((request.query as Record<string, unknown> | undefined)?.[MIN_POSITION_QUERY], MIN_POSITION_QUERY);
  const fromHeader = positionOf(request.headers[MIN_POSITION_HEADER.toLowerCase()], MIN_POSITION_HEADER);
  if (fromQuery === undefined) return fromHeader;
  if (fromHeader === undefined) return fromQuery;
  return fromQuery > fromHeader ? fromQuery : fromHeader;
};

/**
 * Read your writes, for every GET under the API: with a minimum position (`?minPosition=` or
 * `X-Min-Position`), the read waits until every read model has applied that global position, for
 * at most READ_WAIT_MS; past that it answers 503 READ_MODEL.LAGGING with Retry-After, never stale
 * data. A position beyond the last stored event is a 400. Put on every GET route
 * (attachHttpContract), so every read controller, of every procedure, gets it.
 */
@Injectable()
export class ReadYourWritesInterceptor implements ConditionalInterceptor {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  appliesTo(context: ExecutionContext): boolean {
    return context.getType() === 'http' && context.switchToHttp().getRequest<HttpRequest>().method === 'GET';
  }

  mayApplyToRoute(route: DeclaredRoute): boolean {
    return servesGet(route);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.appliesTo(context)) return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const min = minPositionOf(request);
    if (min !== undefined) await this.waitFor(min, context.switchToHttp().getResponse<HttpReply>());
    return next.handle();
  }

  private async waitFor(min: bigint, response: HttpReply): Promise<void> {
    const deadline = Date.now() + this.config.readWaitMs;
    let checkedHead = false;
    for (;;) {
      const applied = await this.runner.appliedPosition();
      if (applied >= min) return;
      if (!checkedHead) {
        checkedHead = true;
        const head = await this.runner.headPosition();
        if (min > head) {
          throw new ValidationError('no event has been stored at that position yet', [{ field: MIN_POSITION_QUERY, message: `position ${min} is beyond the last stored event (${head})` }]);
        }
      }
      if (Date.now() >= deadline) {
        response.header('Retry-After', '1');
        throw new HttpException(
          { code: LAGGING_CODE, message: `the read models have applied position ${applied}, not yet ${min}; retry shortly (waited ${this.config.readWaitMs} ms)` },
          503,
        );
      }
      this.runner.poke();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
