import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const VALID = /^[\x21-\x7e]{1,200}$/;
const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Fastify's `genReqId`: the caller's X-Correlation-Id when sane, otherwise a new one. It is the
 * request's id everywhere: the request log's `req.id` and `correlationId`, and the correlation id
 * of the events a command appends.
 */
export const correlationIdOf = (request: { headers: IncomingHttpHeaders }): string => {
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && VALID.test(given) ? given : randomUUID();
};

/**
 * Fastify `onRequest` hook: echoes the id as X-Correlation-Id. Set on the socket's response, so
 * that answers written there directly (report streams, the SSE feed) carry it too.
 */
export const echoCorrelationId = (request: { id: string }, reply: { raw: ServerResponse }, done: () => void): void => {
  reply.raw.setHeader('X-Correlation-Id', request.id);
  done();
};
