/**
 * W6 server process (forked by bench/workloads/w6-http.ts): `engine-postgres`, `engine-pglite` (the
 * service as `npm start` runs it: the compiled dist/ of the tree given as third argument, default
 * settings, logs to /dev/null) or `raw` (node:http + pg, one INSERT per request into `raw_events`,
 * which the parent creates). Talks to its parent over IPC: `{ ready, port }`, then answers
 * `mark` (start counting CPU and read-model lag) and `stats` (CPU since the mark, lag samples).
 *
 * The parent runs this file compiled to plain JavaScript (no ts-node, whose require hook and
 * source-map handler would otherwise sit in the measured process): it imports only node built-ins
 * and pg, and takes the service from `<tree>/dist`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { Pool } from 'pg';
import type * as AppConfigModule from '../../src/infrastructure/config/app-config';
import type * as CreateAppModule from '../../src/infrastructure/nest/create-app';
import type * as CreateStorageModule from '../../src/infrastructure/storage/create-storage';
import type * as ProjectionMetricsModule from '../../src/projections/projection-metrics';
import type { Storage } from '../../src/infrastructure/storage/create-storage';

export type ServeMode = 'engine-postgres' | 'engine-pglite' | 'raw' | 'nest-floor' | 'nest-floor-fastify';
export type ServerStats = Readonly<{
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Read-model lag samples while loaded: ms since the oldest unfolded event was at the head, and events behind. */
  lagMaxMs: number | null;
  lagP99Ms: number | null;
  lagMaxEvents: number | null;
  lagSamples: number;
}>;
export type ToServer = { kind: 'mark' } | { kind: 'stats' } | { kind: 'caughtUp' } | { kind: 'stop' };

const mode = process.argv[2] as ServeMode;
const databaseUrl = process.argv[3] ?? '';
/** The checkout whose compiled service (dist/) runs here. */
const tree = process.argv[4] ?? join(__dirname, '..', '..');
/** A module of the tree's compiled service. */
const fromDist = <T>(path: string): T => require(join(tree, 'dist', path)) as T;
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const send = (message: unknown): void => void process.send?.(message);

/** The raw baseline's work for one parsed body: one autocommit INSERT of one row shaped like an event; the answer. */
const rawInsert = async (pool: Pool, body: { communityId: string }): Promise<{ stream: string; revision: string; globalPosition: string | undefined }> => {
  const metadata = { actor: 'bench', commandId: randomUUID(), occurredAt: new Date().toISOString() };
  const { rows } = await pool.query<{ global_position: string }>(
    `INSERT INTO raw_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash)
     VALUES ($1, $2, 0, 'CommunityRegistered', 1, $3, $4, '', '') RETURNING global_position`,
    [randomUUID(), `community-${body.communityId}`, JSON.stringify(body), JSON.stringify(metadata)],
  );
  return { stream: `community-${body.communityId}`, revision: '0', globalPosition: rows[0]?.global_position };
};

/** Raw baseline: parse the JSON body, one autocommit INSERT of one row shaped like an event, answer 201. */
const rawServer = async (): Promise<{ server: Server; close(): Promise<void> }> => {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const out = JSON.stringify(await rawInsert(pool, JSON.parse(Buffer.concat(chunks).toString('utf8')) as { communityId: string }));
          res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      })();
    });
  });
  return { server, close: async () => void (await pool.end()) };
};

/**
 * `nest-floor` / `nest-floor-fastify`: the raw baseline's work (the same INSERT, the same answer)
 * in a bare Nest application on Express / Fastify: one module, one controller with `@Body()`, the
 * adapter's JSON body parser, no logger, guard, pipe, interceptor, validation or token. What a
 * command costs on Nest before it does anything of its own: no service built on Nest can be
 * cheaper per request (bench/README.md "W6: the framework's floor").
 */
const nestFloor = async (fastify: boolean): Promise<{ app: { listen(port: number, host: string): Promise<unknown>; getHttpServer(): unknown; close(): Promise<void> }; close(): Promise<void> }> => {
  const { NestFactory } = fromTree<typeof import('@nestjs/core')>('@nestjs/core');
  const { Body, Controller, Module, Post } = fromTree<typeof import('@nestjs/common')>('@nestjs/common');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  class FloorController {
    register(body: { communityId: string }): Promise<unknown> {
      return rawInsert(pool, body); // Nest writes it as JSON, as the raw server does
    }
  }
  // The decorators applied by hand (this file is compiled without experimentalDecorators).
  const descriptor = Object.getOwnPropertyDescriptor(FloorController.prototype, 'register') as PropertyDescriptor;
  Body()(FloorController.prototype, 'register', 0);
  Post('communities')(FloorController.prototype, 'register', descriptor);
  Controller('api/v1')(FloorController);
  class FloorModule {}
  Module({ controllers: [FloorController] })(FloorModule);
  const adapter = fastify ? new (fromTree<{ FastifyAdapter: new () => object }>('@nestjs/platform-fastify').FastifyAdapter)() : undefined;
  const app = adapter === undefined ? await NestFactory.create(FloorModule, { logger: false }) : await NestFactory.create(FloorModule, adapter as never, { logger: false });
  return { app, close: async () => void (await pool.end()) };
};

type Lag = { sample(): Promise<void>; reset(): void; stats(): Pick<ServerStats, 'lagMaxMs' | 'lagP99Ms' | 'lagMaxEvents' | 'lagSamples'>; caughtUp(): Promise<boolean> };

/** Polls head and the slowest live build: lag = now - (when the head first reached the checkpoint + 1). */
const lagTracker = (storage: Storage, projectionLag: typeof ProjectionMetricsModule.projectionLag): Lag => {
  const heads: { at: number; head: bigint }[] = [];
  let lags: number[] = [];
  let maxEvents = 0;
  const feed = storage.eventStore as unknown as { headPosition(): Promise<bigint> };
  const read = async (): Promise<{ head: bigint; checkpoint: bigint }> => {
    const all = await projectionLag(storage.sql, feed);
    const head = all[0]?.head ?? (await feed.headPosition());
    const checkpoint = all.reduce((min, b) => (b.position < min ? b.position : min), head);
    return { head, checkpoint };
  };
  return {
    async sample() {
      const at = performance.now();
      const { head, checkpoint } = await read();
      heads.push({ at, head });
      if (checkpoint >= head) return void lags.push(0);
      const since = heads.find((h) => h.head > checkpoint);
      lags.push(since === undefined ? 0 : at - since.at);
      maxEvents = Math.max(maxEvents, Number(head - checkpoint));
    },
    reset() {
      heads.length = 0;
      lags = [];
      maxEvents = 0;
    },
    stats() {
      if (lags.length === 0) return { lagMaxMs: null, lagP99Ms: null, lagMaxEvents: null, lagSamples: 0 };
      const sorted = [...lags].sort((a, b) => a - b);
      return {
        lagMaxMs: Math.round(sorted[sorted.length - 1] as number),
        lagP99Ms: Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] as number),
        lagMaxEvents: maxEvents,
        lagSamples: lags.length,
      };
    },
    async caughtUp() {
      const { head, checkpoint } = await read();
      return checkpoint >= head;
    },
  };
};

/**
 * W6_COUNT_QUERIES=1: counts the statements the process sends through node-postgres (by their first
 * 80 characters) from each mark, printed on stderr with the stats: SQL round trips per request, and
 * each statement's mean time from the call to its callback (queueing for a connection, the
 * database, and the wait for the service's loop to read the answer).
 */
const queryCounter = (): { reset(): void; report(requests: string): void } | undefined => {
  if (process.env['W6_COUNT_QUERIES'] !== '1') return undefined;
  const counts = new Map<string, { n: number; us: number }>();
  const pg = require(require.resolve('pg', { paths: [tree] })) as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]): unknown {
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null ? String((first as { text?: unknown }).text) : '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 80);
    const count = counts.get(key) ?? { n: 0, us: 0 };
    counts.set(key, count);
    count.n++;
    const started = process.hrtime.bigint();
    const answered = (): void => {
      count.us += Number(process.hrtime.bigint() - started) / 1000;
    };
    // pg-pool passes a callback; a query config may carry its own.
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (this: unknown, ...result: unknown[]): unknown {
        answered();
        return (last as (...a: unknown[]) => unknown).apply(this, result);
      };
    } else if (typeof first === 'object' && first !== null && typeof (first as { callback?: unknown }).callback === 'function') {
      const config = first as { callback: (...a: unknown[]) => unknown };
      const callback = config.callback;
      config.callback = (...result: unknown[]) => {
        answered();
        return callback(...result);
      };
    }
    const result = query.apply(this, args);
    // Without a callback, node-postgres answers with a promise.
    if (typeof (result as { then?: unknown } | undefined)?.then === 'function') (result as Promise<unknown>).then(answered, answered);
    return result;
  };
  return {
    reset: () => counts.clear(),
    report: (requests) => {
      const lines = [...counts]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, { n, us }]) => `${String(n).padStart(7)} ${(us / n / 1000).toFixed(2).padStart(7)} ms  ${k}`);
      process.stderr.write(`W6 ${mode} statements / mean time to the answer since the mark (${requests}):\n${lines.join('\n')}\n`);
    },
  };
};

/**
 * W6_LOOP_DELAY=1: the event loop's delay (perf_hooks monitorEventLoopDelay, 1 ms resolution) and
 * the GC pauses from each mark, printed on stderr with the stats: what stalls the loop under load.
 */
const loopDelay = (): { reset(): void; report(): void } | undefined => {
  if (process.env['W6_LOOP_DELAY'] !== '1') return undefined;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const gc = new Map<string, number[]>();
  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = kinds[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      gc.set(kind, [...(gc.get(kind) ?? []), entry.duration]);
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns: number): string => (ns / 1e6).toFixed(1);
  let utilization = performance.eventLoopUtilization();
  return {
    reset: () => {
      utilization = performance.eventLoopUtilization();
      histogram.reset();
      gc.clear();
    },
    report: () => {
      const pauses = [...gc].map(([kind, d]) => {
        const sorted = [...d].sort((a, b) => a - b);
        const total = d.reduce((a, b) => a + b, 0);
        return `${kind} n=${d.length} total=${total.toFixed(0)}ms p50=${(sorted[Math.ceil(0.5 * sorted.length) - 1] ?? 0).toFixed(1)} p99=${(sorted[Math.ceil(0.99 * sorted.length) - 1] ?? 0).toFixed(1)} max=${(sorted[sorted.length - 1] ?? 0).toFixed(1)}`;
      });
      process.stderr.write(
        `W6 ${mode} loop utilization ${performance.eventLoopUtilization(utilization).utilization.toFixed(3)}, delay: p50 ${ms(histogram.percentile(50))} p90 ${ms(histogram.percentile(90))} p99 ${ms(histogram.percentile(99))} max ${ms(histogram.max)} ms; gc ${pauses.join('; ')}\n`,
      );
    },
  };
};

/** A module from the tree's node_modules. */
const fromTree = <T>(name: string): T => require(require.resolve(name, { paths: [tree] })) as T;

/**
 * W6_COUNT_QUERIES=1 in embedded mode: every protocol call into the PGlite session is counted by the
 * statement it belongs to (Parse text, or the named statement a Bind runs, or a simple Query), with
 * the time spent inside the call (WebAssembly, synchronous, so this is CPU of the service's thread):
 * statements per request and the share of each in the service's CPU. One-message statements
 * (pglite-query.ts) count one call each; PGlite's own `query` (TypeORM's leases) six.
 */
const pgliteCounter = (db: { execProtocolRawSync(message: Uint8Array): unknown }): { reset(): void; report(requests: string): void } => {
  const counts = new Map<string, { statements: number; calls: number; ms: number; max: number }>();
  const named = new Map<string, string>();
  const raw = db.execProtocolRawSync.bind(db);
  const cstring = (m: Uint8Array, at: number): [string, number] => {
    let end = at;
    while (m[end] !== 0 && end < m.length) end++;
    return [Buffer.from(m.subarray(at, end)).toString('utf8'), end + 1];
  };
  let current = '?';
  db.execProtocolRawSync = (message: Uint8Array): unknown => {
    let statements = 0;
    for (let at = 0; at + 5 <= message.length; ) {
      const type = String.fromCharCode(message[at] as number);
      const length = Buffer.from(message.buffer, message.byteOffset + at + 1, 4).readInt32BE(0);
      if (type === 'P') {
        const [name, next] = cstring(message, at + 5);
        const [text] = cstring(message, next);
        current = text.replace(/\s+/g, ' ').trim().slice(0, 90);
        if (name !== '') named.set(name, current);
      } else if (type === 'B') {
        const [, next] = cstring(message, at + 5);
        const [name] = cstring(message, next);
        if (name !== '') current = named.get(name) ?? `?${name}`;
        statements++;
      } else if (type === 'Q') {
        current = cstring(message, at + 5)[0].replace(/\s+/g, ' ').trim().slice(0, 90);
        statements++;
      }
      at += 1 + length;
    }
    const started = performance.now();
    try {
      return raw(message);
    } finally {
      const entry = counts.get(current) ?? { statements: 0, calls: 0, ms: 0, max: 0 };
      const ms = performance.now() - started;
      entry.calls++;
      entry.statements += statements;
      entry.ms += ms;
      entry.max = Math.max(entry.max, ms);
      counts.set(current, entry);
    }
  };
  return {
    reset: () => counts.clear(),
    report: (requests) => {
      const all = [...counts].sort((a, b) => b[1].ms - a[1].ms);
      const total = all.reduce((sum, [, e]) => sum + e.ms, 0);
      const lines = all.map(([k, e]) => `${String(e.statements).padStart(7)} ${String(e.calls).padStart(7)} ${e.ms.toFixed(0).padStart(7)} ms ${e.max.toFixed(1).padStart(6)} ms  ${k}`);
      process.stderr.write(`W6 ${mode} PGlite statements / calls / ms inside / longest call since the mark (${requests}, ${total.toFixed(0)} ms inside in all):\n${lines.join('\n')}\n`);
    },
  };
};

const main = async (): Promise<void> => {
  const queries = queryCounter();
  const delay = loopDelay();
  let pglite: ReturnType<typeof pgliteCounter> | undefined;
  let server: Server;
  let close: () => Promise<void>;
  let lag: Lag | undefined;
  if (mode === 'raw') {
    ({ server, close } = await rawServer());
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  } else if (mode === 'nest-floor' || mode === 'nest-floor-fastify') {
    const floor = await nestFloor(mode === 'nest-floor-fastify');
    await floor.app.listen(0, '127.0.0.1');
    server = floor.app.getHttpServer() as Server;
    server.keepAliveTimeout = 60_000;
    close = async () => (await floor.app.close(), await floor.close());
  } else {
    // The embedded store in a fresh directory on disk (files, as `npm start` keeps them in DATA_DIR),
    // removed at stop; W6_PGLITE_DIR=memory keeps it in memory (memory://, the default before
    // 2026-11-30 17:00 UTC: its files grow as arrays on the JS heap, which costs mark-compacts).
    const pgliteDir = mode === 'engine-pglite' && process.env['W6_PGLITE_DIR'] !== 'memory' ? mkdtempSync(join(tmpdir(), 'cl-w6-pglite-')) : undefined;
    const env = {
      ...process.env,
      CIVIC_LEDGER_JWT_SECRET: BENCH_JWT_SECRET,
      ...(mode !== 'engine-pglite' ? { DATABASE_URL: databaseUrl, DATA_DIR: undefined } : { DATABASE_URL: undefined, DATA_DIR: pgliteDir ?? 'memory://' }),
    };
    const removeDir = (): void => {
      if (pgliteDir !== undefined) rmSync(pgliteDir, { recursive: true, force: true });
    };
    require(require.resolve('reflect-metadata', { paths: [tree] }));
    const { loadConfig } = fromDist<typeof AppConfigModule>('infrastructure/config/app-config');
    const { createStorage, storageSettingsOf } = fromDist<typeof CreateStorageModule>('infrastructure/storage/create-storage');
    const { createApp } = fromDist<typeof CreateAppModule>('infrastructure/nest/create-app');
    const config = loadConfig(env);
    const storage = await createStorage(storageSettingsOf(config));
    const db = (storage.sql as { db?: { execProtocolRawSync(message: Uint8Array): unknown } }).db;
    if (process.env['W6_COUNT_QUERIES'] === '1' && db !== undefined) pglite = pgliteCounter(db);
    // W6_READ_MODELS=off: the read models do not run in the background (no lag figures): CPU per
    // request of the request path alone, without the runner's time-driven passes (diagnosis only).
    const readModelsOff = process.env['W6_READ_MODELS'] === 'off';
    const app = await createApp({ config, storage, ...(readModelsOff ? { projections: { runInBackground: false } } : {}) });
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
    server.keepAliveTimeout = 60_000;
    close = async () => {
      await app.close();
      removeDir();
    };
    if (!readModelsOff) lag = lagTracker(storage, fromDist<typeof ProjectionMetricsModule>('projections/projection-metrics').projectionLag);
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let cpuMark = process.cpuUsage();
  let requests = 0;
  if (queries !== undefined || process.env['W6_PROFILE_DIR'] !== undefined) server.on('request', () => void requests++);
  // W6_PROFILE_DIR: a V8 CPU profile of each loaded window (mark to stats), start-up excluded.
  const profileDir = process.env['W6_PROFILE_DIR'];
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
  const inspector = profileDir === undefined ? undefined : new Session();
  inspector?.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => inspector?.post(method, params ?? {}, (error, result) => (error === null ? resolve(result) : reject(error))));
  let profiles = 0;
  let timer: NodeJS.Timeout | undefined;
  const poll = (): void => {
    timer = setTimeout(() => void lag?.sample().catch(() => undefined).finally(() => (timer === undefined ? undefined : poll())), 50);
  };
  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.kind === 'mark') {
        if (inspector !== undefined) {
          await post('Profiler.enable');
          await post('Profiler.setSamplingInterval', { interval: 200 });
          await post('Profiler.start');
        }
        cpuMark = process.cpuUsage();
        queries?.reset();
        delay?.reset();
        pglite?.reset();
        requests = 0;
        lag?.reset();
        if (lag !== undefined) poll();
        send({ kind: 'marked' });
      } else if (message.kind === 'stats') {
        const cpu = process.cpuUsage(cpuMark);
        if (inspector !== undefined && profileDir !== undefined) {
          const { profile } = (await post('Profiler.stop')) as { profile: unknown };
          const file = `${profileDir}/${mode}-${tree.split(/[\\/]/).filter(Boolean).join('_')}-${++profiles}`;
          writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
          // The requests of the window, to state the profile per request (bench/diagnose/cpu-profile-groups.ts).
          writeFileSync(`${file}.requests.json`, JSON.stringify({ requests }));
        }
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        queries?.report(`${requests} requests`);
        delay?.report();
        pglite?.report(`${requests} requests`);
        const lagStats = lag?.stats() ?? { lagMaxMs: null, lagP99Ms: null, lagMaxEvents: null, lagSamples: 0 };
        send({ kind: 'stats', stats: { cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, ...lagStats } satisfies ServerStats });
      } else if (message.kind === 'caughtUp') {
        send({ kind: 'caughtUp', value: lag === undefined ? true : await lag.caughtUp() });
      } else if (message.kind === 'stop') {
        await close();
        server.close();
        process.exit(0);
      }
    })();
  });
  send({ kind: 'ready', port });
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench server (${mode}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
