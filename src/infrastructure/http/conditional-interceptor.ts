import { RequestMethod, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';

/** A controller route as declared: its handler (the prototype method), its controller and its verb. */
export type DeclaredRoute = Readonly<{ handler: Function; controller: Type<unknown>; method: RequestMethod }>;

/** An interceptor that tells, before it runs, whether it would do anything for this request (see HttpContractInterceptor). */
export interface ConditionalInterceptor extends NestInterceptor {
  /** False when `intercept` would only pass the request on (it still checks that itself). */
  appliesTo(context: ExecutionContext): boolean;
  /** False when no request of this route can make `appliesTo` true (the route then goes without the interceptor). */
  mayApplyToRoute(route: DeclaredRoute): boolean;
}

/** Whether a GET request can reach the route (declared as GET or for every verb). */
export const servesGet = (route: DeclaredRoute): boolean => route.method === RequestMethod.GET || route.method === RequestMethod.ALL;
