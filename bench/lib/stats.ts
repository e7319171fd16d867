/** Latency samples and the one JSON line each measurement prints. */
export type StoreName = 'postgres' | 'pglite' | 'raw-pg';
export type WorkloadName = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'R1';

export type Measurement = Readonly<{
  events: number;
  elapsedMs: number;
  latenciesMs: readonly number[];
  /** Workload-specific figures (wins, conflicts, chain checks ...), printed after the standard fields. */
  extra?: Readonly<Record<string, unknown>>;
}>;

export type ResultLine = Readonly<{
  workload: WorkloadName;
  store: StoreName;
  concurrency: number;
  events: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ratio: number | null;
  [extra: string]: unknown;
}>;

/** Nearest-rank percentile of an unsorted sample. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return 0;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
};

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export const toLine = (
  workload: WorkloadName,
  store: StoreName,
  concurrency: number,
  m: Measurement,
  baselineEventsPerSec: number | undefined,
  /** raw-pg lines are the baseline (ratio 1) unless marked otherwise (W3's reference catch-up). */
  isBaseline = true,
): ResultLine => {
  const eventsPerSec = m.events / (m.elapsedMs / 1000);
  const ratio = store === 'raw-pg' && isBaseline ? 1 : baselineEventsPerSec === undefined ? null : round(eventsPerSec / baselineEventsPerSec, 3);
  return {
    workload,
    store,
    concurrency,
    events: m.events,
    eventsPerSec: Math.round(eventsPerSec),
    p50Ms: round(percentile(m.latenciesMs, 50), 3),
    p99Ms: round(percentile(m.latenciesMs, 99), 3),
    ratio,
    ...(m.extra ?? {}),
  };
};

/**
 * Runs `concurrency` workers; worker w runs jobs 0..countFor(w)-1 in order, timing each. Work is
 * partitioned by worker so that two jobs on the same stream are never in flight together.
 */
export const runWorkers = async (
  concurrency: number,
  countFor: (worker: number) => number,
  job: (worker: number, index: number) => Promise<void>,
  onDone?: () => void,
): Promise<{ elapsedMs: number; latenciesMs: number[] }> => {
  const perWorker: number[][] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const count = countFor(worker);
      const samples = new Array<number>(count);
      perWorker.push(samples);
      for (let index = 0; index < count; index++) {
        const t0 = performance.now();
        await job(worker, index);
        samples[index] = performance.now() - t0;
        onDone?.();
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return { elapsedMs, latenciesMs: perWorker.flat() };
};

/** The streams worker `w` of `concurrency` owns: w, w + concurrency, ... */
export const ownedStreams = (streams: number, concurrency: number, worker: number): number[] => {
  const owned: number[] = [];
  for (let s = worker; s < streams; s += concurrency) owned.push(s);
  return owned;
};
