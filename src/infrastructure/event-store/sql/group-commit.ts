/**
 * Group commit: up to `maxFlushes` flushes run at once; what arrives while all of them are busy waits
 * and goes in the next flush together (at most `maxBatch` items). A free flush does not start at the
 * first item but at the end of the current turn of the event loop (process.nextTick), and, when one
 * item is all there is then, after the I/O callbacks of the current iteration (setImmediate):
 * - the callers a finished flush releases come back within that turn and go out together at once,
 *   instead of the first one alone and the rest behind it (W1 at 8 in flight: flushes of 1 and 6
 *   alternated when each flush started at once). Waiting for the iteration there cost PGlite's
 *   in-process closed loop ~1.2x CPU per append (bench/diagnose/pglite-cpu.ts, 90 -> 107 us at 8 in
 *   flight);
 * - every request read in one poll of the sockets goes in one flush. Each HTTP request is its own
 *   I/O callback and is alone at the end of its turn: a flush started then took it alone. On PGlite,
 *   whose flush runs synchronously in this thread, that was one cl_append_batch per request (bench/
 *   README "pgw": W6 CPU per request 0.63x at 8 in flight with the wait); on PostgreSQL W6 at 8 in
 *   flight 2.1 requests per flush, 3.1 with the wait, and 0.90x the CPU per request (bench/README,
 *   the lead's sections of 2026-11-30).
 * A newcomer alone pays one loop iteration for it; a caller that comes back alone from its answer
 * with no other flush out (a closed loop of one, in process) does not wait: nobody else would join
 * it (PGlite in process against 8539054, CPU per append: 1.07-1.16x at 1 in flight when it waited,
 * 0.90-0.99x since; 8 in flight 0.93-1.01x).
 *
 * With `minShare`, what waits is shared evenly among the free flushes, as long as each gets at least
 * `minShare` items: two smaller flushes that overlap (the client prepares and sends one while the
 * database runs the other, and the next group comes back while the second is still out) instead of
 * one in series with everything. Each flush has a fixed cost, so a share below a few items costs more
 * than the overlap wins: W6's requests arrive a few at a time (3.2 per flush at 8 in flight) and are
 * not split by a share of 4; W1's closed loop of 8, which comes back all at once, is split 4 and 4 and
 * then alternates. (A share of 1, `spread` in earlier sessions, cost W6 on the service's one thread;
 * bench/README "Spread flushes on this machine" and "W1 at 8 in flight: two flushes of 4".)
 *
 * `flush` returns one outcome per item, in order. If a flush of several items throws an error that
 * `retryAlone` accepts (one the database answered, so nothing of the flush was committed: a deadlock
 * with another writer, a value one item made invalid ...), each item is flushed again on its own, so
 * one item's failure fails that item only. Any other error (a connection lost, perhaps after the
 * commit) fails every item of the flush: retrying could store an item twice.
 */
export type GroupCommitter<Item, Outcome> = (item: Item) => Promise<Outcome>;

/** `cameBack`: submitted while a flush's answers were being delivered (a caller of a closed loop coming back). */
type Waiting<Item, Outcome> = { item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void; cameBack: boolean };

export const groupCommitter = <Item, Outcome>(
  flush: (items: readonly Item[]) => Promise<readonly Outcome[]>,
  options: Readonly<{ maxFlushes: number; maxBatch: number; retryAlone: (error: unknown) => boolean; minShare?: number }>,
): GroupCommitter<Item, Outcome> => {
  const minShare = options.minShare ?? Infinity;
  if (!(minShare >= 1)) throw new RangeError(`group commit: minShare must be at least 1 (${String(options.minShare)})`);
  let queue: Waiting<Item, Outcome>[] = [];
  let flushing = 0;
  let scheduled = false;
  /** From a flush's answers to the end of that turn: what is submitted then came back from them. */
  let answering = false;
  const answered = (): void => {
    if (answering) return;
    answering = true;
    // The answered callers' continuations are microtasks: they run before this tick.
    process.nextTick(() => (answering = false));
  };

  const flushOne = async (waiting: Waiting<Item, Outcome>): Promise<void> => {
    try {
      const [outcome] = await flush([waiting.item]);
      if (outcome === undefined) throw new Error('group commit: no outcome for an item');
      waiting.resolve(outcome);
    } catch (error) {
      waiting.reject(error);
    }
    answered();
  };

  const flushBatch = async (batch: Waiting<Item, Outcome>[]): Promise<void> => {
    if (batch.length === 1) return flushOne(batch[0] as Waiting<Item, Outcome>);
    let outcomes: readonly Outcome[];
    try {
      outcomes = await flush(batch.map((w) => w.item));
    } catch (error) {
      if (options.retryAlone(error)) {
        for (const waiting of batch) await flushOne(waiting);
      } else {
        for (const waiting of batch) waiting.reject(error);
        answered();
      }
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) waiting.reject(new Error('group commit: no outcome for an item'));
      else waiting.resolve(outcome);
    });
    answered();
  };

  const pump = (): void => {
    while (flushing < options.maxFlushes && queue.length > 0) {
      const parts = Math.max(1, Math.min(options.maxFlushes - flushing, Math.floor(queue.length / minShare)));
      const size = Math.min(options.maxBatch, Math.ceil(queue.length / parts));
      const batch = queue.length <= size ? queue : queue.slice(0, size);
      queue = queue.length <= size ? [] : queue.slice(size);
      flushing++;
      void flushBatch(batch).finally(() => {
        flushing--;
        schedule();
      });
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    const start = (): void => {
      scheduled = false;
      pump();
    };
    // At the end of the turn: callers that came back together go at once, and so does one that came
    // back alone with no other flush out (a closed loop of one: nobody else will join it); any other
    // item alone waits for the rest of this iteration's I/O callbacks (other requests read in the
    // same poll), which join it. (A lone caller going at once while another flush was out cost W1's
    // closed loop of 8 on PostgreSQL 0.89x the appends a second; likely by keeping it split in two
    // flushes, which was not counted.)
    process.nextTick(() => (queue.length === 1 && !(queue[0]?.cameBack === true && flushing === 0) ? setImmediate(start) : start()));
  };

  return (item) =>
    new Promise<Outcome>((resolve, reject) => {
      queue.push({ item, resolve, reject, cameBack: answering });
      schedule();
    });
};
