import { TicketSummary } from './support/ticket-summary.entity';
import { ticketSummaryV1 } from './support/ticket-summary.projection';
import { append, appendTicketLife, openStorage, readModelRows, runnerFor, type Opened } from './support/projection-fixture';

/** Embedded mode: the event store, the runner and TypeORM share one PGlite instance. */
describe('projection runner on embedded PGlite', () => {
  let opened: Opened;

  beforeEach(async () => {
    opened = await openStorage(undefined);
  });

  afterEach(async () => {
    await opened.close();
  });

  it('keeps up while commands append and TypeORM reads and writes in transactions at the same time', async () => {
    const runner = runnerFor(opened, ticketSummaryV1, 20);
    const errors: unknown[] = [];
    await runner.start();
    let stop = false;
    const reader = (async () => {
      let reads = 0;
      while (!stop) {
        await opened.dataSource.getRepository(TicketSummary).count();
        // A TypeORM transaction: its BEGIN/COMMIT must not wrap anyone else's statements.
        await opened.dataSource.transaction(async (manager) => {
          await manager.query('CREATE TEMP TABLE IF NOT EXISTS test_scratch (n integer)');
          await manager.query('INSERT INTO test_scratch VALUES ($1)', [reads]);
        });
        reads++;
        // PGlite answers in microtasks; without this the loop would starve the timers below.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return reads;
    })().catch((error: unknown) => errors.push(error));
    const writers = Array.from({ length: 4 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 8; i++) await appendTicketLife(opened.storage, `w${w}-${String(i).padStart(2, '0')}`, (i % 3) + 1);
      })(),
    );
    await Promise.all(writers);

    for (let tries = 0; tries < 200 && (await runner.lag())[0]?.lag !== 0n; tries++) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await reader;
    await runner.stop();

    expect(errors).toEqual([]);
    const rows = (await readModelRows(opened)) as Array<{ ticket_id: string; comment_count: number; status: string }>;
    expect(rows).toHaveLength(32);
    for (const row of rows) {
      const i = Number(row.ticket_id.split('-')[1]);
      expect({ id: row.ticket_id, comments: row.comment_count, status: row.status }).toEqual({ id: row.ticket_id, comments: (i % 3) + 1, status: 'closed' });
    }
    const scratch = await opened.storage.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM test_scratch');
    expect(Number(scratch.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('an event of the row\'s own stream that the fold ignores still moves its provenance (the stream revision stays current)', async () => {
    const runner = runnerFor(opened, ticketSummaryV1, 20);
    await append(opened.storage, 'same-1', 'TicketOpened', { title: 'first' });
    await append(opened.storage, 'same-1', 'TicketOpened', { title: 'a repeat the fold ignores' });
    await runner.catchUp();
    const [row] = (await readModelRows(opened)) as Array<{ title: string; last_stream: string; last_stream_revision: string | number }>;
    expect({ ...row, last_stream_revision: String(row?.last_stream_revision) }).toMatchObject({ title: 'first', last_stream: 'ticket-same-1', last_stream_revision: '1' });
    await runner.stop();
  });
});
