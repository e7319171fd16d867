import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Router as ExpressRouter } from 'express';

/** The parts of Express 5's router (the `router` package) that the index reads and builds. */
type Layer = { route?: { path?: unknown } };
type Next = (error?: unknown) => void;
type Router = ((req: IncomingMessage, res: ServerResponse, next: Next) => void) & {
  stack: Layer[];
  params: Record<string, unknown>;
  caseSensitive?: boolean;
  mergeParams?: boolean;
  strict?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
  use(handler: ((req: never, res: ServerResponse, next: Next) => void) | ((error: unknown, req: never, res: ServerResponse, next: Next) => void)): unknown;
};
type RouterOptions = Pick<Router, 'caseSensitive' | 'mergeParams' | 'strict'>;

/** Leading path segments an index key holds (`/api/v1/<resource>`). */
const KEY_SEGMENTS = 3;
/** A segment that path-to-regexp matches only as itself (no parameter, wildcard, group or escape). */
const LITERAL = /^[A-Za-z0-9_.~-]+$/;
/** A request path the index reads as the router does (parseurl's fast path: no absolute form, fragment or whitespace). */
const PLAIN_PATH = /^\/[^#\s]*$/;

/**
 * The leading literal segments of a route's path (at most KEY_SEGMENTS): a request whose path
 * does not start with them cannot match the route. Middleware and routes given as a RegExp or
 * array have none (every request is a candidate).
 */
const literalPrefix = (layer: Layer, caseSensitive: boolean): string[] => {
  const path = layer.route?.path;
  if (typeof path !== 'string' || !path.startsWith('/')) return [];
  const prefix: string[] = [];
  for (const segment of path.slice(1).split('/')) {
    if (prefix.length === KEY_SEGMENTS || !LITERAL.test(segment)) break;
    prefix.push(caseSensitive ? segment : segment.toLowerCase());
  }
  return prefix;
};

/** The layers that could match a path: `routes` for a request, `errors` for one that arrives with an error. */
type Routers = Readonly<{ routes: Router; errors: Router }>;

const PENDING = Symbol('error before the indexed routes');
/** First layer of an `errors` router: passes the error on, as the full stack would have. */
const raisePending = (req: IncomingMessage & { [PENDING]?: unknown }, _res: ServerResponse, next: Next): void => {
  const error = req[PENDING];
  delete req[PENDING];
  next(error);
};

const isPrefixOf = (prefix: readonly string[], of: readonly string[]): boolean => prefix.every((segment, i) => of[i] === segment);

/**
 * Express walks its stack in order for every request, testing each layer's path: the service has
 * about 200 (every route, and Nest's request-log middleware once per route it is bound to), and a
 * command near the middle tested ~80 patterns before its own. This replaces the stack from its
 * first route to the end (routes, the OpenAPI UI, Nest's not-found and error handlers) with one layer
 * that hands the request to a router holding only the layers that could match its path: those
 * whose leading literal segments (up to `/api/v1/<resource>`) agree with the request's, plus every
 * layer without any (middleware, parameters first, patterns), in their original order. Each
 * such router ends with the same not-found and error handlers, so a request is answered exactly as
 * by the full stack (same layer objects, same matching, OPTIONS and HEAD included, and an error from
 * the body parsers reaches the same error handlers); a URL the index cannot read plainly goes
 * through all the layers. Call it once every route is registered (after
 * Nest's init).
 */
export const indexRoutes = (app: { router: Router }): void => {
  const parent = app.router;
  const stack = parent.stack;
  const start = stack.findIndex((layer) => layer.route !== undefined);
  const indexed = start === -1 ? [] : stack.slice(start);
  if (indexed.filter((layer) => layer.route !== undefined).length < 2) return;

  const caseSensitive = parent.caseSensitive === true;
  const routerOf = (layers: readonly Layer[]): Routers => {
    const options = { caseSensitive, mergeParams: parent.mergeParams === true, strict: parent.strict === true };
    const routes = (ExpressRouter as unknown as (options: RouterOptions) => Router)(options);
    routes.params = parent.params;
    routes.stack = [...layers];
    // An error from the layers before (a body-parser error) goes on through the same layers.
    const errors = (ExpressRouter as unknown as (options: RouterOptions) => Router)(options);
    errors.params = parent.params;
    errors.use(raisePending);
    errors.stack.push(...layers);
    return { routes, errors };
  };
  const prefixes = indexed.map((layer) => literalPrefix(layer, caseSensitive));
  const byKey = new Map<string, Routers>();
  for (const prefix of prefixes) {
    const key = prefix.join('/');
    if (!byKey.has(key)) byKey.set(key, routerOf(indexed.filter((_, i) => isPrefixOf(prefixes[i] ?? [], prefix))));
  }
  const all = routerOf(indexed);

  const routerFor = (url: string | undefined): Routers => {
    if (url === undefined) return all;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (!PLAIN_PATH.test(path)) return all;
    const key = caseSensitive ? path : path.toLowerCase();
    // Where the request's first segments end: `/api/v1/communities/c-1` tries `api/v1/communities`, `api/v1`, `api`, ``.
    const ends = [1];
    for (let from = 1; ends.length <= KEY_SEGMENTS; ) {
      const slash = key.indexOf('/', from);
      ends.push(slash === -1 ? key.length : slash);
      if (slash === -1) break;
      from = slash + 1;
    }
    for (let i = ends.length - 1; i >= 0; i--) {
      const router = byKey.get(key.slice(1, ends[i]));
      if (router !== undefined) return router;
    }
    return all;
  };

  stack.length = start;
  parent.use(function indexedRoutes(req: IncomingMessage, res: ServerResponse, next: Next) {
    routerFor(req.url).routes.handle(req, res, next);
  });
  parent.use(function indexedRoutesOnError(error: unknown, req: IncomingMessage & { [PENDING]?: unknown }, res: ServerResponse, next: Next) {
    req[PENDING] = error;
    routerFor(req.url).errors.handle(req, res, next);
  });
};

/** Indexes the Express routes once Nest has registered them all (bootstrap runs after the router and its not-found handler). */
@Injectable()
export class RouteIndex implements OnApplicationBootstrap {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const http = this.adapter.httpAdapter;
    if (http?.getType() === 'express') indexRoutes(http.getInstance<{ router: Router }>());
  }
}
