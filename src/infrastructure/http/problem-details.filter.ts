import { BadRequestException, Catch, HttpException, HttpStatus, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ConcurrencyError, DomainError, ValidationError, type DomainErrorKind } from '../../domain/shared';
import { IdempotentRefusalsGuard } from './idempotent-refusals.guard';
import { pathOf, type HttpReply, type HttpRequest } from './http-types';
import { MalformedJsonError } from './request-body';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS, STORE_UNAVAILABLE_CODE, STORE_UNAVAILABLE_DETAIL } from './store-unavailable';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';
import { requestLogger } from '../observability/request-log';

/** The one mapping from a problem's kind to its HTTP status (README "HTTP API conventions", docs/errors.md). */
export const STATUS: Readonly<Record<DomainErrorKind, number>> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  illegal_state: 409,
  concurrency: 409,
  unprocessable: 422,
};

/** Codes the HTTP edge answers for problems that are not domain errors (routing, parsing, authentication). */
export const HTTP_CODES: Readonly<Record<number, string>> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  406: 'HTTP.NOT_ACCEPTABLE',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
};

/** The one exception filter: every error becomes RFC 9457 application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  /** Without it (unit tests of the mapping), no refusal is recorded. */
  constructor(@Optional() private readonly refusals?: IdempotentRefusalsGuard) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpReply>();
    // A refusal of a keyed command is recorded before it is answered (IdempotentRefusalsGuard).
    const recording = this.refusals?.recordRefusal(request, exception);
    if (recording === undefined) this.answer(exception, request, response);
    else void recording.then((answer) => this.answer(answer, request, response)).catch((error: unknown) => this.logError(request, error));
  }

  /** A failure of the service, logged with the request's bindings (its correlation id) when it has its logger. */
  private logError(request: HttpRequest, error: unknown): void {
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    const log = requestLogger(request);
    if (log === undefined) this.logger.error(message);
    else log.error({ context: 'ProblemDetails' }, message);
  }

  private answer(exception: unknown, request: HttpRequest, response: HttpReply): void {
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) this.logError(request, exception);
    if (response.sent || response.raw.headersSent) return;
    if (problem.status === 401) response.header('WWW-Authenticate', 'Bearer');
    if (problem.status === 503 && !response.hasHeader('Retry-After')) response.header('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: HttpRequest): ProblemDetails {
    const instance = request.originalUrl ?? request.url;
    const build = (status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails => ({
      type: problemType(code),
      title: titleOf(status),
      status,
      detail,
      code,
      ...extra,
      instance,
    });
    if (exception instanceof DomainError) {
      let status = STATUS[exception.kind];
      // An If-Match the stream no longer matches is a failed precondition; a race without one is a conflict.
      if (exception instanceof ConcurrencyError && request.headers['if-match'] !== undefined) status = 412;
      return build(status, exception.code, exception.message, {
        ...(exception.rule === undefined ? {} : { rule: exception.rule }),
        ...(exception instanceof ValidationError && exception.fields.length > 0 ? { errors: [...exception.fields] } : {}),
        ...(exception instanceof ConcurrencyError ? { currentRevision: Number(exception.actual) } : {}),
      });
    }
    if (exception instanceof MalformedJsonError) return build(400, 'HTTP.MALFORMED_JSON', exception.message);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const structured = typeof body === 'object' && body !== null;
      const message = structured && 'message' in body ? (body as { message: unknown }).message : structured ? exception.message : body;
      const detail = exception.constructor.name === 'NotFoundException' && /^Cannot /.test(String(message))
        ? `no route ${request.method} ${pathOf(instance)}`
        : Array.isArray(message) ? message.join('; ') : String(message);
      // Structured bodies without a message (e.g. a failed health check) travel as an extension.
      const ownCode = structured && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : undefined;
      return build(status, ownCode ?? HTTP_CODES[status] ?? `HTTP.${status}`, detail, structured && !('message' in body) ? { details: body } : {});
    }
    if (isStoreUnavailable(exception)) return build(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE_CODE, STORE_UNAVAILABLE_DETAIL);
    return build(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL.UNEXPECTED', 'an unexpected error occurred; it has been logged');
  }
}

const titleOf = (status: number): string => {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    412: 'Precondition Failed',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
};

/**
 * Fastify's `frameworkErrors`: what it refuses before routing (a URL it cannot decode, `%FF`) is
 * answered by the same filter, 400 HTTP.BAD_REQUEST problem+json, not Fastify's own JSON.
 */
export const answerFrameworkError = (error: Error, request: unknown, reply: unknown): void => {
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(new BadRequestException(error.message), host);
};
