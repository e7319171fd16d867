import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const VALID = /^[\x21-\x7e]{1,200}$/;
export const CORRELATION_HEADER = 'x-correlation-id';

/** pino-http `genReqId`: the caller's X-Correlation-Id when sane, otherwise a new one; echoed back. */
export const assignCorrelationId = (request: IncomingMessage, response: ServerResponse): string => {
  const given = request.headers[CORRELATION_HEADER];
  const value = typeof given === 'string' && VALID.test(given) ? given : randomUUID();
  response.setHeader('X-Correlation-Id', value);
  return value;
};

/** The id pino-http assigned to the request (or a new one when logging is off). */
export const correlationIdOf = (request: IncomingMessage & { id?: unknown }): string => {
  if (typeof request.id === 'string') return request.id;
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && VALID.test(given) ? given : randomUUID();
};
