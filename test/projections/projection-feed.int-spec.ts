import type { EventFeed } from '../../src/projections/projection-ports';
import { projectionFeedOf } from '../../src/infrastructure/persistence/create-projection-runner';
import { appendTicketLife, onBothStores } from './support/projection-fixture';

// The runner's feed on the SQL store reads pages without the hash-chain links: the same events,
// in the same order and pages, as readAll, less prevHash and hash (no fold reads them).
onBothStores('projection feed', 'projection_feed', (current) => {
  it('gives readAll’s events without their hash links, page by page', async () => {
    const { storage } = current();
    for (const id of ['a', 'b', 'c']) await appendTicketLife(storage, id, 2);
    const feed = projectionFeedOf(storage.eventStore);
    expect(feed).not.toBe(storage.eventStore);

    const full = await storage.eventStore.readAll({ after: 0n, limit: 1000 });
    expect(full.length).toBe(15);
    const pages = [];
    for (let after = 0n; ; ) {
      const page = await feed.readAll({ after, limit: 4 });
      if (page.length === 0) break;
      pages.push(page.length);
      for (const event of page) {
        expect(event).not.toHaveProperty('prevHash');
        expect(event).not.toHaveProperty('hash');
      }
      const expected = full.filter((e) => e.globalPosition > after).slice(0, 4).map(({ prevHash: _p, hash: _h, ...rest }) => rest);
      expect(page).toEqual(expected);
      after = page[page.length - 1]!.globalPosition;
    }
    expect(pages).toEqual([4, 4, 4, 3]);
    expect(await feed.headPosition()).toBe(full[full.length - 1]!.globalPosition);
  });
});

describe('projectionFeedOf', () => {
  it('passes any other feed (EventStoreDB, a test double) through as it is', () => {
    const other: EventFeed = { readAll: async () => [], headPosition: async () => 0n };
    expect(projectionFeedOf(other)).toBe(other);
  });
});
