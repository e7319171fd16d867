import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { transpileModule, ModuleKind, ScriptTarget } from 'typescript';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { closedLoop } from '../http/load-client';
import type { ServeMode, ServerStats, ToServer } from '../http/serve';
import { cpuMsByName, cpuMsByNameSince } from '../lib/proc-cpu';
import { RAW_SCHEMA } from '../lib/raw-pg';
import type { Measurement, StoreName } from '../lib/stats';

/** Must match bench/http/serve.ts. */
const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** W6_RATE=n: at most n requests per second (see closedLoop), for CPU per request at the same pace. */
const W6_RATE = process.env['W6_RATE'] === undefined ? undefined : Number(process.env['W6_RATE']);
/** W6_CONCURRENCIES=8 runs one level only (profiling). */
export const W6_CONCURRENCIES: readonly number[] = process.env['W6_CONCURRENCIES']?.split(',').map(Number) ?? [1, 8, 32];

export type W6Target = Readonly<{ store: StoreName; mode: ServeMode; variant?: string; tree?: string }>;
/**
 * W6_BEFORE_TREE=/path/to/a/checkout (with node_modules and a built dist/) adds the service from
 * that tree (stores in W6_BEFORE_STORES, default postgres) as `variant: before` lines beside
 * today's, in the same run (before/after ratios). W6_FLOOR=1 adds the raw baseline's work in a bare Nest application on
 * Express and on Fastify (`variant: nestFloor`, `nestFastifyFloor`: reference lines, so the engine's
 * lines gain `ratioToNestFloor`): what Nest costs before a command does anything of its own.
 */
const before = process.env['W6_BEFORE_TREE'];
export const W6_TARGETS: readonly W6Target[] = [
  { store: 'raw-pg', mode: 'raw' },
  { store: 'postgres', mode: 'engine-postgres' },
  { store: 'pglite', mode: 'engine-pglite' },
  ...(process.env['W6_FLOOR'] === '1'
    ? [
        { store: 'raw-pg' as const, mode: 'nest-floor' as const, variant: 'nestFloor' },
        { store: 'raw-pg' as const, mode: 'nest-floor-fastify' as const, variant: 'nestFastifyFloor' },
      ]
    : []),
  ...(before === undefined
    ? []
    : (process.env['W6_BEFORE_STORES'] ?? 'postgres').split(',').map((store) => ({
        store: store as StoreName,
        mode: store === 'pglite' ? ('engine-pglite' as const) : ('engine-postgres' as const),
        variant: 'before',
        tree: before,
      }))),
];

type Child = Readonly<{ port: number; ask<T>(message: ToServer, answer: string): Promise<T>; stop(): Promise<void> }>;

const BENCH_TREE = join(__dirname, '..', '..');

/**
 * bench/http/serve.ts as plain JavaScript (node_modules/.cache, so it resolves this tree's pg): the
 * measured process runs without ts-node, as `npm start` does. Named after its content and written
 * by rename: checkouts that share one node_modules (worktrees) and bench at the same time never
 * start a half-written or another version's server.
 */
const compiledServe = (): string => {
  const { outputText } = transpileModule(readFileSync(join(BENCH_TREE, 'bench', 'http', 'serve.ts'), 'utf8'), {
    compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true },
  });
  const dir = join(BENCH_TREE, 'node_modules', '.cache', 'civic-ledger-bench');
  const out = join(dir, `serve-${createHash('sha256').update(outputText).digest('hex').slice(0, 16)}.js`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, outputText);
  renameSync(partial, out);
  return out;
};

/**
 * The service of `tree` compiled: this tree's dist/ is rebuilt when stale (bin/build.js
 * --if-stale); another tree (W6_BEFORE_TREE) must have been built already (it is not written to).
 */
const ensureCompiled = (tree: string): void => {
  if (tree === BENCH_TREE) execFileSync(process.execPath, [join(tree, 'bin', 'build.js'), '--if-stale'], { cwd: tree, stdio: ['ignore', 'inherit', 'inherit'] });
  else if (!existsSync(join(tree, 'dist', '.built'))) throw new Error(`W6: ${tree}/dist is missing: build that tree first (npm run build)`);
};

/** The raw baseline's table, created afresh before its server starts. */
const createRawTable = async (databaseUrl: string): Promise<void> => {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('DROP TABLE IF EXISTS raw_events');
    await pool.query(RAW_SCHEMA);
  } finally {
    await pool.end();
  }
};

/** The node flags of `tree`'s `npm start` (`node --flag ... dist/main.js`): the service runs with them here too. */
const startNodeFlags = (tree: string): string[] => {
  const { scripts } = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (scripts?.['start'] ?? '').split(/\s+/);
  return words[0] === 'node' ? words.slice(1).filter((word) => word.startsWith('--')) : [];
};

/**
 * Forks bench/http/serve.ts, compiled, in its own process (its stdout, the service's log, goes to
 * /dev/null); the engine modes run the compiled service (dist/) of `tree`.
 */
export const startServer = async (mode: ServeMode, databaseUrl: string, tree = BENCH_TREE): Promise<Child> => {
  if (mode === 'raw' || mode === 'nest-floor' || mode === 'nest-floor-fastify') await createRawTable(databaseUrl);
  else ensureCompiled(tree);
  const execArgv = process.env['W6_SERVER_NODE_OPTIONS']?.split(' ').filter(Boolean) ?? startNodeFlags(tree);
  const child: ChildProcess = fork(compiledServe(), [mode, databaseUrl, tree], {
    execArgv,
    cwd: tree,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waitFor = <T>(kind: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { kind: string } & Record<string, unknown>): void => {
        if (m.kind !== kind) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`bench server ${mode} exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await waitFor<{ port: number }>('ready');
  return {
    port: ready.port,
    ask: <T>(message: ToServer, answer: string) => {
      const reply = waitFor<T>(answer);
      child.send(message);
      return reply;
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'stop' } satisfies ToServer);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
};

let unique = 0;
const runId = Date.now().toString(36);

/**
 * One closed-loop measurement of `POST /api/v1/communities` (register) against a running server:
 * every request registers a new community (unique id) with a valid token for its township.
 */
export const w6Measure = async (
  child: Child,
  concurrency: number,
  o: Readonly<{ warmupMs: number; durationMs: number }>,
): Promise<Measurement> => {
  const token = await new TokenService(BENCH_JWT_SECRET).sign('bench-operator', ['township_government@township:t-1']);
  const prefix = `b${runId}-${(unique++).toString(36)}`;
  await child.ask({ kind: 'mark' }, 'marked');
  // The database's side of a request (every PostgreSQL process: backends, WAL writer, checkpointer), which the raw baseline pays too.
  const db0 = cpuMsByName('postgres');
  const client0 = process.cpuUsage();
  const result = await closedLoop({
    port: child.port,
    path: '/api/v1/communities',
    headers: { authorization: `Bearer ${token}` },
    concurrency,
    warmupMs: o.warmupMs,
    durationMs: o.durationMs,
    expectStatus: 201,
    ...(W6_RATE === undefined ? {} : { ratePerSec: W6_RATE }),
    body: (i) => JSON.stringify({ communityId: `${prefix}-${i}`, kind: 'village', name: `东河村 ${i}`, townshipRef: 't-1', districtRef: 'd-1' }),
  });
  // Let the read models finish before the stats (their CPU belongs to these requests, and their
  // catch-up must not load the next measurement); lag samples continue until then.
  const waitUntil = performance.now() + 15_000;
  while (performance.now() < waitUntil && !(await child.ask<{ value: boolean }>({ kind: 'caughtUp' }, 'caughtUp')).value) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const { stats } = await child.ask<{ stats: ServerStats }>({ kind: 'stats' }, 'stats');
  const dbMs = cpuMsByNameSince('postgres', db0);
  const client = process.cpuUsage(client0);
  if (result.failed > 0) process.stderr.write(`W6: ${result.failed} requests failed, first: ${result.firstFailure}\n`);
  // CPU is counted from the mark to the stats call (warm-up included): per request over all answered.
  const totalRequests = Math.max(1, result.answered);
  return {
    events: result.ok,
    elapsedMs: result.elapsedMs,
    latenciesMs: result.latenciesMs,
    extra: {
      failed: result.failed,
      serverCpuMsPerRequest: Number(((stats.cpuUserMs + stats.cpuSystemMs) / totalRequests).toFixed(3)),
      serverSystemCpuMsPerRequest: Number((stats.cpuSystemMs / totalRequests).toFixed(3)),
      dbCpuMsPerRequest: Number((dbMs / totalRequests).toFixed(3)),
      clientCpuMsPerRequest: Number(((client.user + client.system) / 1000 / totalRequests).toFixed(3)),
      ...(stats.lagSamples > 0 ? { readModelLagMaxMs: stats.lagMaxMs, readModelLagP99Ms: stats.lagP99Ms, readModelLagMaxEvents: stats.lagMaxEvents } : {}),
    },
  };
};
