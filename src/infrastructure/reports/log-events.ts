import type { EventStore } from '../../application/ports/event-store.port';
import type { RecordedEvent } from '../../domain/shared';
import type { ReadLimit } from './report-anchor';

export const REPORT_PAGE_SIZE = 1_000;

/**
 * The log's events in order through the event-store port, page by page (the next page is read
 * while the report folds the current one), stopping at the anchor: after `count` events or past
 * `position`. Only one or two pages are ever held.
 */
export async function* logEvents(store: EventStore, limit: ReadLimit, pageSize = REPORT_PAGE_SIZE): AsyncGenerator<RecordedEvent> {
  const count = 'count' in limit ? limit.count : undefined;
  const position = 'position' in limit ? limit.position : undefined;
  let read = 0n;
  const want = (): number => (count === undefined ? pageSize : Number(count - read < BigInt(pageSize) ? count - read : BigInt(pageSize)));
  if (count === 0n || position === 0n) return;
  // A prefetched page the caller never asks for (it stopped early) must not reject unhandled.
  const read0 = (after: bigint): Promise<readonly RecordedEvent[]> => {
    const p = store.readAll({ after, limit: want() });
    p.catch(() => undefined);
    return p;
  };
  let next = read0(0n);
  for (;;) {
    const page = await next;
    if (page.length === 0) {
      if (count !== undefined && read < count) throw new Error(`the log has ${read} events, fewer than the ${count} its tree covers`);
      return;
    }
    read += BigInt(page.length);
    const last = page[page.length - 1]!.globalPosition;
    const done = (count !== undefined && read >= count) || (position !== undefined && last >= position);
    if (!done) next = read0(last);
    for (const e of page) {
      if (position !== undefined && e.globalPosition > position) return;
      yield e;
    }
    if (done) return;
  }
}
