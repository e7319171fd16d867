import { streamName } from '../lib/events';
import type { Progress } from '../lib/progress';
import type { RawPg } from '../lib/raw-pg';
import { ownedStreams, runWorkers, type Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';
import type { Shape } from './shape';

/** W2: read every stream back in full (readStream); latency is per stream read. */
export const w2Store = async (target: OpenedStore, shape: Shape, concurrency: number, progress: Progress): Promise<Measurement> => {
  const owned = Array.from({ length: concurrency }, (_, w) => ownedStreams(shape.streams, concurrency, w));
  let read = 0;
  const { elapsedMs, latenciesMs } = await runWorkers(
    concurrency,
    (w) => (owned[w] as number[]).length,
    async (worker, index) => {
      const events = await target.eventStore.readStream(streamName((owned[worker] as number[])[index] as number));
      if (events.length !== shape.perStream) throw new Error(`W2 ${target.store}: read ${events.length} events`);
      read += events.length;
    },
    () => progress.tick(shape.perStream),
  );
  return { events: read, elapsedMs, latenciesMs };
};

const RAW_READ_SQL =
  'SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, prev_hash, hash ' +
  'FROM raw_events WHERE stream_id = $1 ORDER BY stream_revision';

export const w2Raw = async (raw: RawPg, shape: Shape, concurrency: number, progress: Progress): Promise<Measurement> => {
  const owned = Array.from({ length: concurrency }, (_, w) => ownedStreams(shape.streams, concurrency, w));
  let read = 0;
  const { elapsedMs, latenciesMs } = await runWorkers(
    concurrency,
    (w) => (owned[w] as number[]).length,
    async (worker, index) => {
      const { rows } = await raw.pool.query(RAW_READ_SQL, [streamName((owned[worker] as number[])[index] as number)]);
      if (rows.length !== shape.perStream) throw new Error(`W2 raw-pg: read ${rows.length} events`);
      read += rows.length;
    },
    () => progress.tick(shape.perStream),
  );
  return { events: read, elapsedMs, latenciesMs };
};
