import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fastify } from 'fastify';
import { pinoHttp } from 'pino-http';
import type { LogWrites } from '../../src/infrastructure/config/app-config';
import { ProblemDetailsFilter } from '../../src/infrastructure/http/problem-details.filter';
import { logDestination, requestLogger, requestLogHook, requestLogRoot, withoutCredentials } from '../../src/infrastructure/observability/request-log';

const sink = (): { stream: Writable; lines: () => Record<string, unknown>[]; raw: () => string[] } => {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => void (chunks.push(chunk.toString()), done()) });
  const raw = (): string[] => chunks.join('').split('\n').filter(Boolean);
  return { stream, raw, lines: () => raw().map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('request log root (one child per request)', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))));

  it('writes the correlation id right after req, in the request line and in logs made during the request', async () => {
    const out = sink();
    const middleware = pinoHttp({ logger: requestLogRoot('info', out.stream), genReqId: () => 'corr-7', serializers: { req: withoutCredentials } });
    server = createServer((req, res) =>
      middleware(req, res, () => {
        (req as unknown as { log: { info(message: string): void } }).log.info('inside');
        res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) =>
      httpRequest({ port, host: '127.0.0.1', path: '/x', headers: { authorization: 'Bearer secret' } }, (res) => res.resume().on('end', resolve)).on('error', reject).end(),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.raw();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/"req":\{"id":"corr-7","method":"GET","url":"\/x".*"authorization":"\[Redacted\]".*\},"correlationId":"corr-7",/);
    expect(out.lines().map((l) => l['msg'])).toEqual(['inside', 'request completed']);
    expect((out.lines()[1] as { res: { statusCode: number } }).res.statusCode).toBe(200);
  });

  it('leaves other child loggers as pino makes them', () => {
    const out = sink();
    const root = requestLogRoot('info', out.stream);
    root.child({ req: { id: 'r' }, extra: 1 }).info('a');
    root.child({ component: 'x' }).info('b');
    root.child({ req: { id: 'r' } }, { level: 'info' }).info('c');
    expect(out.lines().map((l) => 'correlationId' in l)).toEqual([false, false, false]);
  });
});

describe('request log hook (Fastify, in place of Nest middleware)', () => {
  it('logs the request line with its id, URL and query, and gives logs made during the request (after the body is read, through requestLogger) its bindings', async () => {
    const out = sink();
    const app = fastify({ genReqId: () => 'corr-9' });
    app.addHook('onRequest', requestLogHook({ logger: requestLogRoot('info', out.stream), serializers: { req: withoutCredentials } }));
    app.post('/things', async (request) => {
      await new Promise((resolve) => setImmediate(resolve));
      requestLogger(request)?.info({ size: Object.keys(request.body as object).length }, 'inside');
      return { ok: true };
    });
    try {
      const response = await app.inject({ method: 'POST', url: '/things?page=2', headers: { authorization: 'Bearer secret' }, payload: { a: 1, b: 2 } });
      expect(response.statusCode).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      const lines = out.raw();
      expect(lines).toHaveLength(2);
      for (const line of lines) expect(line).toMatch(/"req":\{"id":"corr-9","method":"POST","url":"\/things\?page=2","query":\{"page":"2"\}.*"authorization":"\[Redacted\]".*\},"correlationId":"corr-9",/);
      expect(out.lines().map((l) => l['msg'])).toEqual(['inside', 'request completed']);
      expect(out.lines()[0]?.['size']).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('logs a failure of the service (5xx) from the problem filter with the bindings of its request', async () => {
    const out = sink();
    const app = fastify({ genReqId: () => 'corr-11' });
    app.addHook('onRequest', requestLogHook({ logger: requestLogRoot('info', out.stream), serializers: { req: withoutCredentials } }));
    app.post('/fails', async (request, reply) => {
      await new Promise((resolve) => setImmediate(resolve));
      const http = { getRequest: () => request, getResponse: () => reply };
      new ProblemDetailsFilter().catch(new Error('the disk is on fire'), { switchToHttp: () => http } as never);
      return reply;
    });
    try {
      const response = await app.inject({ method: 'POST', url: '/fails', payload: { a: 1 } });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      await new Promise((resolve) => setImmediate(resolve));
      const failure = out.lines().find((l) => l['context'] === 'ProblemDetails');
      expect(failure).toMatchObject({ level: 50, correlationId: 'corr-11', req: { id: 'corr-11', url: '/fails' } });
      expect(String(failure?.['msg'])).toContain('the disk is on fire');
    } finally {
      await app.close();
    }
  });
});

describe('log destination (LOG_WRITES)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * A line logged through the destination on a file: whether the destination writes synchronously,
   * the file's text right after the log call, and once the destination has ended.
   */
  const logOnce = (writes: LogWrites, name: string): Promise<{ sync: boolean; before: string; after: string }> => {
    const file = join(dir, name);
    const fd = openSync(file, 'w');
    const stream = logDestination(writes, fd) as ReturnType<typeof logDestination> & { sync: boolean; once(event: 'close', done: () => void): void; end(): void };
    requestLogRoot('info', stream).info({ correlationId: 'c-1' }, 'written');
    const before = readFileSync(file, 'utf8');
    return new Promise((resolve) => {
      // The destination closes the descriptor it was given when it ends.
      stream.once('close', () => resolve({ sync: stream.sync, before, after: readFileSync(file, 'utf8') }));
      stream.end();
    });
  };

  it('sync (the default): the line is in the file when the log call returns', async () => {
    const { sync, before, after } = await logOnce('sync', 'sync.log');
    expect(sync).toBe(true);
    expect(before).toMatch(/"correlationId":"c-1","msg":"written"\}\n$/);
    expect(after).toBe(before);
  });

  it("async (pino's default): the line is handed to a background write and is in the file once the destination ends", async () => {
    // Whether the thread pool has written it when the call returns is a race, so only the end is checked.
    const { sync, after } = await logOnce('async', 'async.log');
    expect(sync).toBe(false);
    expect(after).toMatch(/"correlationId":"c-1","msg":"written"\}\n$/);
  });
});
