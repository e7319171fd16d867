import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProjectedEvent } from '../../src/domain/shared';
import { createDataSource } from '../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner, projectionFeedOf } from '../../src/infrastructure/persistence/create-projection-runner';
import { defineProjection, type AnyProjection } from '../../src/projections/projection';
import { ProjectedRow } from '../../src/projections/provenance.entity';
import { appendTicketLife, onBothStores, recordingFeed, type Opened } from './support/projection-fixture';
import { TicketSummary } from './support/ticket-summary.entity';
import { ticketSummaryV1 } from './support/ticket-summary.projection';

/** A read model that reads no metadata: events per ticket. */
@Entity('test_ticket_count')
class TicketCount extends ProjectedRow {
  @PrimaryColumn({ name: 'ticket_id', type: 'text' })
  ticketId!: string;

  @Column({ type: 'integer' })
  events!: number;
}

/** Whether each event the metadata-free fold saw carried metadata (it must not need any). */
const seen: boolean[] = [];

const ticketCount = defineProjection<TicketCount>({
  name: 'test-ticket-count',
  version: 1,
  entity: TicketCount,
  canHandle: ['TicketOpened', 'TicketCommented', 'TicketLabelled', 'TicketClosed'],
  metadata: false,
  key: (event) => (typeof event.data['ticketId'] === 'string' ? event.data['ticketId'] : null),
  evolve: (row, event) => {
    seen.push('metadata' in event);
    // @ts-expect-error a fold that declares `metadata: false` is typed without it
    void event.metadata;
    return { ticketId: String(event.data['ticketId']), events: (row?.events ?? 0) + 1 };
  },
});

const runWith = async (opened: Opened, projections: readonly AnyProjection[], asked: Array<false | undefined>) => {
  const dataSource = await createDataSource(opened.storage.sql, [TicketSummary, TicketCount]);
  const runner = createProjectionRunner({ sql: opened.storage.sql, eventStore: recordingFeed(opened.storage.eventStore, asked) }, dataSource, projections, { batchSize: 4 });
  // The fixture stops it too, so that a test that fails before close() does not leave it holding the store.
  opened.runners.push(runner);
  return { runner, close: async () => (await runner.stop(), await dataSource.destroy()) };
};

const counts = async (opened: Opened) =>
  (await opened.storage.sql.query<{ ticket_id: string; events: number }>('SELECT ticket_id, events FROM test_ticket_count ORDER BY ticket_id')).rows.map((r) => [
    r.ticket_id,
    r.events,
  ]);

/** What test_ticket_count holds once both tickets' lives (5 events each) are folded. */
const BOTH_TICKETS_COUNTED = [
  ['a', 5],
  ['b', 5],
];

// A read model may declare that its fold reads no metadata; the runner then reads pages without
// it (the metadata is most of a row's bytes), but only when no fold that shares the pages reads it.
onBothStores('read models without metadata', 'projection_metadata', (current) => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('the feed gives readAll’s events without metadata (and links) when asked, page by page', async () => {
    const { storage } = current();
    for (const id of ['a', 'b', 'c']) await appendTicketLife(storage, id, 2);
    const feed = projectionFeedOf(storage.eventStore);
    const full = await storage.eventStore.readAll({ after: 0n, limit: 1000 });
    const pages = [];
    for (let after = 0n; ; ) {
      const page = await feed.readAll({ after, limit: 4, metadata: false });
      if (page.length === 0) break;
      pages.push(page.length);
      for (const event of page) expect(event).not.toHaveProperty('metadata');
      const expected = full
        .filter((e) => e.globalPosition > after)
        .slice(0, 4)
        .map(({ prevHash: _p, hash: _h, metadata: _m, ...rest }) => rest);
      expect(page).toEqual(expected);
      after = page[page.length - 1]!.globalPosition;
    }
    expect(pages).toEqual([4, 4, 4, 3]);
  });

  it('reads pages without metadata when no read model it runs reads any', async () => {
    const opened = current();
    for (const id of ['a', 'b']) await appendTicketLife(opened.storage, id, 2);
    const asked: Array<false | undefined> = [];
    const { runner, close } = await runWith(opened, [ticketCount], asked);
    await runner.catchUp();
    await close();
    expect(await counts(opened)).toEqual(BOTH_TICKETS_COUNTED);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((m) => m === false)).toBe(true);
    expect(seen.length).toBe(10);
    expect(seen.some(Boolean)).toBe(false);
  });

  it('reads pages it shares with a read model that reads the metadata with it', async () => {
    const opened = current();
    for (const id of ['a', 'b']) await appendTicketLife(opened.storage, id, 2);
    const asked: Array<false | undefined> = [];
    const { runner, close } = await runWith(opened, [ticketCount, ticketSummaryV1], asked);
    // Both builds exist before the first pass, so its pages are shared.
    await runner.prepare();
    await runner.catchUp();
    await close();
    expect(await counts(opened)).toEqual(BOTH_TICKETS_COUNTED);
    const summaries = await opened.storage.sql.query<{ opened_at: Date | string }>('SELECT opened_at FROM test_ticket_summary');
    expect(summaries.rows.map((r) => new Date(r.opened_at).toISOString())).toEqual(['2026-03-01T02:00:00.000Z', '2026-03-01T02:00:00.000Z']);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.some((m) => m === false)).toBe(false);
  });

  it('reads without the metadata for a read model that reads none when it alone is behind (nobody shares its pages)', async () => {
    const opened = current();
    for (const id of ['a', 'b']) await appendTicketLife(opened.storage, id, 2);
    const first = await runWith(opened, [ticketSummaryV1], []);
    await first.runner.catchUp();
    await first.close();
    const asked: Array<false | undefined> = [];
    const { runner, close } = await runWith(opened, [ticketCount, ticketSummaryV1], asked);
    await runner.catchUp();
    await close();
    expect(await counts(opened)).toEqual(BOTH_TICKETS_COUNTED);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((m) => m === false)).toBe(true);
  });

  it('rebuilds a read model that reads no metadata without it, whatever else the runner runs', async () => {
    const opened = current();
    for (const id of ['a', 'b']) await appendTicketLife(opened.storage, id, 2);
    const asked: Array<false | undefined> = [];
    const { runner, close } = await runWith(opened, [ticketCount, ticketSummaryV1], asked);
    await runner.catchUp();
    asked.length = 0;
    await runner.rebuild('test-ticket-count');
    await close();
    expect(await counts(opened)).toEqual(BOTH_TICKETS_COUNTED);
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.every((m) => m === false)).toBe(true);
  });
});

// Every ProjectedEvent is an event without metadata: a fold typed for less accepts more.
export const foldsFullEvents = (event: ProjectedEvent) => ticketCount.evolve(null, event);
