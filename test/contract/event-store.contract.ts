import { ConcurrencyError, GENESIS_HASH, type RecordedEvent } from '../../src/domain/shared';
import type { EventStore, EventToAppend, ExpectedRevision } from '../../src/application/ports/event-store.port';
import type { EnvelopeHasher } from '../../src/infrastructure/event-store/event-hash';
import { uuidV7IdGenerator } from '../../src/infrastructure/serialization/uuid-v7-id-generator';

/**
 * Two clients of the same store (separate instances, separate caches) and how to close them.
 * The second one lets the suite prove that the store itself, not a client cache, enforces revisions.
 */
export type EventStoreFixture = Readonly<{ store: EventStore; second: EventStore; hasher: () => Promise<EnvelopeHasher>; close: () => Promise<void> }>;

let counter = 0;
const uniqueStream = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const anEvent = (type = 'ContractTested', data: Record<string, unknown> = {}, commandId = 'cmd-contract'): EventToAppend => ({
  eventId: uuidV7IdGenerator.newId(),
  type,
  schemaVersion: 1,
  data: { note: 'plain data', count: 1, nested: { flag: true, list: [1, 'two'] }, ...data },
  metadata: {
    actor: 'actor-1',
    actorRoles: ['resident'],
    commandId,
    correlationId: 'corr-1',
    causationId: 'cause-1',
    occurredAt: '2026-03-01T09:00:00+08:00',
    recordedAt: '2026-03-01T01:00:05.000Z',
  },
});

const events = (n: number, type?: string): EventToAppend[] => Array.from({ length: n }, (_, i) => anEvent(type, { i }));

const revisions = (recorded: readonly RecordedEvent[]): bigint[] => recorded.map((e) => e.streamRevision);

const expectConflict = async (promise: Promise<unknown>, actual: bigint): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect((error as ConcurrencyError).actual).toBe(actual);
  expect((error as ConcurrencyError).code).toBe('STREAM.WRONG_EXPECTED_REVISION');
};

/** Pulls `n` events from an async iterator, failing after `timeoutMs`. */
const take = async (iterator: AsyncIterator<RecordedEvent>, n: number, timeoutMs = 5000): Promise<RecordedEvent[]> => {
  const taken: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < n) {
    const remaining = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(remaining, 0));
      }),
    ]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`subscription delivered ${taken.length} of ${n} events in ${timeoutMs} ms`);
    if (next.done === true) break;
    taken.push(next.value);
  }
  return taken;
};

/** The event-store port contract (docs/architecture.md "The event store port"), run against every adapter. */
export const eventStoreContract = (name: string, factory: () => Promise<EventStoreFixture>): void => {
  describe(`${name}: event store contract`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.close();
    });

    describe('expected revision', () => {
      it('no_stream: creates a new stream at revision 0', async () => {
        const stream = uniqueStream('rev');
        const result = await store.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.duplicate).toBe(false);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n]);
      });

      it('no_stream: refused when the stream exists, with the actual revision', async () => {
        const stream = uniqueStream('rev');
        await store.appendToStream(stream, events(2), { expectedRevision: 'no_stream' });
        await expectConflict(store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' }), 1n);
        await expectConflict(fixture.second.appendToStream(stream, events(1), { expectedRevision: 'no_stream' }), 1n);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stream_exists: refused for a missing stream with actual revision -1', async () => {
        const stream = uniqueStream('rev');
        await expectConflict(store.appendToStream(stream, events(1), { expectedRevision: 'stream_exists' }), -1n);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('stream_exists: appends to an existing stream', async () => {
        const stream = uniqueStream('rev');
        await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        const result = await fixture.second.appendToStream(stream, events(2), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n, 2n]);
      });

      it('any: appends to a missing and to an existing stream', async () => {
        const stream = uniqueStream('rev');
        expect((await store.appendToStream(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await fixture.second.appendToStream(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
        // `store` last saw revision 0; the store must still place this after revision 1.
        expect((await store.appendToStream(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n, 2n]);
      });

      it('exact revision: appends when it matches', async () => {
        const stream = uniqueStream('rev');
        await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(stream, events(1), { expectedRevision: 0n });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('exact revision: refused when stale or when the stream is missing, with the actual revision', async () => {
        const stream = uniqueStream('rev');
        await expectConflict(store.appendToStream(stream, events(1), { expectedRevision: 0n }), -1n);
        await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        await fixture.second.appendToStream(stream, events(2), { expectedRevision: 0n });
        // `store` last wrote revision 0 itself; the store, not its memory, must refuse.
        await expectConflict(store.appendToStream(stream, events(1), { expectedRevision: 0n }), 2n);
        await expectConflict(store.appendToStream(stream, events(1), { expectedRevision: 5n }), 2n);
        expect(revisions(await store.readStream(stream))).toEqual([0n, 1n, 2n]);
      });

      it.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['exact', 0n],
      ])('%s: of two racing appends exactly one wins, the other gets a ConcurrencyError', async (_label, expected) => {
        const stream = uniqueStream('race');
        if (expected !== 'no_stream') await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, events(2), { expectedRevision: expected }),
          fixture.second.appendToStream(stream, events(2), { expectedRevision: expected }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected?.reason).toBeInstanceOf(ConcurrencyError);
        expect(revisions(await store.readStream(stream))).toEqual(expected === 'no_stream' ? [0n, 1n] : [0n, 1n, 2n]);
      });
    });

    describe('atomic append', () => {
      it('a batch whose second event reuses a stored event id stores nothing and leaves the head unchanged', async () => {
        const stream = uniqueStream('atomic');
        const first = anEvent();
        await store.appendToStream(stream, [first], { expectedRevision: 'no_stream' });
        const fresh = anEvent();
        const head = await store.headPosition();
        await expect(store.appendToStream(stream, [fresh, { ...anEvent(), eventId: first.eventId }], { expectedRevision: 0n })).rejects.toThrow();
        const stored = await store.readStream(stream);
        expect(stored.map((e) => e.eventId)).toEqual([first.eventId]);
        expect((await store.readAll({ after: head })).map((e) => e.eventId)).not.toContain(fresh.eventId);
        const next = await store.appendToStream(stream, [fresh], { expectedRevision: 0n });
        expect(next.nextExpectedRevision).toBe(1n);
        expect((await store.readStream(stream))[1]?.prevHash).toBe(stored[0]?.hash);
      });
    });

    describe('readStream', () => {
      let stream: string;
      beforeAll(async () => {
        stream = uniqueStream('read');
        await store.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, events(2), { expectedRevision: 2n });
      });

      it.each<[string, Parameters<EventStore['readStream']>[1], bigint[]]>([
        ['forwards, everything', {}, [0n, 1n, 2n, 3n, 4n]],
        ['forwards from 2', { from: 2n }, [2n, 3n, 4n]],
        ['forwards from 1 to 3', { from: 1n, to: 3n }, [1n, 2n, 3n]],
        ['forwards, maxCount 2', { maxCount: 2 }, [0n, 1n]],
        ['forwards from 3, maxCount 10', { from: 3n, maxCount: 10 }, [3n, 4n]],
        ['backwards, everything', { direction: 'backwards' }, [4n, 3n, 2n, 1n, 0n]],
        ['backwards, maxCount 1 (the head)', { direction: 'backwards', maxCount: 1 }, [4n]],
        ['backwards from 3 to 1', { direction: 'backwards', from: 3n, to: 1n }, [3n, 2n, 1n]],
        ['backwards from 3, maxCount 2', { direction: 'backwards', from: 3n, maxCount: 2 }, [3n, 2n]],
        ['from past the end', { from: 9n }, []],
      ])('%s', async (_label, options, expected) => {
        expect(revisions(await store.readStream(stream, options))).toEqual(expected);
      });

      it('a missing stream reads as empty', async () => {
        expect(await store.readStream(uniqueStream('missing'))).toEqual([]);
      });

      it('returns the full envelope as stored', async () => {
        const stream2 = uniqueStream('envelope');
        const event = anEvent('EnvelopeChecked', { text: '协商 ✓', big: 12345678901, neg: -1.5, nul: null });
        const result = await store.appendToStream(stream2, [event], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(stream2);
        expect(stored).toMatchObject({
          eventId: event.eventId,
          type: event.type,
          schemaVersion: 1,
          data: event.data,
          metadata: event.metadata,
          stream: stream2,
          streamRevision: 0n,
          globalPosition: result.positions[0],
          prevHash: GENESIS_HASH,
        });
        expect(result.eventIds).toEqual([event.eventId]);
      });
    });

    describe('readAll', () => {
      it('returns events in commit order, filtered by type and stream prefix, paged by after/limit', async () => {
        const id = uniqueStream('all');
        const after = await store.headPosition();
        const a1 = await store.appendToStream(`${id}_a`, [anEvent('TypeA'), anEvent('TypeB')], { expectedRevision: 'no_stream' });
        const b1 = await fixture.second.appendToStream(`${id}-b`, [anEvent('TypeA')], { expectedRevision: 'no_stream' });
        const a2 = await store.appendToStream(`${id}_a`, [anEvent('TypeC')], { expectedRevision: 1n });
        const expectedIds = [...a1.eventIds, ...b1.eventIds, ...a2.eventIds];

        const all = await store.readAll({ after });
        expect(all.map((e) => e.eventId)).toEqual(expectedIds);
        expect(all.map((e) => e.globalPosition)).toEqual([...a1.positions, ...b1.positions, ...a2.positions]);
        for (let i = 1; i < all.length; i++) expect(all[i]!.globalPosition > all[i - 1]!.globalPosition).toBe(true);
        expect(await store.headPosition()).toBe(all[all.length - 1]!.globalPosition);

        const typeA = await store.readAll({ after, filter: { types: ['TypeA'] } });
        expect(typeA.map((e) => e.eventId)).toEqual([a1.eventIds[0], b1.eventIds[0]]);
        const typesAC = await store.readAll({ after, filter: { types: ['TypeA', 'TypeC'], streamPrefix: `${id}_` } });
        expect(typesAC.map((e) => e.eventId)).toEqual([a1.eventIds[0], a2.eventIds[0]]);
        // `_` is a literal character, not a LIKE wildcard: `${id}_` does not match `${id}-b`.
        const prefixed = await store.readAll({ after, filter: { streamPrefix: `${id}_` } });
        expect(prefixed.map((e) => e.stream)).toEqual([`${id}_a`, `${id}_a`, `${id}_a`]);

        const page1 = await store.readAll({ after, limit: 2 });
        const page2 = await store.readAll({ after: page1[page1.length - 1]!.globalPosition, limit: 2 });
        const page3 = await store.readAll({ after: page2[page2.length - 1]!.globalPosition, limit: 2 });
        expect([...page1, ...page2].map((e) => e.eventId)).toEqual(expectedIds);
        expect(page3).toEqual([]);
      });
    });

    describe('readAllPage and readAt', () => {
      it('pages by scannedTo without skipping or repeating; a filter matching nothing still moves the cursor to the head', async () => {
        const id = uniqueStream('page');
        const after = await store.headPosition();
        const a = await store.appendToStream(`${id}-a`, [anEvent('PageA'), anEvent('PageB')], { expectedRevision: 'no_stream' });
        const b = await fixture.second.appendToStream(`${id}-b`, [anEvent('PageA')], { expectedRevision: 'no_stream' });
        const seen: string[] = [];
        let cursor = after;
        for (let i = 0; i < 10; i++) {
          const page = await store.readAllPage({ after: cursor, limit: 1, filter: { streamPrefix: `${id}-` } });
          seen.push(...page.events.map((e) => e.eventId));
          expect(page.scannedTo >= cursor).toBe(true);
          if (page.scannedTo === cursor) break;
          cursor = page.scannedTo;
        }
        expect(seen).toEqual([...a.eventIds, ...b.eventIds]);
        const none = await store.readAllPage({ after, limit: 10, filter: { types: ['NoSuchType'] } });
        expect(none.events).toEqual([]);
        // At least the head: on EventStoreDB the last record read may be a system event after it.
        expect(none.scannedTo >= (await store.headPosition())).toBe(true);
        const typed = await store.readAllPage({ after, limit: 10, filter: { types: ['PageA'] } });
        expect(typed.events.map((e) => e.eventId)).toEqual([a.eventIds[0], b.eventIds[0]]);
      });

      it('readAt returns the event stored at exactly that position, null elsewhere', async () => {
        const id = uniqueStream('at');
        const appended = await store.appendToStream(id, [anEvent('AtTested'), anEvent('AtTested')], { expectedRevision: 'no_stream' });
        const [first, second] = await store.readStream(id);
        expect(await store.readAt(appended.positions[1]!)).toEqual(second);
        expect(await store.readAt(appended.positions[0]!)).toEqual(first);
        expect(await store.readAt(0n)).toBeNull();
        expect(await store.readAt(appended.positions[1]! + 1_000_000n)).toBeNull();
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from a position, then receives a live append', async () => {
        const id = uniqueStream('sub');
        const after = await store.headPosition();
        const caughtUp = await store.appendToStream(`${id}-1`, events(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(uniqueStream('noise'), events(1), { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ after, filter: { streamPrefix: id }, pollIntervalMs: 20 });
        const iterator = subscription[Symbol.asyncIterator]();
        try {
          const first = await take(iterator, 2);
          expect(first.map((e) => e.eventId)).toEqual(caughtUp.eventIds);
          const live = await fixture.second.appendToStream(`${id}-2`, events(1), { expectedRevision: 'no_stream' });
          const second = await take(iterator, 1);
          expect(second.map((e) => e.eventId)).toEqual(live.eventIds);
          expect(second[0]!.globalPosition > first[1]!.globalPosition).toBe(true);
        } finally {
          await subscription.close();
        }
        expect((await iterator.next()).done).toBe(true);
      });
    });

    describe('idempotency by command id', () => {
      it.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['exact revision', 0n],
        ['any', 'any'],
      ])('repeating a command (%s) returns the first result and appends nothing', async (_label, expected) => {
        const stream = uniqueStream('idem');
        if (expected !== 'no_stream') await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        const commandId = `cmd-${stream}`;
        const first = await store.appendToStream(stream, events(2), { expectedRevision: expected, commandId });
        const again = await store.appendToStream(stream, events(2), { expectedRevision: expected, commandId });
        const fromOther = await fixture.second.appendToStream(stream, events(2), { expectedRevision: expected, commandId });
        expect(first.duplicate).toBe(false);
        for (const repeat of [again, fromOther]) {
          expect(repeat.duplicate).toBe(true);
          expect(repeat.positions).toEqual(first.positions);
          expect(repeat.eventIds).toEqual(first.eventIds);
          expect(repeat.nextExpectedRevision).toBe(first.nextExpectedRevision);
        }
        expect(await store.readStream(stream)).toHaveLength(expected === 'no_stream' ? 2 : 3);
        expect(await store.findCommand(commandId)).toMatchObject({ stream, positions: first.positions, eventIds: first.eventIds });
        expect(await store.findCommand(`${commandId}-unknown`)).toBeNull();
      });

      it('two clients sending the same command at the same moment store it once', async () => {
        const stream = uniqueStream('idem-race');
        await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
        const commandId = `cmd-${stream}`;
        const [a, b] = await Promise.all([
          store.appendToStream(stream, events(1), { expectedRevision: 0n, commandId }),
          fixture.second.appendToStream(stream, events(1), { expectedRevision: 0n, commandId }),
        ]);
        expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
        expect(a.positions).toEqual(b.positions);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('hash chain', () => {
      it('links every event to the previous hash from GENESIS_HASH, and each hash recomputes', async () => {
        const stream = uniqueStream('chain');
        await store.appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
        await fixture.second.appendToStream(stream, events(1), { expectedRevision: 'any' });
        await store.appendToStream(stream, events(2), { expectedRevision: 'any' });
        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(6);
        let prevHash = GENESIS_HASH;
        const hasher = await fixture.hasher();
        for (const event of stored) {
          expect(event.prevHash).toBe(prevHash);
          expect(event.metadata.hashScheme).toBe('sd-1');
          const recomputed = hasher.hash({
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
            stream: event.stream,
            streamRevision: event.streamRevision,
            metadata: event.metadata,
            prevHash: event.prevHash,
          });
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(event.hash).toBe(recomputed);
          prevHash = event.hash;
        }
        expect(new Set(stored.map((e) => e.hash)).size).toBe(stored.length);
      });
    });
  });
};
