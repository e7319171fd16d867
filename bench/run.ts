/**
 * `npm run bench`: throughput and latency of the event store against a raw-SQL baseline measured in
 * the same run. One JSON line per workload, store, size and concurrency on stdout; progress on stderr.
 * See bench/README.md for the workloads and flags.
 */
import { Command } from 'commander';
import { progressBar } from './lib/progress';
import { openRawPg, type RawPg } from './lib/raw-pg';
import { toLine, type Measurement, type StoreName, type WorkloadName } from './lib/stats';
import { ensureDatabase, openStore, resetDatabase, type EngineStore, type OpenedStore } from './lib/targets';
import { loadRaw, loadStore } from './workloads/load';
import { shapeFor, type Shape } from './workloads/shape';
import { w1Raw, w1Store } from './workloads/w1-append';
import { w2Raw, w2Store } from './workloads/w2-read';
import { w3Raw, w3Store } from './workloads/w3-projection';
import { w4Raw, w4Store, W4_WRITERS } from './workloads/w4-race';
import { seedW5, w5Admission, w5PlainAppend } from './workloads/w5-admission';
import { startServer, w6Measure, W6_CONCURRENCIES, W6_TARGETS } from './workloads/w6-http';
import { r1Read, r1Report, seedR1 } from './workloads/r1-report';

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
  admissions: number;
  reportEvents: number;
  reportCommunities: number;
  repeat: number;
  httpSeconds: number;
  httpWarmupSeconds: number;
};

const list = (value: string): string[] => value.split(',').map((v) => v.trim()).filter((v) => v !== '');

const parse = (argv: string[]): Options => {
  const program = new Command('bench')
    .option('--sizes <list>', 'event counts per measurement', '10000,100000')
    .option('--stores <list>', 'engine stores (postgres, pglite); the raw-pg baseline always runs', 'postgres,pglite')
    .option('--workloads <list>', 'W1,W2,W3,W4,W5,W6 (default), R1 (the compliance report over a large history: opt-in)', 'W1,W2,W3,W4,W5,W6')
    .option('--database-url <url>', 'PostgreSQL database for the bench (created if missing, reset per workload)', 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench')
    .option('--pglite-max-size <n>', 'largest size run on PGlite (it is single-session WASM and slow at 100k)', '10000')
    .option('--serial-max-size <n>', 'largest size run at 1 in flight (one commit per event: ~1 ms fsync each)', '10000')
    .option('--race-max-size <n>', 'W4: events won on the one raced stream (capped: every win costs a round of conflicts)', '2000')
    .option('--admissions <n>', 'W5: assignments admitted or refused against a list set of 250 items in 20 versions (sizes do not apply)', '10000')
    .option('--http-seconds <n>', 'W6: measured seconds per target and concurrency', '5')
    .option('--http-warmup-seconds <n>', 'W6: warm-up seconds before each measurement', '1')
    .option('--report-events <n>', 'R1: events in the generated history (sizes do not apply)', '1000000')
    .option('--report-communities <n>', 'R1: communities the history is spread over', '1000')
    .option('--repeat <n>', 'passes per workload and size; the median pass is printed (the machine is shared: noise)', '1')
    .parse(argv);
  const o = program.opts<{
    sizes: string;
    stores: string;
    workloads: string;
    databaseUrl: string;
    pgliteMaxSize: string;
    serialMaxSize: string;
    raceMaxSize: string;
    admissions: string;
    reportEvents: string;
    reportCommunities: string;
    repeat: string;
    httpSeconds: string;
    httpWarmupSeconds: string;
  }>();
  const sizes = list(o.sizes).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error(`--sizes: positive integers >= 10 expected, got ${o.sizes}`);
  const stores = list(o.stores);
  for (const s of stores) if (s !== 'postgres' && s !== 'pglite') throw new Error(`--stores: unknown store ${s}`);
  const workloads = list(o.workloads).map((w) => w.toUpperCase());
  for (const w of workloads) if (!['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'R1'].includes(w)) throw new Error(`--workloads: unknown workload ${w}`);
  return {
    sizes,
    stores: stores as EngineStore[],
    workloads: workloads as WorkloadName[],
    databaseUrl: o.databaseUrl,
    pgliteMaxSize: Number(o.pgliteMaxSize),
    serialMaxSize: Number(o.serialMaxSize),
    raceMaxSize: Number(o.raceMaxSize),
    admissions: Number(o.admissions),
    reportEvents: Number(o.reportEvents),
    reportCommunities: Number(o.reportCommunities),
    repeat: Math.max(1, Number(o.repeat)),
    httpSeconds: Number(o.httpSeconds),
    httpWarmupSeconds: Number(o.httpWarmupSeconds),
  };
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

/** One measurement of one pass; `role` says whether it is the baseline, a store, or a reference line. */
type Sample = Readonly<{ store: StoreName; concurrency: number; role: 'baseline' | 'store' | 'reference'; variant?: string; m: Measurement }>;
/** `pass`: which of the `repeat` passes this is, from 0. */
type Runner = (o: Options, stores: EngineStore[], shape: Shape, pass: number) => Promise<Sample[]>;

const noLoadMeasurement: Measurement = { events: 0, elapsedMs: 1, latenciesMs: [] };

const runW1: Runner = async (o, stores, shape) => {
  const samples: Sample[] = [];
  for (const c of concurrencies(o, shape)) {
    const base = await withRaw(o.databaseUrl, (raw) => timed(label('W1', 'raw-pg', shape, c), shape.events, (p) => w1Raw(raw, shape, c, p)));
    samples.push({ store: 'raw-pg', concurrency: c, role: 'baseline', m: base });
    const grouped = await withRaw(o.databaseUrl, (raw) =>
      timed(label('W1', 'raw-pg', shape, c, 'group commit'), shape.events, (p) => w1Raw(raw, shape, c, p, true)),
    );
    samples.push({ store: 'raw-pg', concurrency: c, role: 'reference', variant: 'groupCommit', m: grouped });
    for (const store of stores) {
      const m = await withStore(store, o.databaseUrl, (s) => timed(label('W1', store, shape, c), shape.events, (p) => w1Store(s, shape, c, p)));
      samples.push({ store, concurrency: c, role: 'store', m });
    }
  }
  return samples;
};

const runW2: Runner = async (o, stores, shape) => {
  const samples: Sample[] = [];
  await withRaw(o.databaseUrl, async (raw) => {
    await timed(label('W2', 'raw-pg', shape, 1, 'load'), shape.events, (p) => loadRaw(raw, shape, p));
    for (const c of concurrencies(o, shape)) {
      const m = await timed(label('W2', 'raw-pg', shape, c), shape.events, (p) => w2Raw(raw, shape, c, p));
      samples.push({ store: 'raw-pg', concurrency: c, role: 'baseline', m });
    }
  });
  for (const store of stores) {
    await withStore(store, o.databaseUrl, async (s) => {
      await timed(label('W2', store, shape, 8, 'load'), shape.events, async (p) => (await loadStore(s, shape, p), noLoadMeasurement));
      for (const c of concurrencies(o, shape)) {
        const m = await timed(label('W2', store, shape, c), shape.events, (p) => w2Store(s, shape, c, p));
        samples.push({ store, concurrency: c, role: 'store', m });
      }
    });
  }
  return samples;
};

/**
 * W3's baseline is a hand-written catch-up over the same events: pages by position, one statement
 * per page (upsert of per-stream aggregates plus the checkpoint). Writing the events themselves with
 * one multi-row INSERT per page (the earlier, easier baseline) is printed beside it for reference.
 */
const runW3: Runner = async (o, stores, shape) => {
  const samples: Sample[] = [];
  await withRaw(o.databaseUrl, async (raw) => {
    const batched = await timed(label('W3', 'raw-pg', shape, 1, 'batched insert'), shape.events, (p) => loadRaw(raw, shape, p));
    samples.push({ store: 'raw-pg', concurrency: 1, role: 'reference', variant: 'batchedInsert', m: batched });
    const catchUp = await timed(label('W3', 'raw-pg', shape, 1, 'catch-up'), shape.events, (p) => w3Raw(raw, shape, p));
    samples.push({ store: 'raw-pg', concurrency: 1, role: 'baseline', m: catchUp });
  });
  for (const store of stores) {
    const m = await withStore(store, o.databaseUrl, async (s) => {
      await timed(label('W3', store, shape, 8, 'load'), shape.events, async (p) => (await loadStore(s, shape, p), noLoadMeasurement));
      return timed(label('W3', store, shape, 1), shape.events, (p) => w3Store(s, shape, p));
    });
    samples.push({ store, concurrency: 1, role: 'store', m });
  }
  return samples;
};

const runW4: Runner = async (o, stores, shape) => {
  const target = Math.min(shape.events, o.raceMaxSize);
  const samples: Sample[] = [];
  const base = await withRaw(o.databaseUrl, (raw) => timed(label('W4', 'raw-pg', shape, W4_WRITERS), target, (p) => w4Raw(raw, target, p)));
  samples.push({ store: 'raw-pg', concurrency: W4_WRITERS, role: 'baseline', m: base });
  // W4 needs real concurrent sessions: PostgreSQL only.
  for (const store of stores.filter((s) => s === 'postgres')) {
    const m = await withStore(store, o.databaseUrl, (s) => timed(label('W4', store, shape, W4_WRITERS), target, (p) => w4Store(s, target, p)));
    samples.push({ store, concurrency: W4_WRITERS, role: 'store', m });
  }
  return samples;
};

/**
 * W5: admissions through the real handler against a list set of 250 items in 20 versions; the
 * baseline is a plain append of the same events on the same store, measured right after.
 */
const runW5: Runner = async (o, stores) => {
  const samples: Sample[] = [];
  for (const store of stores) {
    for (const c of CONCURRENCIES) {
      await withStore(store, o.databaseUrl, async (s) => {
        const seed = await seedW5(s);
        const admission = await timed(`W5 ${store} ${o.admissions} c=${c} admission`, o.admissions, (p) => w5Admission(s, o.admissions, c, p, seed));
        const plain = await timed(`W5 ${store} ${o.admissions} c=${c} plain append`, o.admissions, (p) => w5PlainAppend(s, c, p, o.admissions));
        const cached = await timed(`W5 ${store} ${o.admissions} c=${c} cached`, o.admissions, (p) => w5Admission(s, o.admissions, c, p, seed, 1000, o.admissions));
        samples.push({ store, concurrency: c, role: 'store', m: admission });
        samples.push({ store, concurrency: c, role: 'baseline', m: plain });
        samples.push({ store, concurrency: c, role: 'reference', m: cached });
      });
    }
  }
  return samples;
};

/**
 * W6: closed-loop `POST /api/v1/communities` over HTTP from this process against the service in a
 * process of its own (PostgreSQL and embedded mode) and a raw node:http + pg server (one INSERT per
 * request). The servers start once for every pass (a start compiles the service and migrates:
 * minutes on a loaded machine); at each concurrency the targets take turns, in an order that
 * rotates, so load from elsewhere hits all of them.
 */
type W6Server = Readonly<{ t: (typeof W6_TARGETS)[number]; child: Awaited<ReturnType<typeof startServer>> }>;
let w6Servers: Promise<W6Server[]> | undefined;

const startW6Servers = async (o: Options, stores: EngineStore[]): Promise<W6Server[]> => {
  await resetDatabase(o.databaseUrl);
  const targets = W6_TARGETS.filter((t) => t.store === 'raw-pg' || stores.includes(t.store as EngineStore));
  // Two engines on one PostgreSQL database would share cl_events: a database of its own per variant.
  const urlOf = (t: (typeof targets)[number]): string => (t.variant !== undefined && t.mode !== 'engine-pglite' ? `${o.databaseUrl}_${t.variant.toLowerCase()}` : o.databaseUrl);
  for (const t of targets) {
    if (t.variant === undefined || t.mode === 'engine-pglite') continue;
    await ensureDatabase(urlOf(t));
    await resetDatabase(urlOf(t));
  }
  return Promise.all(targets.map(async (t) => ({ t, child: await startServer(t.mode, urlOf(t), t.tree) })));
};

const stopW6Servers = async (): Promise<void> => {
  const servers = (await w6Servers?.catch(() => [])) ?? [];
  w6Servers = undefined;
  await Promise.all(servers.map((s) => s.child.stop()));
};

/**
 * The servers' order turns by one each pass and by one per concurrency: in a fixed order the server
 * that always ran first at 8 in flight used 0.44 against 0.31 ms of CPU per request for the same tree
 * run second (an A/A run with the trees swapped, bench/README "W1 at 8 in flight: two flushes of 4").
 */
const runW6: Runner = async (o, stores, _shape, pass) => {
  w6Servers ??= startW6Servers(o, stores);
  const servers = await w6Servers;
  const samples: Sample[] = [];
  for (const [i, c] of W6_CONCURRENCIES.entries()) {
    const turn = (i + pass) % servers.length;
    const order = [...servers.slice(turn), ...servers.slice(0, turn)];
    for (const { t, child } of order) {
      const m = await timed(`W6 ${t.store}${t.variant === undefined ? '' : ` ${t.variant}`} c=${c}`, 1, async (p) => {
        const r = await w6Measure(child, c, { warmupMs: o.httpWarmupSeconds * 1000, durationMs: o.httpSeconds * 1000 });
        p.tick();
        return r;
      });
      const sample: Sample = { store: t.store, concurrency: c, role: t.mode === 'raw' ? 'baseline' : t.store === 'raw-pg' ? 'reference' : 'store', ...(t.variant === undefined ? {} : { variant: t.variant }), m };
      // Every pass on stderr too, so an interrupted run still leaves its figures.
      process.stderr.write(`W6 pass: ${JSON.stringify({ ...sample, m: { ...m, latenciesMs: undefined, eventsPerSec: Math.round(m.events / (m.elapsedMs / 1000)) } })}\n`);
      samples.push(sample);
    }
  }
  return samples;
};


/**
 * R1: the report `all` over a generated history (PostgreSQL only); the baseline reads the same
 * pages without folding them. Time and peak RSS of this process are in each line.
 */
const runR1: Runner = async (o) => {
  const samples: Sample[] = [];
  const n = o.reportEvents;
  await withStore('postgres', o.databaseUrl, async (s) => {
    const seed = progressBar(`R1 seed ${n} in ${o.reportCommunities}`, n);
    try {
      await seedR1(s, n, o.reportCommunities, seed);
    } finally {
      seed.stop();
    }
    const read = await timed(`R1 postgres ${n} read only`, n, (p) => r1Read(s, n, p));
    const report = await timed(`R1 postgres ${n} report all`, n, (p) => r1Report(s, n, p));
    samples.push({ store: 'postgres', concurrency: 1, role: 'baseline', m: read });
    samples.push({ store: 'postgres', concurrency: 1, role: 'store', m: report });
  });
  return samples;
};

const RUNNERS: Record<WorkloadName, Runner> = { W1: runW1, W2: runW2, W3: runW3, W4: runW4, W5: runW5, W6: runW6, R1: runR1 };

const rate = (m: Measurement): number => m.events / (m.elapsedMs / 1000);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Runs a workload `repeat` times (baseline and stores alternate within each pass, so load from
 * elsewhere on the machine hits both), keeps the median pass per line and prints it with the
 * ratio to the baseline's median at the same concurrency.
 */
const measure = async (o: Options, workload: WorkloadName, stores: EngineStore[], shape: Shape): Promise<void> => {
  const groups = new Map<string, Sample[]>();
  for (let pass = 0; pass < o.repeat; pass++) {
    for (const sample of await RUNNERS[workload](o, stores, shape, pass)) {
      const key = `${sample.store}|${sample.concurrency}|${sample.role}|${sample.variant ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), sample]);
    }
  }
  const medians = [...groups.values()].map((runs) => {
    const sorted = [...runs].sort((a, b) => rate(a.m) - rate(b.m));
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as Sample;
    const extra = o.repeat > 1 ? { ...median.m.extra, runsEventsPerSec: runs.map((r) => Math.round(rate(r.m))) } : median.m.extra;
    return { ...median, m: { ...median.m, ...(extra === undefined ? {} : { extra }) } };
  });
  for (const sample of medians) {
    // W5 compares each store with its own plain append (same store, same run).
    const baseline = medians.find((b) => b.role === 'baseline' && b.concurrency === sample.concurrency && ((workload !== 'W5' && workload !== 'R1') || b.store === sample.store));
    // Stores also state their ratio to every reference line (e.g. ratioToGroupCommit).
    const references = medians.filter((r) => r.role === 'reference' && r.variant !== undefined && r.concurrency === sample.concurrency);
    const toReferences =
      sample.role === 'store' ? Object.fromEntries(references.map((r) => [`ratioTo${capitalise(r.variant as string)}`, Number((rate(sample.m) / rate(r.m)).toFixed(3))])) : {};
    const variant = sample.variant === undefined ? {} : { variant: sample.variant };
    const m = { ...sample.m, extra: { ...variant, ...sample.m.extra, ...toReferences } };
    const line = toLine(workload, sample.store, sample.concurrency, m, baseline === undefined ? undefined : rate(baseline.m), sample.role === 'baseline');
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
};

const main = async (): Promise<void> => {
  const o = parse(process.argv);
  await ensureDatabase(o.databaseUrl);
  const started = performance.now();
  for (const workload of o.workloads) {
    // W4 is capped at --race-max-size: sizes above it would repeat the same race.
    const sizes = workload === 'W4' ? [...new Set(o.sizes.map((n) => Math.min(n, o.raceMaxSize)))] : workload === 'W5' || workload === 'W6' ? [o.admissions] : workload === 'R1' ? [o.reportEvents] : o.sizes;
    for (const size of sizes) {
      const stores = o.stores.filter((s) => s !== 'pglite' || (size <= o.pgliteMaxSize && workload !== 'R1'));
      if (workload === 'W6') {
        try {
          await measure(o, workload, o.stores, shapeFor(10));
        } finally {
          await stopW6Servers();
        }
        continue;
      }
      await measure(o, workload, stores, shapeFor(size));
    }
  }
  process.stderr.write(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
