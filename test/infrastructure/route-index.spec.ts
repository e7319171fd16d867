import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { indexRoutes } from '../../src/infrastructure/http/route-index';
import { closeServer, rawRequest } from '../support/raw-http';

/**
 * The route index (src/infrastructure/http/route-index.ts) must answer every request exactly as
 * Express's full stack does. Two apps with the same layers, one indexed: the same request to each
 * must get the same status, the same body and the same headers the layers set.
 */
type Settings = Readonly<{ caseSensitive: boolean; strict: boolean }>;

const buildApp = (settings: Settings, indexed: boolean): Express => {
  const app = express();
  app.set('case sensitive routing', settings.caseSensitive);
  app.set('strict routing', settings.strict);
  app.set('etag', false);
  app.use(express.json({ strict: true }));
  // Middleware bound to a path: a layer without a route, so a candidate for every request.
  app.use('/api/v1/communities', (_req, res, next) => {
    res.setHeader('X-Mw', 'communities');
    next();
  });
  const answer = (name: string) => (req: Request, res: Response) =>
    res.json({ name, params: req.params, method: req.method, url: req.originalUrl, body: req.body ?? null });
  app.get('/health', answer('health'));
  app.get('/api/v1/communities', answer('list'));
  app.post('/api/v1/communities', answer('register'));
  app.get('/api/v1/communities/:id', answer('one'));
  app.post('/api/v1/communities/:id/meetings', answer('meeting'));
  app.get('/api/v1/:resource/count', answer('count'));
  app.get('/api/v1/communities/:id/fail', (_req, _res, next: NextFunction) => next(Object.assign(new Error('boom'), { status: 418 })));
  app.get('/API/v1/Mixed', answer('mixed'));
  app.get(/^\/re\/(\d+)$/, answer('regexp'));
  app.get(['/a/list', '/b/list'], answer('array'));
  app.all('/api/v1/things/*rest', answer('things'));
  app.get('/api/v2/:version', answer('v2'));
  app.get('/audit/:page', answer('audit'));
  app.use((req: Request, res: Response) => {
    res.status(404).json({ notFound: req.originalUrl });
  });
  app.use((error: { status?: number; type?: string; message: string }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status ?? 500).json({ error: error.type ?? error.message });
  });
  if (indexed) {
    // Express 5 builds its router lazily: the same object the requests go through.
    indexRoutes(app as unknown as Parameters<typeof indexRoutes>[0]);
  }
  return app;
};

const listen = async (app: Express): Promise<Server> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });

const REQUESTS: ReadonlyArray<readonly [method: string, path: string, body?: string]> = [
  ['GET', '/health'],
  ['GET', '/api/v1/communities'],
  ['GET', '/api/v1/communities/'],
  ['GET', '/API/V1/COMMUNITIES'],
  ['GET', '/api/v1/communities?page=2'],
  ['GET', '/api/v1/communities/c-1'],
  ['GET', '/api/v1/communities/c-1/'],
  ['GET', '/Api/v1/Communities/C-1?x=1'],
  ['GET', '/api/v1/communities/count'],
  ['GET', '/api/v1/meetings/count'],
  ['GET', '/api/v1/communities/c-1/fail'],
  ['GET', '/api/v1/mixed'],
  ['GET', '/API/v1/Mixed'],
  ['GET', '/re/123'],
  ['GET', '/re/abc'],
  ['GET', '/a/list'],
  ['GET', '/b/list'],
  ['GET', '/api/v1/things/a/b'],
  ['DELETE', '/api/v1/things/x'],
  ['GET', '/api/v2/anything'],
  ['GET', '/audit/overview'],
  ['GET', '/api'],
  ['GET', '/api/v1'],
  ['GET', '/'],
  ['GET', '/nowhere/at/all'],
  ['GET', '//api/v1/communities'],
  ['GET', '/api//v1/communities'],
  ['GET', '/api/v1/communities%2Fc-1'],
  ['GET', '/api/v1/communities/c%201'],
  ['GET', 'http://example.test/api/v1/communities/c-1'],
  ['GET', '/api/v1/communities#fragment'],
  ['HEAD', '/api/v1/communities'],
  ['HEAD', '/api/v1/communities/c-1'],
  ['OPTIONS', '/api/v1/communities'],
  ['OPTIONS', '/api/v1/communities/c-1'],
  ['OPTIONS', '/nowhere'],
  ['PUT', '/api/v1/communities'],
  ['POST', '/api/v1/communities', '{"name":"东风社区"}'],
  ['POST', '/api/v1/communities', '{"name":'],
  ['POST', '/api/v1/communities/c-1/meetings', '{"at":"2026-11-30"}'],
  ['POST', '/api/v1/communities/c-1/meetings', 'not json'],
  ['POST', '/nowhere', '{"a":1}'],
];

describe.each<Settings>([
  { caseSensitive: false, strict: false },
  { caseSensitive: true, strict: false },
  { caseSensitive: false, strict: true },
])('route index (case sensitive: $caseSensitive, strict: $strict)', (settings) => {
  let full: Server;
  let indexed: Server;
  let indexedApp: Express;

  beforeAll(async () => {
    full = await listen(buildApp(settings, false));
    indexedApp = buildApp(settings, true);
    indexed = await listen(indexedApp);
  });
  afterAll(async () => {
    await Promise.all([full, indexed].map(closeServer));
  });

  it('replaces the stack from the first route on with the index (two layers)', () => {
    const stack = (indexedApp as unknown as { router: { stack: Array<{ name?: string; route?: unknown }> } }).router.stack;
    expect(stack.some((layer) => layer.route !== undefined)).toBe(false);
    expect(stack.slice(-2).map((layer) => layer.name)).toEqual(['indexedRoutes', 'indexedRoutesOnError']);
  });

  it.each(REQUESTS.map(([method, path, body]) => ({ method, path, body })))('$method $path answers as the full stack does', async ({ method, path, body }) => {
    const expected = await rawRequest(full, method, path, body);
    const actual = await rawRequest(indexed, method, path, body);
    expect(actual).toEqual(expected);
  });

  it('answers what the routes say (the comparison is not between two broken apps)', async () => {
    expect(JSON.parse((await rawRequest(indexed, 'GET', '/api/v1/communities/c-1')).body)).toMatchObject({ name: 'one', params: { id: 'c-1' } });
    expect((await rawRequest(indexed, 'GET', '/api/v1/communities')).headers['x-mw']).toBe('communities');
    expect(JSON.parse((await rawRequest(indexed, 'GET', '/api/v1/meetings/count')).body)).toMatchObject({ name: 'count', params: { resource: 'meetings' } });
    expect(JSON.parse((await rawRequest(indexed, 'GET', '/re/7')).body)).toMatchObject({ name: 'regexp' });
    expect(await rawRequest(indexed, 'POST', '/api/v1/communities', '{"name":')).toMatchObject({ status: 400, body: '{"error":"entity.parse.failed"}' });
    expect((await rawRequest(indexed, 'GET', '/api/v1/communities/c-1/fail')).status).toBe(418);
    expect((await rawRequest(indexed, 'GET', '/nowhere')).status).toBe(404);
    const mixed = await rawRequest(indexed, 'GET', '/api/v1/mixed');
    expect(mixed.status).toBe(settings.caseSensitive ? 404 : 200);
    const slash = await rawRequest(indexed, 'GET', '/api/v1/communities/c-1/');
    expect(slash.status).toBe(settings.strict ? 404 : 200);
  });
});
