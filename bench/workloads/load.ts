import { benchEvent, streamName } from '../lib/events';
import type { Progress } from '../lib/progress';
import type { RawPg } from '../lib/raw-pg';
import { ownedStreams, runWorkers, type Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';
import type { Shape } from './shape';

const LOAD_CONCURRENCY = 8;
export const RAW_ROWS_PER_INSERT = 1000;

/** Untimed setup for W2/W3: every stream's K events in one append (the store's batch path). */
export const loadStore = async (target: OpenedStore, shape: Shape, progress: Progress): Promise<void> => {
  const owned = Array.from({ length: LOAD_CONCURRENCY }, (_, w) => ownedStreams(shape.streams, LOAD_CONCURRENCY, w));
  await runWorkers(
    LOAD_CONCURRENCY,
    (w) => (owned[w] as number[]).length,
    async (worker, index) => {
      const stream = streamName((owned[worker] as number[])[index] as number);
      const events = Array.from({ length: shape.perStream }, (_, revision) => benchEvent(stream, revision));
      await target.eventStore.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    },
    () => progress.tick(shape.perStream),
  );
};

/**
 * The raw baseline's load: the same rows, one multi-row INSERT (one transaction) per
 * RAW_ROWS_PER_INSERT events. Timed, because it is also W3's batched baseline.
 */
export const loadRaw = async (raw: RawPg, shape: Shape, progress: Progress): Promise<Measurement> => {
  const latenciesMs: number[] = [];
  let elapsedMs = 0;
  let batch: [string, number, ReturnType<typeof benchEvent>][] = [];
  for (let s = 0; s < shape.streams; s++) {
    const stream = streamName(s);
    for (let revision = 0; revision < shape.perStream; revision++) batch.push([stream, revision, benchEvent(stream, revision)]);
    if (batch.length >= RAW_ROWS_PER_INSERT || s === shape.streams - 1) {
      const t0 = performance.now();
      await raw.insertMany(batch);
      const took = performance.now() - t0;
      latenciesMs.push(took);
      elapsedMs += took;
      progress.tick(batch.length);
      batch = [];
    }
  }
  return { events: shape.events, elapsedMs, latenciesMs, extra: { baseline: 'batched-insert', batchSize: RAW_ROWS_PER_INSERT } };
};
