import { benchEvent, streamName } from '../lib/events';
import type { Progress } from '../lib/progress';
import type { RawPg } from '../lib/raw-pg';
import { ownedStreams, runWorkers, type Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';
import type { Shape } from './shape';

/**
 * W1: S streams x K events, one event per append with the exact expected revision. Each worker owns
 * every c-th stream and appends round by round (revision 0 of all its streams, then revision 1 ...),
 * so many streams are active at once, as in real traffic.
 */
const plan = (shape: Shape, concurrency: number) => {
  const owned = Array.from({ length: concurrency }, (_, w) => ownedStreams(shape.streams, concurrency, w));
  const at = (worker: number, index: number): { stream: string; revision: number } => {
    const mine = owned[worker] as number[];
    return { stream: streamName(mine[index % mine.length] as number), revision: Math.floor(index / mine.length) };
  };
  return { countFor: (w: number) => (owned[w] as number[]).length * shape.perStream, at };
};

export const w1Store = async (target: OpenedStore, shape: Shape, concurrency: number, progress: Progress): Promise<Measurement> => {
  const { countFor, at } = plan(shape, concurrency);
  const { elapsedMs, latenciesMs } = await runWorkers(
    concurrency,
    countFor,
    async (worker, index) => {
      const { stream, revision } = at(worker, index);
      await target.eventStore.appendToStream(stream, [benchEvent(stream, revision)], {
        expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
      });
    },
    () => progress.tick(),
  );
  const { rows } = await target.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM cl_events');
  if (Number(rows[0]?.n) !== shape.events) throw new Error(`W1 ${target.store}: stored ${rows[0]?.n}, expected ${shape.events}`);
  return { events: shape.events, elapsedMs, latenciesMs };
};

/** The raw baseline: one autocommit INSERT per event, or (`grouped`) group commit of what is in flight. */
export const w1Raw = async (raw: RawPg, shape: Shape, concurrency: number, progress: Progress, grouped = false): Promise<Measurement> => {
  const { countFor, at } = plan(shape, concurrency);
  const { elapsedMs, latenciesMs } = await runWorkers(
    concurrency,
    countFor,
    async (worker, index) => {
      const { stream, revision } = at(worker, index);
      await (grouped ? raw.insertGrouped : raw.insertOne)(stream, revision, benchEvent(stream, revision));
    },
    () => progress.tick(),
  );
  const { rows } = await raw.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM raw_events');
  if (Number(rows[0]?.n) !== shape.events) throw new Error(`W1 raw-pg: stored ${rows[0]?.n}, expected ${shape.events}`);
  return { events: shape.events, elapsedMs, latenciesMs };
};
