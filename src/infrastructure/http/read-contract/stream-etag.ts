import { Injectable, SetMetadata, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpReply } from '../http-types';
import { map, type Observable } from 'rxjs';
import type { ConditionalInterceptor, DeclaredRoute } from '../conditional-interceptor';

export const STREAM_RESOURCE = 'civic-ledger:stream-resource';

/**
 * A GET of a resource that is one stream: answers `ETag: "<stream revision>"` (the revision of the
 * last event of that stream the read model applied, from the body's `provenance.streamRevision`),
 * usable as `If-Match` on the stream's next step. The OpenAPI document shows the header.
 */
export const StreamResource = (): MethodDecorator => SetMetadata(STREAM_RESOURCE, true);

/** Sets the ETag of @StreamResource routes (through HttpContractInterceptor). */
@Injectable()
export class StreamEtagInterceptor implements ConditionalInterceptor {
  constructor(private readonly reflector: Reflector) {}

  appliesTo(context: ExecutionContext): boolean {
    return context.getType() === 'http' && this.reflector.get<boolean>(STREAM_RESOURCE, context.getHandler()) === true;
  }

  mayApplyToRoute(route: DeclaredRoute): boolean {
    return this.reflector.get<boolean>(STREAM_RESOURCE, route.handler) === true;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.appliesTo(context)) return next.handle();
    const response = context.switchToHttp().getResponse<HttpReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { provenance?: { streamRevision?: unknown } } | null)?.provenance?.streamRevision;
        if (typeof revision === 'string' && !response.sent) response.header('ETag', `"${revision}"`);
        return body;
      }),
    );
  }
}
