import type { FastifyReply, FastifyRequest } from 'fastify';
import { destination, pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import type { LogWrites } from '../config/app-config';

/** Request headers the request log never shows (pino's censor text in their place). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'] as const;
export const REDACTED = '[Redacted]';

/**
 * The request log's `req` serializer, after pino-http's standard one: the Authorization and Cookie
 * headers read `[Redacted]`, in their place, as pino's `redact` option wrote them. Done here, on
 * the object the standard serializer has just made, instead of by `redact`, which cloned and walked
 * every logged object (2% of the CPU of a command).
 */
export const withoutCredentials = <T extends { headers?: unknown }>(req: T): T => {
  const headers = req.headers;
  if (typeof headers !== 'object' || headers === null || !CREDENTIAL_HEADERS.some((name) => name in headers)) return req;
  const shown: Record<string, unknown> = { ...headers };
  for (const name of CREDENTIAL_HEADERS) if (name in headers) shown[name] = REDACTED;
  req.headers = shown;
  return req;
};

/**
 * Where the service's log lines go: standard output (or `fd`), through pino's own destination.
 * `sync` (LOG_WRITES, the default) writes each line whole before the call returns: nothing waits in
 * memory to be lost in a crash, and a reader that stops reading holds the service back rather than
 * letting lines pile up. `async` is pino's default: each write is handed to libuv's thread pool and
 * lines queue in memory meanwhile (flushed at exit). On the benchmark's machine that hand-off, a
 * thread woken per line, cost the service 7-10% of its CPU per command (bench/README "W6: log lines
 * written where they are made").
 */
export const logDestination = (writes: LogWrites, fd = 1): DestinationStream => destination({ dest: fd, sync: writes === 'sync' });

/**
 * The request log's root logger, for pino-http's `logger` option: its request loggers carry the
 * correlation id (the request's id) right after `req`, in one child instead of pino-http's
 * `child({ req })` and then `child(customProps)`. Each pino child costs an object, its bindings'
 * JSON and a `setLevel` (the two were 4% of a command's CPU in the W6 profile), and with
 * customProps pino-http also recomputed and searched the bindings at every response. The lines
 * are the same: `"req":{...},"correlationId":"..."` in the bindings, in that order.
 */
export const requestLogRoot = (level: string, destination?: DestinationStream): Logger => {
  const root = destination === undefined ? pino({ level }) : pino({ level }, destination);
  const original = root.child as unknown as (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger;
  Object.defineProperty(root, 'child', {
    value: function (this: Logger, bindings: Bindings, options?: ChildLoggerOptions): Logger {
      return original.call(this, options === undefined && isRequestBindings(bindings) ? { req: bindings.req, correlationId: bindings.req.id } : bindings, options);
    },
  });
  return root;
};

/** pino-http's bindings of a request's logger: `{ req }` alone, the request with the id genReqId gave it. */
const isRequestBindings = (bindings: Bindings): bindings is { req: { id?: unknown } } => {
  let keys = 0;
  for (const key in bindings) if (key !== 'req' || ++keys > 1) return false;
  return keys === 1 && typeof bindings['req'] === 'object' && bindings['req'] !== null;
};

type LoggedRequest = FastifyRequest['raw'] & { id?: unknown; query?: unknown; log?: Logger };

/**
 * The request log as one Fastify `onRequest` hook, in place of nestjs-pino's two Nest middleware
 * (pino-http, then the binding of the request's logger), which on Fastify each ran through
 * @fastify/middie and Nest's middleware adapter. It gives the socket's request the id and query the
 * line shows and runs pino-http on it. `options` are the LoggerModule's `pinoHttp` (the same root
 * logger).
 *
 * No AsyncLocalStorage: nestjs-pino's store, run around each request so that Nest's Logger could
 * find the request's logger, turned on Node 20's promise hooks, which then ran for every promise of
 * every request (6-9% of a command's CPU, bench/README "W6 on an AMD EPYC machine"). A log made
 * during a request goes through `requestLogger` instead.
 */
export const requestLogHook = (options: Options): ((request: FastifyRequest, reply: FastifyReply, done: () => void) => void) => {
  const log = pinoHttp(options);
  return (request, reply, done) => {
    const raw = request.raw as LoggedRequest;
    raw.id = request.id;
    raw.query = request.query;
    log(raw, reply.raw);
    done();
  };
};

/**
 * The logger of a request under way, for a log made during it: the child pino-http gave it, with
 * the request line's bindings (`req`, `correlationId`). Undefined when the hook did not run (a
 * request Fastify refused before its hooks); Nest's Logger then writes the line without them.
 */
export const requestLogger = (request: FastifyRequest): Logger | undefined => (request.raw as LoggedRequest).log;
