import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { createDataSource } from '../../src/infrastructure/persistence/create-data-source';
import { listBuilds } from '../../src/projections/projection-store';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TicketSummary } from '../projections/support/ticket-summary.entity';
import { ticketSummaryV1 } from '../projections/support/ticket-summary.projection';
import { append, appendTicketLife, readModelRows, runnerFor, type Opened } from '../projections/support/projection-fixture';
import { startEsdbTarget, type EsdbTarget } from '../support/esdb-emulator/esdb-target';
import { createTestDatabase, describePostgres } from '../support/postgres';

describePostgres('projection runner unchanged on the EventStoreDB adapter (read models in PostgreSQL)', () => {
  let target: EsdbTarget;
  let database: { url: string; drop: () => Promise<void> };
  let opened: Opened;

  beforeAll(async () => {
    target = await startEsdbTarget({ systemEventEvery: 2 });
    database = await createTestDatabase('cl_esdb_proj');
    const storage = await createStorage({ eventStoreUrl: target.url, databaseUrl: database.url, dataDir: 'unused' });
    const dataSource = await createDataSource(storage.sql, [TicketSummary]);
    const runners: ProjectionRunner[] = [];
    opened = {
      storage,
      dataSource,
      runners,
      close: async () => {
        for (const runner of runners.splice(0)) await runner.stop();
        await dataSource.destroy();
        await storage.eventStore.close();
      },
    };
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
    await target?.stop();
  });

  const checkpoint = async () => (await listBuilds(opened.storage.sql, ticketSummaryV1.name)).find((b) => b.status === 'active')?.position;

  it('folds $all into rows with $all positions as provenance, in batches that split appends, and a rebuild equals the incremental run', async () => {
    const start = await opened.storage.eventStore.headPosition();
    await appendTicketLife(opened.storage, 'a', 2);
    await appendTicketLife(opened.storage, 'b', 1);
    await append(opened.storage, 'c', 'TicketOpened', { title: 'gone soon' });
    const deleted = await append(opened.storage, 'c', 'TicketDeleted');
    // Batches of 3 split the two-event appends, so the runner resumes from a position inside one.
    const runner = runnerFor(opened, ticketSummaryV1, 3);
    await runner.catchUp();

    const events = await opened.storage.eventStore.readAll({ after: start });
    expect(events).toHaveLength(11);
    expect(events.some((e) => e.type.startsWith('$') || e.stream.startsWith('$'))).toBe(false);
    const rows = await opened.dataSource.getRepository(TicketSummary).find({ order: { ticketId: 'ASC' } });
    expect(rows.map((r) => [r.ticketId, r.status, r.commentCount])).toEqual([
      ['a', 'closed', 2],
      ['b', 'closed', 1],
    ]);
    const lastOfA = (await opened.storage.eventStore.readStream('ticket-a', { direction: 'backwards', maxCount: 1 }))[0]!;
    expect(rows[0]).toMatchObject({ lastGlobalPosition: lastOfA.globalPosition.toString(), lastEventId: lastOfA.eventId, lastStreamRevision: '4' });
    expect(await checkpoint()).toBe(deleted.positions[0]);
    expect((await runner.lag())[0]).toMatchObject({ lag: 0n, status: 'active' });

    await append(opened.storage, 'b', 'TicketCommented');
    await runner.catchUp();
    const incremental = await readModelRows(opened);
    expect(incremental).toHaveLength(2);
    const rebuilt = await runner.rebuild(ticketSummaryV1.name);
    expect(rebuilt.build).toBe(1);
    expect(await readModelRows(opened)).toEqual(incremental);
  });
});
