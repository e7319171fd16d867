import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The request and reply the service's handlers, guards, interceptors and filters see: Fastify's
 * (Nest runs on @nestjs/platform-fastify; bench W6 chose the adapter). Route parameters and the
 * query are strings by name; the body is whatever the JSON or form parser made of it.
 */
export type HttpRequest = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, unknown>; Body: unknown }>;
export type HttpReply = FastifyReply;

/** The path of a request URL, without its query (Fastify gives no path of its own). */
export const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};
