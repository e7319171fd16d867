import type { RecordedEvent } from '../../src/domain/shared';
import { foldEvent } from '../../src/projections/projection-fold';
import { listBuilds } from '../../src/projections/projection-store';
import { TicketSummary } from './support/ticket-summary.entity';
import { ticketEvent, ticketStream, ticketSummaryV1 } from './support/ticket-summary.projection';
import { append, onBothStores, runnerFor, type Opened } from './support/projection-fixture';

type Row = Record<string, unknown>;

/**
 * A history where one page touches the same rows many times, from their own streams and from
 * others: comments on another ticket's row (the row's provenance moves to the other stream), an
 * "opened" again from the own stream (unchanged row, provenance still moves) and from another
 * stream (unchanged row, provenance stays), deletes and re-creations within a page, ignored events.
 */
const appendBusyHistory = async (opened: Opened): Promise<void> => {
  const store = opened.storage.eventStore;
  const id = (n: number): string => `t${String(n % 12).padStart(2, '0')}`;
  for (let n = 0; n < 12; n++) {
    await store.appendToStream(ticketStream(id(n)), [ticketEvent('TicketOpened', { ticketId: id(n), title: `ticket ${n}` })], {
      expectedRevision: 'no_stream',
    });
  }
  for (let round = 0; round < 8; round++) {
    for (let n = 0; n < 12; n++) {
      const own = id(n);
      const other = id(n * 5 + round);
      const events = [
        ticketEvent('TicketCommented', { ticketId: other }),
        ticketEvent('TicketCommented', { ticketId: own }),
        ticketEvent('TicketOpened', { ticketId: other, title: 'ignored: the row exists' }),
        ticketEvent('TicketLabelled', { ticketId: own, label: `r${round}` }),
        ticketEvent('TicketCommented', { ticketId: 42 }),
      ];
      if ((n + round) % 5 === 0) events.push(ticketEvent('TicketDeleted', { ticketId: own }), ticketEvent('TicketOpened', { ticketId: own, title: `again ${round}` }));
      if ((n + round) % 7 === 0) events.push(ticketEvent('TicketOpened', { ticketId: own, title: 'unchanged, own stream' }));
      if ((n + round) % 11 === 0) events.push(ticketEvent('TicketDeleted', { ticketId: other }));
      await store.appendToStream(ticketStream(own), events, { expectedRevision: 'any' });
    }
  }
};

/** The reference: foldEvent one event at a time (what the audit API's time travel does). */
const foldOneByOne = (events: readonly RecordedEvent[]): Map<string, Row> => {
  const rows = new Map<string, Row>();
  for (const event of events) {
    if (!ticketSummaryV1.canHandle.includes(event.type)) continue;
    const key = ticketSummaryV1.key(event);
    if (key === null) continue;
    const { row, changed } = foldEvent(ticketSummaryV1, rows.get(key) ?? null, event);
    if (!changed) continue;
    if (row === null) rows.delete(key);
    else rows.set(key, row);
  }
  return rows;
};

// TypeORM on PGlite gives int8 as numbers, on PostgreSQL as text: compare as text.
const normalise = (row: Row): Row => ({
  ...row,
  openedAt: (row['openedAt'] as Date).toISOString(),
  lastStreamRevision: String(row['lastStreamRevision']),
  lastGlobalPosition: String(row['lastGlobalPosition']),
});

const storedRows = async (opened: Opened): Promise<Row[]> =>
  (await opened.dataSource.getRepository(TicketSummary).find({ order: { ticketId: 'ASC' } })).map((row) => normalise({ ...row }));

const expectedRows = async (opened: Opened): Promise<Row[]> => {
  const events = await opened.storage.eventStore.readAll({ after: 0n, limit: 100_000 });
  return [...foldOneByOne(events).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => normalise(row));
};

const batchWriteSpecs = (current: () => Opened): void => {
  let opened: Opened;

  beforeEach(() => {
    opened = current();
  });

  it('a page touching the same rows many times writes every row once, with the provenance of its last change, at any page size', async () => {
    await appendBusyHistory(opened);
    const expected = await expectedRows(opened);
    expect(expected.length).toBeGreaterThan(6);
    // Pages split each row's events differently: carried rows, rows read during the previous write, one page for all.
    await runnerFor(opened, ticketSummaryV1, 7).catchUp();
    expect(await storedRows(opened)).toEqual(expected);
    for (const size of [1000, 3, 1]) {
      await runnerFor(opened, ticketSummaryV1, size).rebuild(ticketSummaryV1.name);
      expect(await storedRows(opened)).toEqual(expected);
    }
  });

  it('carries on from a checkpoint mid-history with the same rows as one catch-up', async () => {
    await appendBusyHistory(opened);
    const first = runnerFor(opened, ticketSummaryV1, 11);
    await first.catchUp();
    await first.stop();
    await appendBusyHistory2(opened);
    await runnerFor(opened, ticketSummaryV1, 13).catchUp();
    expect(await storedRows(opened)).toEqual(await expectedRows(opened));
  });

  it('a last page with nothing for an active build still moves its checkpoint to the head (after the pass), rows untouched', async () => {
    await appendBusyHistory(opened);
    const runner = runnerFor(opened, ticketSummaryV1, 50);
    await runner.catchUp();
    const before = await storedRows(opened);
    const unrelated = await opened.storage.eventStore.appendToStream('other-1', [ticketEvent('SomethingElse', { n: 1 })], { expectedRevision: 'no_stream' });
    expect(await runner.runOnce()).toBe(true);
    const [build] = await listBuilds(opened.storage.sql, ticketSummaryV1.name);
    expect(build?.position).toBe(unrelated.positions[0]);
    expect(await storedRows(opened)).toEqual(before);
  });

  /** The statements a runner sends from now on that move a checkpoint: per page (a CTE) and together after a pass. */
  const countCheckpointMoves = (): { perPage: () => number; together: () => number; movedTogether: () => unknown[] } => {
    const sent: { text: string; params: unknown[] }[] = [];
    const query = opened.storage.sql.query.bind(opened.storage.sql);
    jest.spyOn(opened.storage.sql, 'query').mockImplementation(((text: string, params?: unknown[], ...rest: unknown[]) => {
      sent.push({ text, params: params ?? [] });
      return (query as (...args: unknown[]) => unknown)(text, params, ...rest);
    }) as typeof opened.storage.sql.query);
    const together = () => sent.filter((s) => s.text.includes('UPDATE cl_projection_builds b SET position = m.to_position'));
    return {
      perPage: () => sent.filter((s) => s.text.includes('cp AS (UPDATE cl_projection_builds')).length,
      together: () => together().length,
      // The read models each statement of the pass moved (its first parameter: their names).
      movedTogether: () => together().map((s) => s.params[0]),
    };
  };
  const unrelatedEvents = (n: number) => Array.from({ length: n }, (_, i) => ticketEvent('SomethingElse', { n: i }));

  afterEach(() => jest.restoreAllMocks());

  it('full pages with nothing for an active build write nothing of their own: the pass moves its checkpoint once, to the head', async () => {
    await appendBusyHistory(opened);
    const runner = runnerFor(opened, ticketSummaryV1, 5);
    await runner.catchUp();
    const before = await storedRows(opened);
    const unrelated = await opened.storage.eventStore.appendToStream('other-1', unrelatedEvents(30), { expectedRevision: 'no_stream' });
    const moves = countCheckpointMoves();
    expect(await runner.runOnce()).toBe(true);
    // Six full pages of 5, nothing for the read model: one statement for the pass, none per page.
    expect([moves.perPage(), moves.together()]).toEqual([0, 1]);
    const [build] = await listBuilds(opened.storage.sql, ticketSummaryV1.name);
    expect(build?.position).toBe(unrelated.positions[unrelated.positions.length - 1]);
    expect(await storedRows(opened)).toEqual(before);
  });

  it('a pass that drains 20 pages with nothing for an active build moves its checkpoint once, to the last page read', async () => {
    await appendBusyHistory(opened);
    const runner = runnerFor(opened, ticketSummaryV1, 1);
    await runner.catchUp();
    const unrelated = await opened.storage.eventStore.appendToStream('other-1', unrelatedEvents(30), { expectedRevision: 'no_stream' });
    const moves = countCheckpointMoves();
    // A pass drains at most 20 pages: not caught up yet, and one move for the read model.
    expect(await runner.runOnce()).toBe(false);
    expect([moves.perPage(), moves.movedTogether()]).toEqual([0, [[ticketSummaryV1.name]]]);
    const [build] = await listBuilds(opened.storage.sql, ticketSummaryV1.name);
    expect(build?.position).toBe(unrelated.positions[19]);
  });

  it('a rebuild over a long run of pages with nothing moves the checkpoint every 20 pages, then with the next write', async () => {
    const run = await opened.storage.eventStore.appendToStream('other-1', unrelatedEvents(45), { expectedRevision: 'no_stream' });
    const ticket = await append(opened.storage, 't01', 'TicketOpened', { title: 'after the run' });
    await runnerFor(opened, ticketSummaryV1, 1000).catchUp();
    const expected = await expectedRows(opened);
    expect(expected).toHaveLength(1);
    const moves = countCheckpointMoves();
    const progress: bigint[] = [];
    const build = await runnerFor(opened, ticketSummaryV1, 1).rebuild(ticketSummaryV1.name, (position) => progress.push(position));
    // Pages of one event: 45 with nothing (moves after the 20th and the 40th), then the ticket's page
    // (its write moves the checkpoint over the last five too).
    expect(moves.perPage()).toBe(3);
    expect(progress).toEqual([run.positions[19], run.positions[39], ticket.positions[0]]);
    expect(build.position).toBe(ticket.positions[0]);
    expect(await storedRows(opened)).toEqual(expected);
  });
};

/** More of the same on the existing streams (a restart carries on over rows it did not write itself). */
const appendBusyHistory2 = async (opened: Opened): Promise<void> => {
  for (let n = 0; n < 12; n++) {
    const own = `t${String(n).padStart(2, '0')}`;
    const other = `t${String((n + 1) % 12).padStart(2, '0')}`;
    await opened.storage.eventStore.appendToStream(
      ticketStream(own),
      [ticketEvent('TicketCommented', { ticketId: other }), ticketEvent('TicketOpened', { ticketId: own, title: 'again' }), ticketEvent('TicketClosed', { ticketId: own })],
      { expectedRevision: 'any' },
    );
  }
};

onBothStores('batched projection writes', 'clbatch', batchWriteSpecs);
