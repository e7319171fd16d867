import { Client } from 'pg';
import { ConcurrencyError, GENESIS_HASH, type RecordedEvent } from '../../../src/domain/shared';
import type { ExpectedRevision } from '../../../src/application/ports/event-store.port';
import { verifyHasher } from '../../../src/infrastructure/event-store/sql/server-secrets';
import type { EnvelopeHasher } from '../../../src/infrastructure/event-store/event-hash';
import { SqlEventStore } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { anEvent } from '../../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../../support/postgres';

const WRITERS = 8;
const APPENDS_PER_OWN_STREAM = 15;
const WINS_WANTED_PER_RACER = 6;
const MAX_TRIES_PER_APPEND = 40;
const HOT_STREAM = 'hot-1';

type RaceTally = { wins: number; conflicts: number; attempts: number; gaveUp: number; unexpected: unknown[] };

/**
 * Separate clients: each writer is its own client (own pool, own head cache), as separate processes
 * would be. One client: all 16 writers share one store that flushes one group at a time, so the
 * appends that meet in its queue (racers on the hot stream included) are written together.
 */
const WRITER_SETUPS: readonly [string, (url: string) => SqlEventStore[]][] = [
  ['separate clients', (url) => Array.from({ length: 2 * WRITERS }, () => new SqlEventStore(createPostgresSqlClient(url, { maxConnections: 1 })))],
  [
    'one client, group commit',
    (url) => {
      const shared = new SqlEventStore(createPostgresSqlClient(url, { maxConnections: 2 }), { maxFlushes: 1 });
      return Array.from({ length: 2 * WRITERS }, () => shared);
    },
  ],
];

for (const [setupName, makeWriters] of WRITER_SETUPS) {
describePostgres(`event store under concurrent writers and a concurrent reader (PostgreSQL, ${setupName})`, () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  const writers: SqlEventStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('cl_concurrency');
    storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    writers.push(...makeWriters(database.url));
  });
  afterAll(async () => {
    await Promise.all([...new Set(writers)].map((w) => w.close()));
    await storage?.eventStore.close();
    await database?.drop();
  });

  const committed = new Map<string, bigint>();
  const record = (ids: readonly string[], positions: readonly bigint[]) => ids.forEach((id, i) => committed.set(id, positions[i]!));

  const ownStreamWriter = async (store: SqlEventStore, w: number): Promise<void> => {
    let expected: ExpectedRevision = 'no_stream';
    for (let i = 0; i < APPENDS_PER_OWN_STREAM; i++) {
      const batch = Array.from({ length: 1 + (i % 3) }, () => anEvent('OwnStreamAppended', { w, i }));
      const result = await store.appendToStream(`own-${w}`, batch, { expectedRevision: expected });
      record(result.eventIds, result.positions);
      expected = result.nextExpectedRevision;
    }
  };

  const racer = async (store: SqlEventStore, w: number, tally: RaceTally): Promise<void> => {
    for (let k = 0; k < WINS_WANTED_PER_RACER; k++) {
      let won = false;
      for (let attempt = 0; attempt < MAX_TRIES_PER_APPEND && !won; attempt++) {
        const [head] = await store.readStream(HOT_STREAM, { direction: 'backwards', maxCount: 1 });
        const expected: ExpectedRevision = head === undefined ? 'no_stream' : head.streamRevision;
        tally.attempts++;
        try {
          const result = await store.appendToStream(HOT_STREAM, [anEvent('HotStreamAppended', { w, k })], { expectedRevision: expected });
          record(result.eventIds, result.positions);
          tally.wins++;
          won = true;
        } catch (error) {
          if (error instanceof ConcurrencyError) tally.conflicts++;
          else tally.unexpected.push(error);
        }
      }
      if (!won) tally.gaveUp++;
    }
  };

  /** Pages through readAll while writers run; stops once writers are done and a page comes back empty. */
  const pagingReader = async (isDone: () => boolean): Promise<RecordedEvent[]> => {
    const seen: RecordedEvent[] = [];
    let after = 0n;
    for (;;) {
      const done = isDone();
      const page = await storage.eventStore.readAll({ after, limit: 7 });
      seen.push(...page);
      if (page.length > 0) after = page[page.length - 1]!.globalPosition;
      else if (done) return seen;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const subscriber = async (expectedCount: () => number | undefined): Promise<RecordedEvent[]> => {
    const seen: RecordedEvent[] = [];
    const subscription = storage.eventStore.subscribeToAll({ pollIntervalMs: 5 });
    const deadline = Date.now() + 15_000;
    const timer = setInterval(() => {
      const total = expectedCount();
      if ((total !== undefined && seen.length >= total) || Date.now() > deadline) void subscription.close();
    }, 10);
    try {
      for await (const event of subscription) seen.push(event);
    } finally {
      clearInterval(timer);
    }
    return seen;
  };

  const expectExactlyOnceInOrder = (seen: readonly RecordedEvent[]) => {
    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(committed.size);
    expect(new Set(ids)).toEqual(new Set(committed.keys()));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.globalPosition > seen[i - 1]!.globalPosition).toBe(true);
    for (const event of seen) expect(event.globalPosition).toBe(committed.get(event.eventId));
  };

  const expectGaplessChain = (events: readonly RecordedEvent[], hasher: EnvelopeHasher) => {
    let prevHash = GENESIS_HASH;
    events.forEach((event, index) => {
      expect(event.streamRevision).toBe(BigInt(index));
      expect(event.prevHash).toBe(prevHash);
      expect(hasher.hash(event)).toBe(event.hash);
      prevHash = event.hash;
    });
  };

  it('8 writers on own streams and 8 racing on one stream: every committed event is read once, in order; losers get ConcurrencyError', async () => {
    const tally: RaceTally = { wins: 0, conflicts: 0, attempts: 0, gaveUp: 0, unexpected: [] };
    let writersDone = false;
    let total: number | undefined;
    const reading = pagingReader(() => writersDone);
    const subscribed = subscriber(() => total);
    await Promise.all([
      ...writers.slice(0, WRITERS).map((store, w) => ownStreamWriter(store, w)),
      ...writers.slice(WRITERS).map((store, w) => racer(store, w, tally)),
    ]);
    writersDone = true;
    total = committed.size;
    const [seenByPaging, seenBySubscription] = await Promise.all([reading, subscribed]);

    expect(tally.unexpected).toEqual([]);
    expect(tally.wins + tally.conflicts).toBe(tally.attempts);
    expect(tally.wins + tally.gaveUp).toBe(WRITERS * WINS_WANTED_PER_RACER);
    expect(tally.conflicts).toBeGreaterThan(0);

    const hot = await storage.eventStore.readStream(HOT_STREAM);
    expect(hot).toHaveLength(tally.wins);
    const hasher = await verifyHasher(storage.sql);
    expectGaplessChain(hot, hasher);
    for (let w = 0; w < WRITERS; w++) {
      const own = await storage.eventStore.readStream(`own-${w}`);
      expect(own).toHaveLength(Array.from({ length: APPENDS_PER_OWN_STREAM }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0));
      expectGaplessChain(own, hasher);
    }

    expectExactlyOnceInOrder(seenByPaging);
    expectExactlyOnceInOrder(seenBySubscription);

    // Group commit shows as transactions that wrote to more than one stream; separate clients never do.
    const { rows } = await storage.sql.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM (SELECT transaction_id FROM cl_events GROUP BY transaction_id HAVING count(DISTINCT stream_id) > 1) t',
    );
    if (setupName === 'separate clients') expect(Number(rows[0]!.n)).toBe(0);
    else expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });

  it('a reader by position alone misses an event that commits late; readAll holds later events back until it commits', async () => {
    const raw = new Client({ connectionString: database.url });
    await raw.connect();
    try {
      const after = await storage.eventStore.headPosition();
      const early = anEvent('CommittedLate');
      const prevHash = GENESIS_HASH;
      const payload = [{ ...early, prevHash, hash: (await verifyHasher(storage.sql)).hash({ ...early, stream: 'late-1', streamRevision: 0n, prevHash }) }];

      await raw.query('BEGIN');
      const { rows } = await raw.query('SELECT * FROM cl_append($1, -1, NULL, NULL, $2::jsonb)', ['late-1', JSON.stringify(payload)]);
      const earlyPosition = BigInt(String((rows[0] as { out_positions: unknown[] }).out_positions[0]));

      const later = await storage.eventStore.appendToStream('late-2', [anEvent('CommittedFirst')], { expectedRevision: 'no_stream' });
      const laterPosition = later.positions[0]!;
      expect(laterPosition > earlyPosition).toBe(true);

      // The classic reader: by position only. It sees the later event and moves past the earlier one.
      const naive = async (from: bigint) =>
        (
          await storage.sql.query<{ global_position: string }>(
            'SELECT global_position FROM cl_events WHERE global_position > $1 ORDER BY global_position',
            [from.toString()],
          )
        ).rows.map((r) => BigInt(r.global_position));
      const naiveFirst = await naive(after);
      expect(naiveFirst).toEqual([laterPosition]);
      const naiveCheckpoint = naiveFirst[naiveFirst.length - 1]!;

      // The store's reader returns nothing while an earlier position may still commit.
      expect(await storage.eventStore.readAll({ after })).toEqual([]);
      expect(await storage.eventStore.headPosition()).toBe(after);

      await raw.query('COMMIT');

      expect(await naive(naiveCheckpoint)).toEqual([]);
      expect((await naive(after)).includes(earlyPosition)).toBe(true);
      const both = await storage.eventStore.readAll({ after });
      expect(both.map((e) => [e.eventId, e.globalPosition])).toEqual([
        [early.eventId, earlyPosition],
        [later.eventIds[0], laterPosition],
      ]);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await raw.end();
    }
  });
});
}
