import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  UnavailableError,
  type EventStoreDBClient,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../../../domain/shared';
import type { ReadAllFilter, Subscription } from '../../../application/ports/event-store.port';
import { allFrom, globalPosition, matchesFilter, toRecordedEvent } from './esdb-envelope';

const RESUBSCRIBE_MIN_MS = 100;
const RESUBSCRIBE_MAX_MS = 5000;

/** Connection trouble the client recovers from by reconnecting (to the new leader, for NotLeader). */
const retriable = (error: unknown): boolean =>
  error instanceof UnavailableError || error instanceof NotLeaderError || error instanceof CancelledError || error instanceof DeadlineExceededError;

/**
 * `$all` catch-up then live, on EventStoreDB's own subscription. When the connection drops (a
 * node restarts, the leader changes), it subscribes again from the last position it delivered,
 * so a consumer never skips an event and never sees one twice.
 */
export const esdbSubscription = (client: EventStoreDBClient, options: Readonly<{ after: bigint; filter?: ReadAllFilter }>): Subscription => {
  let closed = false;
  let current: StreamSubscription | undefined;
  let signalClosed: () => void = () => undefined;
  const closing = new Promise<'closed'>((resolve) => {
    signalClosed = () => resolve('closed');
  });

  async function* iterate(): AsyncGenerator<RecordedEvent> {
    let after = options.after;
    let backoff = RESUBSCRIBE_MIN_MS;
    while (!closed) {
      const subscription = client.subscribeToAll({ fromPosition: allFrom(after) });
      current = subscription;
      const events = subscription[Symbol.asyncIterator]() as AsyncIterator<ResolvedEvent>;
      try {
        for (;;) {
          const next = await Promise.race([events.next(), closing]);
          if (next === 'closed' || next.done === true) break;
          backoff = RESUBSCRIBE_MIN_MS;
          const position = globalPosition(next.value);
          if (position === undefined || position <= after) continue;
          after = position;
          const event = toRecordedEvent(next.value);
          if (event === null || !matchesFilter(event, options.filter)) continue;
          yield event;
          if (closed) return;
        }
      } catch (error) {
        if (closed) return;
        if (!retriable(error)) throw error;
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
      // Dropped or ended by the server: subscribe again from `after`, backing off.
      if (closed) return;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, backoff)), closing]);
      backoff = Math.min(backoff * 2, RESUBSCRIBE_MAX_MS);
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      signalClosed();
      await current?.unsubscribe().catch(() => undefined);
    },
  };
};
