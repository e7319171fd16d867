import type { RecordedEvent } from '../../../domain/shared';
import type { Subscription } from '../../../application/ports/event-store.port';

type ReadPage = (after: bigint, limit: number) => Promise<readonly RecordedEvent[]>;

const PAGE = 500;

/** Catch-up then live, by polling `readAll`. Safe because `readAll` never returns a gap that can fill later. */
export const pollingSubscription = (
  readPage: ReadPage,
  options: Readonly<{ after: bigint; pollIntervalMs: number }>,
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
    while (!closed) {
      const page = await readPage(after, PAGE);
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
