/**
 * `npm run bench`: throughput and latency of the event store against a raw-SQL baseline measured in
 * the same run. One JSON line per workload, store, size and concurrency on stdout; progress on stderr.
 * See bench/README.md for the workloads and flags.
 */
import { Command } from 'commander';
import { progressBar } from './lib/progress';
import { openRawPg, type RawPg } from './lib/raw-pg';
import { toLine, type Measurement, type StoreName, type WorkloadName } from './lib/stats';
import { ensureDatabase, openStore, type EngineStore, type OpenedStore } from './lib/targets';
import { loadRaw, loadStore } from './workloads/load';
import { shapeFor, type Shape } from './workloads/shape';
import { w1Raw, w1Store } from './workloads/w1-append';
import { w2Raw, w2Store } from './workloads/w2-read';
import { w3Raw, w3Store } from './workloads/w3-projection';
import { w4Raw, w4Store, W4_WRITERS } from './workloads/w4-race';

const POOL_SIZE = 10;
const CONCURRENCIES = [1, 8] as const;

type Options = {
  sizes: number[];
  stores: EngineStore[];
  workloads: WorkloadName[];
  databaseUrl: string;
  pgliteMaxSize: number;
  serialMaxSize: number;
  raceMaxSize: number;
};

const list = (value: string): string[] => value.split(',').map((v) => v.trim()).filter((v) => v !== '');

const parse = (argv: string[]): Options => {
  const program = new Command('bench')
    .option('--sizes <list>', 'event counts per measurement', '10000,100000')
    .option('--stores <list>', 'engine stores (postgres, pglite); the raw-pg baseline always runs', 'postgres,pglite')
    .option('--workloads <list>', 'W1,W2,W3,W4', 'W1,W2,W3,W4')
    .option('--database-url <url>', 'PostgreSQL database for the bench (created if missing, reset per workload)', 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench')
    .option('--pglite-max-size <n>', 'largest size run on PGlite (it is single-session WASM and slow at 100k)', '10000')
    .option('--serial-max-size <n>', 'largest size run at 1 in flight (one commit per event: ~1 ms fsync each)', '10000')
    .option('--race-max-size <n>', 'W4: events won on the one raced stream (capped: every win costs a round of conflicts)', '2000')
    .parse(argv);
  const o = program.opts<{
    sizes: string;
    stores: string;
    workloads: string;
    databaseUrl: string;
    pgliteMaxSize: string;
    serialMaxSize: string;
    raceMaxSize: string;
  }>();
  const sizes = list(o.sizes).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes: positive integers >= 10 expected, got ${o.sizes}`);
  const stores = list(o.stores);
  for (const s of stores) if (s !== 'postgres' && s !== 'pglite') throw new Error(`--stores: unknown store ${s}`);
  const workloads = list(o.workloads).map((w) => w.toUpperCase());
  for (const w of workloads) if (!['W1', 'W2', 'W3', 'W4'].includes(w)) throw new Error(`--workloads: unknown workload ${w}`);
  return {
    sizes,
    stores: stores as EngineStore[],
    workloads: workloads as WorkloadName[],
    databaseUrl: o.databaseUrl,
    pgliteMaxSize: Number(o.pgliteMaxSize),
    serialMaxSize: Number(o.serialMaxSize),
    raceMaxSize: Number(o.raceMaxSize),
  };
};

const emit = (workload: WorkloadName, store: StoreName, concurrency: number, m: Measurement, baseline?: number, isBaseline = true): number => {
  const line = toLine(workload, store, concurrency, m, baseline, isBaseline);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line.eventsPerSec;
};

const withRaw = async <T>(url: string, fn: (raw: RawPg) => Promise<T>): Promise<T> => {
  const raw = await openRawPg(url, POOL_SIZE);
  try {
    return await fn(raw);
  } finally {
    await raw.close();
  }
};

const withStore = async <T>(store: EngineStore, url: string, fn: (s: OpenedStore) => Promise<T>): Promise<T> => {
  const opened = await openStore(store, url, POOL_SIZE);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
};

const label = (w: WorkloadName, store: string, shape: Shape, c: number, what = ''): string =>
  `${w} ${store} ${shape.events} c=${c}${what === '' ? '' : ` ${what}`}`;

const timed = async (text: string, total: number, fn: (p: ReturnType<typeof progressBar>) => Promise<Measurement>) => {
  const bar = progressBar(text, total);
  try {
    return await fn(bar);
  } finally {
    bar.stop();
  }
};

const concurrencies = (o: Options, shape: Shape): number[] => CONCURRENCIES.filter((c) => c > 1 || shape.events <= o.serialMaxSize);

const runW1 = async (o: Options, stores: EngineStore[], shape: Shape): Promise<void> => {
  for (const c of concurrencies(o, shape)) {
    const base = await withRaw(o.databaseUrl, (raw) => timed(label('W1', 'raw-pg', shape, c), shape.events, (p) => w1Raw(raw, shape, c, p)));
    const baseRate = emit('W1', 'raw-pg', c, base);
    for (const store of stores) {
      const m = await withStore(store, o.databaseUrl, (s) => timed(label('W1', store, shape, c), shape.events, (p) => w1Store(s, shape, c, p)));
      emit('W1', store, c, m, baseRate);
    }
  }
};

const runW2 = async (o: Options, stores: EngineStore[], shape: Shape): Promise<void> => {
  const baseRates = new Map<number, number>();
  await withRaw(o.databaseUrl, async (raw) => {
    await timed(label('W2', 'raw-pg', shape, 1, 'load'), shape.events, (p) => loadRaw(raw, shape, p));
    for (const c of concurrencies(o, shape)) {
      const m = await timed(label('W2', 'raw-pg', shape, c), shape.events, (p) => w2Raw(raw, shape, c, p));
      baseRates.set(c, emit('W2', 'raw-pg', c, m));
    }
  });
  for (const store of stores) {
    await withStore(store, o.databaseUrl, async (s) => {
      await timed(label('W2', store, shape, 8, 'load'), shape.events, async (p) => (await loadStore(s, shape, p), { events: 0, elapsedMs: 1, latenciesMs: [] }));
      for (const c of concurrencies(o, shape)) {
        const m = await timed(label('W2', store, shape, c), shape.events, (p) => w2Store(s, shape, c, p));
        emit('W2', store, c, m, baseRates.get(c));
      }
    });
  }
};

/**
 * W3's baseline is the same events written with one multi-row INSERT per batch (the brief's
 * "batched variant"); a hand-written catch-up over them is printed beside it for reference.
 */
const runW3 = async (o: Options, stores: EngineStore[], shape: Shape): Promise<void> => {
  const baseRate = await withRaw(o.databaseUrl, async (raw) => {
    const batched = await timed(label('W3', 'raw-pg', shape, 1, 'batched insert'), shape.events, (p) => loadRaw(raw, shape, p));
    const rate = emit('W3', 'raw-pg', 1, batched);
    const catchUp = await timed(label('W3', 'raw-pg', shape, 1, 'catch-up'), shape.events, (p) => w3Raw(raw, shape, p));
    emit('W3', 'raw-pg', 1, { ...catchUp, extra: { ...catchUp.extra, variant: 'hand-written-catch-up' } }, rate, false);
    return rate;
  });
  for (const store of stores) {
    const m = await withStore(store, o.databaseUrl, async (s) => {
      await timed(label('W3', store, shape, 8, 'load'), shape.events, async (p) => (await loadStore(s, shape, p), { events: 0, elapsedMs: 1, latenciesMs: [] }));
      return timed(label('W3', store, shape, 1), shape.events, (p) => w3Store(s, shape, p));
    });
    emit('W3', store, 1, m, baseRate);
  }
};

const runW4 = async (o: Options, stores: EngineStore[], shape: Shape): Promise<void> => {
  const target = Math.min(shape.events, o.raceMaxSize);
  const base = await withRaw(o.databaseUrl, (raw) => timed(label('W4', 'raw-pg', shape, W4_WRITERS), target, (p) => w4Raw(raw, target, p)));
  const baseRate = emit('W4', 'raw-pg', W4_WRITERS, base);
  // W4 needs real concurrent sessions: PostgreSQL only.
  for (const store of stores.filter((s) => s === 'postgres')) {
    const m = await withStore(store, o.databaseUrl, (s) => timed(label('W4', store, shape, W4_WRITERS), target, (p) => w4Store(s, target, p)));
    emit('W4', store, W4_WRITERS, m, baseRate);
  }
};

const RUNNERS: Record<WorkloadName, (o: Options, stores: EngineStore[], shape: Shape) => Promise<void>> = {
  W1: runW1,
  W2: runW2,
  W3: runW3,
  W4: runW4,
};

const main = async (): Promise<void> => {
  const o = parse(process.argv);
  await ensureDatabase(o.databaseUrl);
  const started = performance.now();
  for (const workload of o.workloads) {
    // W4 is capped at --race-max-size: sizes above it would repeat the same race.
    const sizes = workload === 'W4' ? [...new Set(o.sizes.map((n) => Math.min(n, o.raceMaxSize)))] : o.sizes;
    for (const size of sizes) {
      const shape = shapeFor(size);
      const stores = o.stores.filter((s) => s !== 'pglite' || size <= o.pgliteMaxSize);
      await RUNNERS[workload](o, stores, shape);
    }
  }
  process.stderr.write(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
