import { UnauthorizedException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from './http-types';
import { ValidationError } from '../../domain/shared';
import type { CommandRequest } from '../../application/command-handling/command-request';
import { uuidV7IdGenerator } from '../serialization/uuid-v7-id-generator';
import type { FingerprintedRequest } from './request-fingerprint';

const KEY = /^[\x21-\x7e]{1,200}$/;
const REVISION = /^(?:W\/)?"?(\d{1,18})"?$/;
/** ISO 8601 date-time with an explicit offset (docs/architecture.md "Time"). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Everything a command needs from the HTTP request, for the controller to hand to the command:
 * actor and roles from the verified token, `Idempotency-Key` (or a new UUIDv7) as commandId,
 * `X-Correlation-Id`, `X-Causation-Id` (default: the command id), `If-Match` as expected revision
 * and the body's `occurredAt`. Bad headers are a 400 naming the header.
 */
export const CommandRequestFrom = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandRequest => {
  const request = ctx.switchToHttp().getRequest<FingerprintedRequest>();
  if (request.actor === undefined) throw new UnauthorizedException('a bearer token is required');
  const problems: { field: string; message: string }[] = [];
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !KEY.test(key)) problems.push({ field: 'Idempotency-Key', message: 'must be 1-200 visible ASCII characters' });
  const causation = header(request, 'x-causation-id');
  if (causation !== undefined && !KEY.test(causation)) problems.push({ field: 'X-Causation-Id', message: 'must be 1-200 visible ASCII characters' });
  const ifMatch = header(request, 'if-match');
  const revision = ifMatch === undefined ? undefined : REVISION.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && revision === undefined) problems.push({ field: 'If-Match', message: 'must be an ETag of this API, e.g. "3"' });
  const body: unknown = request.body;
  const rawOccurredAt = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['occurredAt'] : undefined;
  let occurredAt: Date | undefined;
  // A malformed occurredAt is reported by the body's validation (CommandRequestDto), with the other fields.
  if (typeof rawOccurredAt === 'string' && ISO_WITH_OFFSET.test(rawOccurredAt)) {
    const parsed = new Date(rawOccurredAt);
    if (!Number.isNaN(parsed.getTime())) occurredAt = parsed;
  }
  if (problems.length > 0) throw new ValidationError('the request has invalid headers or fields', problems);
  const commandId = key ?? uuidV7IdGenerator.newId();
  return {
    actorId: request.actor.actorId,
    actorRoles: request.actor.roles,
    commandId,
    correlationId: request.id,
    causationId: causation ?? commandId,
    ...(revision === undefined ? {} : { expectedRevision: BigInt(revision) }),
    ...(occurredAt === undefined ? {} : { occurredAt }),
    ...(request.fingerprint === undefined ? {} : { fingerprint: request.fingerprint }),
  };
});
