import fresh from 'fresh';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Fastify `onSend` hook: a GET (or HEAD) answered 200 with an ETag (a one-stream resource: its stream
 * revision) that the request's If-None-Match names is answered 304 Not Modified, without a body or
 * its Content-Type, as Express answered it. `fresh` is the check Express uses (weak comparison, `*`,
 * and a request's `Cache-Control: no-cache` asks for the body anyway).
 */
export const notModified = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void => {
  if (request.headers['if-none-match'] === undefined || reply.statusCode !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) {
    done(null, payload);
    return;
  }
  const etag = reply.getHeader('etag');
  if (typeof etag !== 'string' || !fresh(request.headers, { etag })) {
    done(null, payload);
    return;
  }
  reply.code(304);
  reply.removeHeader('content-type');
  done(null, null);
};
