import { runRebuild, runStatus, type ProjectionStatusLine } from '../../src/infrastructure/cli/commands/run-projections';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { ticketSummaryV1 } from './support/ticket-summary.projection';
import { appendTicketLife, openStorage, readModelRows, runnerFor } from './support/projection-fixture';

describePostgres('civic-ledger projections (CLI)', () => {
  it('status shows position, head and lag; rebuild builds a new table, swaps it in and leaves the same rows', async () => {
    const database = await createTestDatabase('clprojcli');
    const opened = await openStorage(database.url);
    try {
      for (let i = 0; i < 5; i++) await appendTicketLife(opened.storage, `t${i}`, 1);
      const runner = runnerFor(opened, ticketSummaryV1);
      await runner.catchUp();
      await runner.stop();
      await appendTicketLife(opened.storage, 't9', 0);
      const before = await readModelRows(opened);

      const output: string[] = [];
      const out = (text: string) => output.push(text);
      expect(await runStatus({ databaseUrl: database.url, json: true }, [ticketSummaryV1], out)).toBe(0);
      const [line] = JSON.parse(output.pop()!) as ProjectionStatusLine[];
      expect(line).toMatchObject({ name: 'test-ticket-summary', activeVersion: 1, build: 0, position: '20', head: '23', lag: '3' });

      expect(await runRebuild('test-ticket-summary', { databaseUrl: database.url, progress: false }, [ticketSummaryV1], out)).toBe(0);
      expect(output.pop()).toMatch(/^Rebuilt test-ticket-summary v1\.1 into test_ticket_summary_v1_b1 up to position 23/);
      const after = await readModelRows(opened);
      expect(after).toHaveLength(before.length + 1);
      expect(after.slice(0, before.length)).toEqual(before);

      await runStatus({ databaseUrl: database.url }, [ticketSummaryV1], out);
      expect(output.pop()).toMatch(/test-ticket-summary\s+v1\s+v1\.1\s+23\s+23\s+0\s+active, caught up/);
      expect(await runRebuild('unknown', { databaseUrl: database.url }, [ticketSummaryV1], out)).toBe(2);
    } finally {
      await opened.close();
      await database.drop();
    }
  });
});
