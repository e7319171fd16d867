import { ConcurrencyError, GENESIS_HASH, type RecordedEvent } from '../../src/domain/shared';
import type { EnvelopeHasher } from '../../src/infrastructure/event-store/event-hash';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { benchEvent } from '../lib/events';
import type { Progress } from '../lib/progress';
import { isUniqueViolation, type RawPg } from '../lib/raw-pg';
import type { Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';

export const W4_WRITERS = 8;
const RACE_STREAM = 'bench-race-1';

/** `won` says whether the append went in; `revision` is the stream head the writer now knows. */
type Attempt = (known: number) => Promise<{ won: boolean; revision: number }>;

/**
 * Eight writers append one event at a time to one stream, each with the revision it last saw.
 * A loser learns the actual revision from the conflict and tries again, until `target` events won.
 */
const race = async (target: number, progress: Progress, attempt: Attempt) => {
  let wins = 0;
  let conflicts = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: W4_WRITERS }, async () => {
      let known = -1;
      while (wins < target) {
        const t0 = performance.now();
        const outcome = await attempt(known);
        latenciesMs.push(performance.now() - t0);
        known = outcome.revision;
        if (outcome.won) {
          wins++;
          progress.tick();
        } else {
          conflicts++;
        }
      }
    }),
  );
  return { wins, conflicts, latenciesMs, elapsedMs: performance.now() - started };
};

/** Gapless revisions 0..n-1 and a hash chain that recomputes from the genesis hash. */
export const checkStream = (events: readonly RecordedEvent[], hasher: EnvelopeHasher): { gapless: boolean; chainIntact: boolean } => {
  let gapless = true;
  let chainIntact = true;
  let prev = GENESIS_HASH;
  events.forEach((event, index) => {
    if (event.streamRevision !== BigInt(index)) gapless = false;
    if (event.prevHash !== prev || hasher.hash(event) !== event.hash) chainIntact = false;
    prev = event.hash;
  });
  return { gapless, chainIntact };
};

export const w4Store = async (store: OpenedStore, target: number, progress: Progress): Promise<Measurement> => {
  const result = await race(target, progress, async (known) => {
    try {
      const appended = await store.eventStore.appendToStream(RACE_STREAM, [benchEvent(RACE_STREAM, known + 1)], {
        expectedRevision: known < 0 ? 'no_stream' : BigInt(known),
      });
      return { won: true, revision: Number(appended.nextExpectedRevision) };
    } catch (error) {
      if (error instanceof ConcurrencyError) return { won: false, revision: Number(error.actual) };
      throw error;
    }
  });
  const events = await store.eventStore.readStream(RACE_STREAM);
  const check = checkStream(events, await verifyHasher(store.sql));
  return {
    events: result.wins,
    elapsedMs: result.elapsedMs,
    latenciesMs: result.latenciesMs,
    extra: { writers: W4_WRITERS, wins: result.wins, conflicts: result.conflicts, streamLength: events.length, ...check },
  };
};

export const w4Raw = async (raw: RawPg, target: number, progress: Progress): Promise<Measurement> => {
  const result = await race(target, progress, async (known) => {
    try {
      await raw.insertOne(RACE_STREAM, known + 1, benchEvent(RACE_STREAM, known + 1));
      return { won: true, revision: known + 1 };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const { rows } = await raw.pool.query<{ head: string | null }>(
        'SELECT max(stream_revision)::text AS head FROM raw_events WHERE stream_id = $1',
        [RACE_STREAM],
      );
      return { won: false, revision: Number(rows[0]?.head ?? -1) };
    }
  });
  const { rows } = await raw.pool.query<{ n: string; min: string | null; max: string | null }>(
    'SELECT count(*)::text AS n, min(stream_revision)::text AS min, max(stream_revision)::text AS max FROM raw_events WHERE stream_id = $1',
    [RACE_STREAM],
  );
  const n = Number(rows[0]?.n);
  const gapless = Number(rows[0]?.min) === 0 && Number(rows[0]?.max) === n - 1;
  return {
    events: result.wins,
    elapsedMs: result.elapsedMs,
    latenciesMs: result.latenciesMs,
    extra: { writers: W4_WRITERS, wins: result.wins, conflicts: result.conflicts, streamLength: n, gapless, chainIntact: null },
  };
};
