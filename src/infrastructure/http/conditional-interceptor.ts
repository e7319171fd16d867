import type { ExecutionContext, NestInterceptor } from '@nestjs/common';

/** An interceptor that tells, before it runs, whether it would do anything for this request (see HttpContractInterceptor). */
export interface ConditionalInterceptor extends NestInterceptor {
  /** False when `intercept` would only pass the request on (it still checks that itself). */
  appliesTo(context: ExecutionContext): boolean;
}
