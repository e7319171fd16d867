import type { RecordedEvent } from '../../../domain/shared';
import type { Subscription } from '../../../application/ports/event-store.port';

type ReadPage = (after: bigint, limit: number) => Promise<readonly RecordedEvent[]>;

const PAGE = 500;
const MAX_RETRY_DELAY_MS = 5000;

/** Exponential back-off after consecutive failures, capped, so an outage is not hammered. */
export const retryDelay = (baseMs: number, failures: number): number =>
  Math.min(MAX_RETRY_DELAY_MS, Math.max(baseMs, 100) * 2 ** Math.min(failures - 1, 10));

/**
 * Catch-up then live, by polling `readAll`. Safe because `readAll` never returns a gap that can fill later.
 * A failed read (store down, session dropped) is retried from the same position with back-off.
 */
export const pollingSubscription = (
  readPage: ReadPage,
  options: Readonly<{ after: bigint; pollIntervalMs: number; onError?: (error: unknown) => void }>,
): Subscription => {
  let closed = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function* iterate(): AsyncGenerator<RecordedEvent> {
    let after = options.after;
    let failures = 0;
    while (!closed) {
      let page: readonly RecordedEvent[];
      try {
        page = await readPage(after, PAGE);
        failures = 0;
      } catch (error) {
        // The store is unreachable or a session broke: wait and read again from the same position.
        options.onError?.(error);
        await sleep(retryDelay(options.pollIntervalMs, ++failures));
        continue;
      }
      for (const event of page) {
        if (closed) return;
        after = event.globalPosition;
        yield event;
      }
      if (page.length < PAGE) await sleep(options.pollIntervalMs);
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      wake?.();
    },
  };
};
