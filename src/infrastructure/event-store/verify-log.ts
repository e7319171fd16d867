import { GENESIS_HASH } from '../../domain/shared';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EnvelopeHasher } from './event-hash';
import { walkLink, type ChainBreak, type ChainReport, type ChainWalk, type VerifyOptions } from './verify-chain';

/**
 * Recomputes every stream's hash chain through the event store port, in global order (EventStoreDB
 * mode, where there is no event table to page by stream). Keeps one small walk per stream.
 */
export const verifyLogChains = async (eventStore: EventStore, hasher: EnvelopeHasher, options: VerifyOptions = {}): Promise<ChainReport> => {
  const limit = options.pageSize ?? 1000;
  const walks = new Map<string, ChainWalk>();
  const breaks: ChainBreak[] = [];
  let events = 0;
  let after = 0n;
  for (;;) {
    const page = await eventStore.readAll({ after, limit });
    for (const event of page) {
      events++;
      let walk = walks.get(event.stream);
      if (walk === undefined) {
        walk = { stream: event.stream, next: 0n, prevHash: GENESIS_HASH, broken: false };
        walks.set(event.stream, walk);
      }
      const broke = walkLink(walk, event, hasher);
      if (broke !== null) breaks.push(broke);
      after = event.globalPosition;
    }
    options.onProgress?.(events);
    if (page.length < limit) break;
  }
  breaks.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return { streams: walks.size, events, breaks };
};
