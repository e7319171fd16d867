import { Command } from 'commander';
import { verifyHasher } from '../../../src/infrastructure/event-store/sql/server-secrets';
import { verifyChains, type ChainReport } from '../../../src/infrastructure/event-store/verify-chain';
import { toRecordedEvent } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { buildProgram } from '../../../src/infrastructure/cli/main';
import { register } from '../../../src/infrastructure/cli/commands/verify.command';
import { runVerify } from '../../../src/infrastructure/cli/commands/run-verify';
import { anEvent } from '../../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../../support/postgres';

const batch = (n: number) => Array.from({ length: n }, (_, i) => anEvent('VerifyTested', { i }));

const breaksOf = (report: ChainReport) => report.breaks.map((b) => [b.stream, b.revision, b.kind]);

describePostgres('verify: hash chains of every stream (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase('cl_verify');
    storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    const store = storage.eventStore;
    await store.appendToStream('a-intact', batch(3), { expectedRevision: 'no_stream' });
    await store.appendToStream('a-intact', batch(2), { expectedRevision: 2n });
    for (const stream of ['b-edited', 'c-rehashed', 'd-middle-deleted', 'e-tail-deleted', 'f-emptied', 'g-intact', 'h-intact']) {
      // Appends carry a command id, as every command through the pipeline does: the command ledger
      // is what shows a deleted tail.
      await store.appendToStream(stream, batch(4), { expectedRevision: 'no_stream', commandId: `cmd-${stream}` });
    }
  });
  afterAll(async () => {
    await storage?.sql.close();
    await database?.drop();
  });

  const update = (sql: string, params: unknown[]) => storage.sql.query(sql, params);
  const cli = async (args: string[]) => {
    const output: string[] = [];
    let exitCode = 0;
    const program = new Command('civic-ledger').exitOverride();
    register(program, { out: (text) => output.push(text), setExitCode: (code) => (exitCode = code) });
    await program.parseAsync(['node', 'civic-ledger', ...args]);
    return { output: output.join('\n'), exitCode };
  };

  it('an untouched store verifies, in pages smaller than a stream', async () => {
    for (const pageSize of [1, 3, 1000]) {
      expect(await verifyChains(storage.sql, { pageSize })).toEqual({ streams: 8, events: 33, breaks: [] });
    }
    const { output, exitCode } = await cli(['verify', '--database-url', database.url]);
    expect(exitCode).toBe(0);
    expect(output).toBe('OK: 33 events in 8 streams, every hash chain intact.\nTransparency log: not checked (no log key: set LOG_SIGNING_KEY or pass --log-key).');
  });

  it('names the stream and revision of every kind of tampering, and only those streams', async () => {
    // Edited data: the stored hash no longer matches.
    await update(`UPDATE cl_events SET data = jsonb_set(data, '{note}', '"edited"') WHERE stream_id = $1 AND stream_revision = 1`, ['b-edited']);
    // Edited data with a recomputed hash: the next event's link breaks.
    const { rows } = await storage.sql.query<Parameters<typeof toRecordedEvent>[0]>(
      `SELECT * FROM cl_events WHERE stream_id = $1 AND stream_revision = 2`,
      ['c-rehashed'],
    );
    const original = toRecordedEvent(rows[0]!);
    const forged = { ...original, data: { ...original.data, note: 'forged' } };
    await update(`UPDATE cl_events SET data = $1::jsonb, hash = $2 WHERE stream_id = $3 AND stream_revision = 2`, [
      JSON.stringify(forged.data),
      (await verifyHasher(storage.sql)).hash(forged),
      'c-rehashed',
    ]);
    await update(`DELETE FROM cl_events WHERE stream_id = $1 AND stream_revision = 1`, ['d-middle-deleted']);
    await update(`DELETE FROM cl_events WHERE stream_id = $1 AND stream_revision = 3`, ['e-tail-deleted']);
    await update(`DELETE FROM cl_events WHERE stream_id = $1`, ['f-emptied']);

    const expected = [
      ['b-edited', 1n, 'hash_mismatch'],
      ['c-rehashed', 3n, 'prev_hash_mismatch'],
      ['d-middle-deleted', 1n, 'revision_gap'],
      ['e-tail-deleted', 3n, 'revision_gap'],
      ['f-emptied', 0n, 'revision_gap'],
    ];
    for (const pageSize of [1, 2, 1000]) expect(breaksOf(await verifyChains(storage.sql, { pageSize }))).toEqual(expected);

    const report = await verifyChains(storage.sql);
    const edited = report.breaks.find((b) => b.stream === 'b-edited')!;
    expect(edited.found).toMatch(/^[0-9a-f]{64}$/);
    expect(edited.expected).not.toBe(edited.found);
    expect(report.breaks.find((b) => b.stream === 'd-middle-deleted')).toMatchObject({ expected: 'revision 1', found: 'revision 2' });

    const json = await cli(['verify', '--database-url', database.url, '--json']);
    expect(json.exitCode).toBe(1);
    const parsed = JSON.parse(json.output) as { ok: boolean; breaks: Array<{ stream: string; revision: string; kind: string }> };
    expect(parsed.ok).toBe(false);
    expect(parsed.breaks.map((b) => [b.stream, b.revision, b.kind])).toEqual(expected.map(([s, r, k]) => [s, String(r), k]));

    const text = await runVerify({ databaseUrl: database.url }, () => undefined);
    expect(text).toBe(1);
  });

  it('reads DATABASE_URL when no option is given', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    try {
      const lines: string[] = [];
      expect(await runVerify({}, (t) => lines.push(t))).toBe(1);
      expect(lines.join('\n')).toMatch(/^BROKEN: 5 of 8 streams[\s\S]*b-edited at revision 1: hash_mismatch/);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('civic-ledger verify --help lists its options', async () => {
    let help = '';
    const program = buildProgram().exitOverride().configureOutput({ writeOut: (s) => (help += s), writeErr: (s) => (help += s) });
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: (s) => (help += s), writeErr: (s) => (help += s) }));
    await expect(program.parseAsync(['node', 'civic-ledger', 'verify', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(help).toMatch(/Usage: civic-ledger verify \[options\]/);
    for (const option of ['--database-url <url>', '--data-dir <dir>', '--json']) expect(help).toContain(option);
  });
});
