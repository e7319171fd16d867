import { parse as parseForm } from 'node:querystring';
import type { FastifyInstance } from 'fastify';

/**
 * A JSON body that cannot be read: not JSON, empty, or a bare value where an object or array is
 * expected. Its own class (not a FastifyError, which Nest turns into a bare HttpException) so that
 * the problem filter answers 400 HTTP.MALFORMED_JSON.
 */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
}

/** Why Fastify's parser refused a JSON body (it says only that it did). Runs on refusals only. */
const unreadableJson = (body: string): string => {
  if (body.length === 0) return 'the request body is empty but its Content-Type says JSON';
  try {
    JSON.parse(body);
  } catch {
    return 'the request body is not valid JSON';
  }
  return 'the request body has a __proto__ or constructor.prototype key, which is not allowed';
};

/**
 * The service's two body parsers, on the Fastify instance before Nest registers routes (Nest's own
 * are off: `bodyParser: false`). JSON through Fastify's parser (secure-json-parse: `__proto__` and
 * `constructor.prototype` keys are refused), objects and arrays only, as body-parser's `strict` did;
 * forms (the audit pages' sign-in) as flat key/value pairs. Both up to the instance's bodyLimit
 * (413 beyond it). Any other media type with a body is 415, text/plain too (Fastify parses it by
 * default).
 */
export const addBodyParsers = (instance: FastifyInstance): void => {
  instance.removeContentTypeParser('text/plain');
  const json = instance.getDefaultJsonParser('error', 'error');
  instance.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    json(request, text, (error: Error | null, value?: unknown) => {
      if (error !== null) done(new MalformedJsonError(unreadableJson(text)), undefined);
      else if (typeof value !== 'object' || value === null) done(new MalformedJsonError('the request body must be a JSON object or array'), undefined);
      else done(null, value);
    });
  });
  instance.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, { ...parseForm(body as string) });
  });
};
