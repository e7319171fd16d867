import { groupCommitter } from '../../src/infrastructure/event-store/sql/group-commit';

/** Batching of the group committer, without a database: a flush answers each item with itself. */
describe('groupCommitter', () => {
  /** `inTurn`: the flush answers within the turn (microtasks only), as PGlite's does. */
  const recording = (maxFlushes: number, minShare?: number, inTurn = false) => {
    const flushes: number[][] = [];
    const submit = groupCommitter<number, number>(
      async (items) => {
        flushes.push([...items]);
        if (!inTurn) await new Promise((resolve) => setImmediate(resolve));
        return items;
      },
      { maxFlushes, maxBatch: 64, retryAlone: () => false, ...(minShare === undefined ? {} : { minShare }) },
    );
    return { flushes, submit };
  };

  it('a single item is flushed alone, without waiting for company', async () => {
    const { flushes, submit } = recording(2);
    await expect(submit(1)).resolves.toBe(1);
    expect(flushes).toEqual([[1]]);
  });

  it('items that arrive in one turn go in one flush, even with a flush free for the first', async () => {
    const { flushes, submit } = recording(2);
    await expect(Promise.all([submit(1), submit(2), submit(3), submit(4)])).resolves.toEqual([1, 2, 3, 4]);
    expect(flushes).toEqual([[1, 2, 3, 4]]);
  });

  it('callers a finished flush releases come back together (closed loop: no flushes of one beside the rest)', async () => {
    const { flushes, submit } = recording(2);
    const worker = async (id: number): Promise<void> => {
      for (let round = 0; round < 5; round++) await submit(id * 100 + round);
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    expect(flushes.map((items) => items.length)).toEqual([4, 4, 4, 4, 4]);
  });

  // Immediates queued together run in one phase of the loop, each its own callback (as the sockets'
  // reads of one poll do); an immediate queued while they run waits for the next iteration. (Timers
  // due together were flaky here: one in 16 cold runs split them.)
  const inSeparateCallbacks = (submit: (item: number) => Promise<number>, items: readonly number[]): Promise<number[]> =>
    Promise.all(items.map((item) => new Promise<number>((resolve, reject) => setImmediate(() => submit(item).then(resolve, reject)))));

  it('items of separate callbacks of one loop phase go in one flush (requests read in one poll of the sockets)', async () => {
    const { flushes, submit } = recording(1, undefined, true);
    await expect(inSeparateCallbacks(submit, [1, 2, 3])).resolves.toEqual([1, 2, 3]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('with a flush free for each, items of separate callbacks of one loop phase still go in one flush', async () => {
    const { flushes, submit } = recording(4);
    await expect(inSeparateCallbacks(submit, [1, 2, 3])).resolves.toEqual([1, 2, 3]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('items that arrive together go at the end of the turn, before the I/O callbacks of the iteration are done', async () => {
    const { flushes, submit } = recording(1, undefined, true);
    // Queued before the items: it runs before any immediate the committer might queue for them.
    const flushesAtImmediate = new Promise<number>((resolve) => setImmediate(() => resolve(flushes.length)));
    await Promise.all([submit(1), submit(2)]);
    expect(flushes).toEqual([[1, 2]]);
    expect(await flushesAtImmediate).toBe(1);
  });

  it('a caller that comes back alone from its answer goes at the end of the turn (a closed loop of one waits for nobody)', async () => {
    const { flushes, submit } = recording(1, undefined, true);
    await submit(1);
    const flushesAtImmediate = new Promise<number>((resolve) => setImmediate(() => resolve(flushes.length)));
    await submit(2);
    expect(flushes).toEqual([[1], [2]]);
    expect(await flushesAtImmediate).toBe(2);
  });

  it('with a share of 1, what waits is shared among the free flushes', async () => {
    const { flushes, submit } = recording(2, 1);
    await Promise.all([1, 2, 3, 4, 5].map(submit));
    expect(flushes).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('what waits is split only when each free flush gets at least the share (8 of 4 and 4; 7 stay together)', async () => {
    const eight = recording(2, 4);
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(eight.submit));
    expect(eight.flushes).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    const seven = recording(2, 4);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map(seven.submit));
    expect(seven.flushes).toEqual([[1, 2, 3, 4, 5, 6, 7]]);
  });

  it('a closed loop of 8 with a share of 4 goes out in flushes of 4 that overlap (the second is out while the first is answered)', async () => {
    let out = 0;
    let mostOut = 0;
    const sizes: number[] = [];
    const submit = groupCommitter<number, number>(
      async (items) => {
        sizes.push(items.length);
        mostOut = Math.max(mostOut, ++out);
        await new Promise((resolve) => setImmediate(resolve));
        out--;
        return items;
      },
      { maxFlushes: 2, maxBatch: 64, retryAlone: () => false, minShare: 4 },
    );
    const worker = async (id: number): Promise<void> => {
      for (let round = 0; round < 5; round++) await submit(id * 100 + round);
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(worker));
    expect(sizes).toEqual(Array.from({ length: 10 }, () => 4));
    expect(mostOut).toBe(2);
  });

  it('without a share, a closed loop of 8 goes out in one flush of 8 at a time', async () => {
    const { flushes, submit } = recording(2);
    const worker = async (id: number): Promise<void> => {
      for (let round = 0; round < 5; round++) await submit(id * 100 + round);
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(worker));
    expect(flushes.map((items) => items.length)).toEqual([8, 8, 8, 8, 8]);
  });

  it('refuses a share below 1 (it would split into flushes of nothing)', () => {
    expect(() => groupCommitter<number, number>(async (items) => items, { maxFlushes: 2, maxBatch: 64, retryAlone: () => false, minShare: 0 })).toThrow(RangeError);
  });
});
