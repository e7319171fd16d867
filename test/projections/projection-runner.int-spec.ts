import { createTestDatabase, describePostgres } from '../support/postgres';
import { listBuilds } from '../../src/projections/projection-store';
import { applyBatch } from '../../src/projections/projection-writer';
import { tableModelOf } from '../../src/projections/projection-table';
import { TicketSummary } from './support/ticket-summary.entity';
import { ticketSummaryV1, ticketSummaryV2 } from './support/ticket-summary.projection';
import { append, appendTicketLife, openStorage, readModelRows, runnerFor, type Opened } from './support/projection-fixture';

describePostgres('projection runner on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let opened: Opened;
  const extra: Opened[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('clproj');
    opened = await openStorage(database.url);
  });

  afterEach(async () => {
    for (const o of extra.splice(0)) await o.close();
    await opened.close();
    await database.drop();
  });

  const checkpoint = async (version = 1) =>
    (await listBuilds(opened.storage.sql, ticketSummaryV1.name)).find((b) => b.version === version && b.status !== 'retired')?.position;

  it('folds events into rows that carry the provenance of the last event that changed them', async () => {
    await appendTicketLife(opened.storage, 'a', 2);
    await append(opened.storage, 'b', 'TicketOpened', { title: 'gone soon' });
    const deleted = await append(opened.storage, 'b', 'TicketDeleted');
    const runner = runnerFor(opened, ticketSummaryV1);
    await runner.catchUp();

    const rows = await opened.dataSource.getRepository(TicketSummary).find();
    expect(rows).toHaveLength(1);
    const [a] = rows;
    const events = await opened.storage.eventStore.readStream('ticket-a');
    const closed = events[events.length - 1]!;
    expect(a).toMatchObject({ ticketId: 'a', title: 'ticket a', status: 'closed', commentCount: 2, labels: ['urgent'] });
    expect(a).toMatchObject({
      lastStream: 'ticket-a',
      lastStreamRevision: closed.streamRevision.toString(),
      lastGlobalPosition: closed.globalPosition.toString(),
      lastEventId: closed.eventId,
    });
    expect(await checkpoint()).toBe(deleted.positions[0]);
    expect((await runner.lag())[0]).toMatchObject({ name: 'test-ticket-summary', lag: 0n, status: 'active' });
  });

  it('rolls back a batch that fails midway: no row written, checkpoint unmoved; a restart then equals a rebuild', async () => {
    await append(opened.storage, 'c', 'TicketOpened', { title: 'to delete' });
    const first = runnerFor(opened, ticketSummaryV1);
    await first.catchUp();
    await first.stop();
    const before = await checkpoint();
    await append(opened.storage, 'a', 'TicketOpened', { title: 'x' });
    await append(opened.storage, 'b', 'TicketOpened', { title: 'y' });
    await append(opened.storage, 'c', 'TicketDeleted');
    // The batch's one write statement moves the checkpoint, upserts a and b, then deletes c: fail the delete.
    await opened.storage.sql.exec(`
      CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;
      CREATE TRIGGER test_fail BEFORE DELETE ON test_ticket_summary_v1 FOR EACH ROW EXECUTE FUNCTION test_fail();`);

    const failing = runnerFor(opened, ticketSummaryV1);
    await expect(failing.catchUp()).rejects.toThrow('injected');
    await failing.stop();
    expect(await checkpoint()).toBe(before);
    expect((await readModelRows(opened)).map((r) => (r as { ticket_id: string }).ticket_id)).toEqual(['c']);

    await opened.storage.sql.exec('DROP TRIGGER test_fail ON test_ticket_summary_v1');
    const restarted = runnerFor(opened, ticketSummaryV1);
    await restarted.catchUp();
    const incremental = await readModelRows(opened);
    expect(incremental.map((r) => (r as { ticket_id: string }).ticket_id)).toEqual(['a', 'b']);

    const rebuilt = await restarted.rebuild(ticketSummaryV1.name);
    expect(rebuilt.build).toBe(1);
    expect(await readModelRows(opened)).toEqual(incremental);
  });

  it('is idempotent: handling the same batch twice changes nothing', async () => {
    await appendTicketLife(opened.storage, 'a', 3);
    await appendTicketLife(opened.storage, 'b', 1);
    const runner = runnerFor(opened, ticketSummaryV1);
    await runner.catchUp();
    const once = await readModelRows(opened);

    const events = await opened.storage.eventStore.readAll({ after: 0n, limit: 1000 });
    const model = tableModelOf(opened.dataSource, ticketSummaryV1);
    const outcome = await opened.storage.sql.transaction((tx) => applyBatch(tx, ticketSummaryV1, model, 'test_ticket_summary_v1', events));
    expect(outcome).toEqual({ upserted: 0, deleted: 0, checkpointMoved: false });
    // Redelivery through the runner too: move the checkpoint back to 0.
    await opened.storage.sql.query(`UPDATE cl_projection_builds SET position = 0`);
    await runner.catchUp();
    expect(await readModelRows(opened)).toEqual(once);
  });

  it('two runners started together produce the same rows as one', async () => {
    for (let i = 0; i < 40; i++) await appendTicketLife(opened.storage, `t${String(i).padStart(2, '0')}`, i % 4);
    const second = await openStorage(database.url);
    extra.push(second);
    const writer = (async () => {
      for (let i = 40; i < 60; i++) await appendTicketLife(opened.storage, `t${i}`, 2);
    })();
    const runners = [runnerFor(opened, ticketSummaryV1, 25), runnerFor(second, ticketSummaryV1, 25)];
    await Promise.all([...runners.map((r) => r.catchUp()), writer]);
    // Whichever runner owns the build finishes the events the writer appended last.
    await Promise.all(runners.map((r) => r.catchUp()));
    const together = await readModelRows(opened);
    expect(together).toHaveLength(60);

    await runnerFor(opened, ticketSummaryV1, 1000).rebuild(ticketSummaryV1.name);
    expect(await readModelRows(opened)).toEqual(together);
  });

  it('blue/green: version 2 builds beside version 1, which keeps serving, and is swapped in once caught up', async () => {
    for (let i = 0; i < 30; i++) await appendTicketLife(opened.storage, `t${String(i).padStart(2, '0')}`, 1);
    const v1 = runnerFor(opened, ticketSummaryV1, 10);
    await v1.catchUp();

    const v2 = runnerFor(opened, ticketSummaryV2, 5); // 20 batches of 5 per pass: 100 of 120 events
    expect(await v2.runOnce()).toBe(false);
    const during = await listBuilds(opened.storage.sql, ticketSummaryV1.name);
    expect(during.map((b) => [b.version, b.status])).toEqual([[1, 'active'], [2, 'building']]);
    expect(during[1]!.position).toBeGreaterThan(0n);
    expect((await readModelRows(opened))[0]).toMatchObject({ title: 'ticket t00' });

    await appendTicketLife(opened.storage, 'zz-late', 0);
    await v1.catchUp();
    expect(await readModelRows(opened)).toHaveLength(31);

    await v2.catchUp();
    const after = await listBuilds(opened.storage.sql, ticketSummaryV1.name);
    expect(after.map((b) => [b.version, b.status])).toEqual([[1, 'retired'], [2, 'active']]);
    const rows = await opened.dataSource.getRepository(TicketSummary).find({ order: { ticketId: 'ASC' } });
    expect(rows).toHaveLength(31);
    expect(rows[0]).toMatchObject({ title: 'TICKET T00' });
    const tables = await opened.storage.sql.query(`SELECT to_regclass('test_ticket_summary_v1') AS v1, to_regclass('test_ticket_summary_v2') AS v2`);
    expect(tables.rows[0]).toEqual({ v1: null, v2: 'test_ticket_summary_v2' });
    // The old code leaves the newer version alone.
    await v1.catchUp();
    expect((await listBuilds(opened.storage.sql, ticketSummaryV1.name)).find((b) => b.status === 'active')?.version).toBe(2);
  });
});
