import { ConcurrencyError, ValidationError } from '../../../src/domain/shared';
import { SqlEventStore } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../../../src/infrastructure/event-store/sql/pglite-sql-client';
import { createPostgresSqlClient } from '../../../src/infrastructure/event-store/sql/postgres-sql-client';
import type { SqlClient } from '../../../src/infrastructure/event-store/sql/sql-client';
import { anEvent } from '../../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../../support/postgres';

/**
 * Group commit: appends that meet in one store's queue are written in one transaction, and each is
 * still checked and answered on its own (expected revision, command id, event ids).
 */
const groupCommitSpec = (name: string, open: () => Promise<{ sql: SqlClient; close: () => Promise<void> }>) => {
  describe(`group commit (${name})`, () => {
    let sql: SqlClient;
    let close: () => Promise<void>;
    let store: SqlEventStore;

    beforeAll(async () => {
      ({ sql, close } = await open());
      // One flush at a time: everything sent while the first append is in flight goes in one group.
      store = new SqlEventStore(sql, { maxFlushes: 1 });
      await store.migrate();
    });
    afterAll(async () => {
      await close?.();
    });

    const settle = <T>(promise: Promise<T>) =>
      promise.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );

    it('one request failing (conflict, reused event id) fails only that request; twins of a command store it once', async () => {
      const stored = anEvent('GroupTested');
      await store.appendToStream('g-existing', [stored], { expectedRevision: 'no_stream' });
      await store.appendToStream('g-any', [anEvent('GroupTested')], { expectedRevision: 'no_stream' });

      const results = await Promise.all([
        settle(store.appendToStream('g-first', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('g-twin', [anEvent('GroupTested')], { expectedRevision: 'no_stream', commandId: 'g-cmd' })),
        settle(store.appendToStream('g-twin', [anEvent('GroupTested')], { expectedRevision: 'no_stream', commandId: 'g-cmd' })),
        settle(store.appendToStream('g-race', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('g-race', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('g-reused', [anEvent('GroupTested'), { ...anEvent('GroupTested'), eventId: stored.eventId }], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('g-pair', [anEvent('GroupTested'), anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('g-any', [anEvent('GroupTested')], { expectedRevision: 'any' })),
        settle(store.appendToStream('g-any', [anEvent('GroupTested')], { expectedRevision: 'any' })),
      ]);
      const [first, twin1, twin2, race1, race2, reused, pair, any1, any2] = results;

      expect(first?.ok).toBe(true);
      // Twins: one stored, the other answered with the first result.
      if (!twin1?.ok || !twin2?.ok) throw new Error('a twin failed');
      expect([twin1.value.duplicate, twin2.value.duplicate].sort()).toEqual([false, true]);
      expect(twin1.value.positions).toEqual(twin2.value.positions);
      expect(await store.readStream('g-twin')).toHaveLength(1);
      // Two no_stream appends to one stream: exactly one wins.
      expect([race1?.ok, race2?.ok].sort()).toEqual([false, true]);
      const lost = [race1, race2].find((r) => r?.ok === false) as { error: unknown };
      expect(lost.error).toBeInstanceOf(ConcurrencyError);
      expect((lost.error as ConcurrencyError).actual).toBe(0n);
      // A reused event id fails that request and leaves nothing of it behind.
      expect(reused?.ok).toBe(false);
      expect((reused as { error: unknown }).error).toBeInstanceOf(ValidationError);
      expect(await store.readStream('g-reused')).toEqual([]);
      // 'any' chains again on the new head.
      if (!any1?.ok || !any2?.ok) throw new Error("an 'any' append failed");
      expect([any1.value.nextExpectedRevision, any2.value.nextExpectedRevision].sort()).toEqual([1n, 2n]);
      expect(pair?.ok && pair.value.positions.length).toBe(2);

      // They were written together: several streams in one transaction.
      const { rows } = await sql.query<{ streams: string }>(
        `SELECT count(DISTINCT stream_id)::text AS streams FROM cl_events
          WHERE transaction_id = (SELECT transaction_id FROM cl_events WHERE stream_id = 'g-pair' LIMIT 1)`,
      );
      expect(Number(rows[0]!.streams)).toBeGreaterThan(1);

      // Nothing skipped, nothing doubled: the feed has every stored event once, in position order.
      const all = await store.readAll({ limit: 1000 });
      const streams = ['g-existing', 'g-any', 'g-first', 'g-twin', 'g-race', 'g-pair'];
      const stored2 = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
      expect(all.map((e) => e.eventId).sort()).toEqual(stored2.map((e) => e.eventId).sort());
      for (let i = 1; i < all.length; i++) expect(all[i]!.globalPosition > all[i - 1]!.globalPosition).toBe(true);
    });

    it('a request the database refuses (an event id that is no uuid) fails alone; the rest of its group is stored', async () => {
      const results = await Promise.all([
        settle(store.appendToStream('h-first', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('h-good-1', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('h-bad', [{ ...anEvent('GroupTested'), eventId: 'not-a-uuid' }], { expectedRevision: 'no_stream' })),
        settle(store.appendToStream('h-good-2', [anEvent('GroupTested')], { expectedRevision: 'no_stream' })),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true, false, true]);
      expect((results[2] as { error: { code?: unknown } }).error.code).toBe('22P02');
      for (const stream of ['h-first', 'h-good-1', 'h-good-2']) expect(await store.readStream(stream)).toHaveLength(1);
      expect(await store.readStream('h-bad')).toEqual([]);
    });
  });
};

groupCommitSpec('PGlite', async () => {
  const sql = await createPgliteSqlClient();
  return { sql, close: () => sql.close() };
});

describePostgres('group commit on PostgreSQL', () => {
  groupCommitSpec('PostgreSQL', async () => {
    const database = await createTestDatabase('cl_group');
    const sql = createPostgresSqlClient(database.url, { maxConnections: 4 });
    return {
      sql,
      close: async () => {
        await sql.close();
        await database.drop();
      },
    };
  });

  describe("the store's defaults: what waits is split between two flushes of at least 4", () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let sql: SqlClient;
    let store: SqlEventStore;

    beforeAll(async () => {
      database = await createTestDatabase('cl_group_split');
      sql = createPostgresSqlClient(database.url, { maxConnections: 4 });
      store = new SqlEventStore(sql);
      await store.migrate();
      await store.appendToStream('s-warm', [anEvent('GroupTested')], { expectedRevision: 'no_stream' });
    });
    afterAll(async () => {
      await sql?.close();
      await database?.drop();
    });

    const transactionsOf = async (streams: readonly string[]): Promise<number[]> => {
      const { rows } = await sql.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM cl_events WHERE stream_id = ANY($1) GROUP BY transaction_id ORDER BY min(global_position)',
        [streams],
      );
      return rows.map((row) => Number(row.n));
    };

    it('8 appends that wait together are written as two transactions of 4', async () => {
      const streams = Array.from({ length: 8 }, (_, i) => `s-eight-${i}`);
      await Promise.all(streams.map((stream) => store.appendToStream(stream, [anEvent('GroupTested')], { expectedRevision: 'no_stream' })));
      expect(await transactionsOf(streams)).toEqual([4, 4]);
    });

    it('7 stay together: a share of 3 would not pay for a flush of its own', async () => {
      const streams = Array.from({ length: 7 }, (_, i) => `s-seven-${i}`);
      await Promise.all(streams.map((stream) => store.appendToStream(stream, [anEvent('GroupTested')], { expectedRevision: 'no_stream' })));
      expect(await transactionsOf(streams)).toEqual([7]);
    });

    it('two appends to one new stream, one in each flush: exactly one is stored, the other gets a conflict with the winner as head', async () => {
      const streams = ['s-a', 's-b', 's-c', 's-race', 's-race', 's-d', 's-e', 's-f'];
      const results = await Promise.allSettled(streams.map((stream) => store.appendToStream(stream, [anEvent('GroupTested')], { expectedRevision: 'no_stream' })));
      const race = [results[3], results[4]];
      expect(race.map((r) => r?.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = race.find((r) => r?.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConcurrencyError);
      expect((lost.reason as ConcurrencyError).actual).toBe(0n);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
      expect(await store.readStream('s-race')).toHaveLength(1);
      expect(await transactionsOf(['s-a', 's-b', 's-c', 's-race', 's-d', 's-e', 's-f'])).toEqual([4, 3]);
    });
  });
});
