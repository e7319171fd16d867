import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import type { SqlQueryable } from '../../src/infrastructure/event-store/sql/sql-client';
import { toRecordedEvent } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { signAndStoreCheckpoint } from '../../src/infrastructure/transparency/checkpoint-store';
import { LogBuilder, logFeedOf } from '../../src/infrastructure/transparency/log-builder';
import { rootAt } from '../../src/infrastructure/transparency/log-tree-store';
import { checkLogAtStartup } from '../../src/infrastructure/transparency/startup-check';
import { verifyLogAgainstCheckpoints } from '../../src/infrastructure/transparency/verify-log';
import { ed25519Signer } from '../../src/transparency/note-keys';
import { anEvent } from '../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { buildUntil } from './build-until';

const signer = ed25519Signer('civic-ledger.test/startup', Uint8Array.from({ length: 32 }, (_, i) => 31 + i));
const MARK = 8n; // verified at the first start
const AFTER_MARK = 10; // a leaf covered by the newest checkpoint (16), after the mark
const BEFORE_MARK = 5;

type Row = Parameters<typeof toRecordedEvent>[0];
const eventsInOrder = async (sql: SqlQueryable) => (await sql.query<Row>('SELECT * FROM cl_events ORDER BY global_position')).rows.map(toRecordedEvent);

const editAndRecompute = async (sql: SqlQueryable, position: bigint): Promise<void> => {
  const all = await eventsInOrder(sql);
  const target = all.find((e) => e.globalPosition === position)!;
  let prevHash = target.prevHash;
  // Whoever can write the database can read the commitment secret beside the events.
  const hasher = await verifyHasher(sql);
  for (const event of all.filter((e) => e.stream === target.stream && e.streamRevision >= target.streamRevision)) {
    const data = event.globalPosition === position ? { ...event.data, note: 'rewritten' } : event.data;
    const hash = hasher.hash({ ...event, data, prevHash });
    await sql.query('UPDATE cl_events SET data = $1::jsonb, prev_hash = $2, hash = $3 WHERE global_position = $4', [JSON.stringify(data), prevHash, hash, event.globalPosition.toString()]);
    prevHash = hash;
  }
};

const tamperings = (leaf: number): ReadonlyArray<readonly [string, (sql: SqlQueryable, p: bigint[]) => Promise<unknown>]> => [
  ['edit', (sql, p) => sql.query(`UPDATE cl_events SET data = jsonb_set(data, '{note}', '"edited"') WHERE global_position = $1`, [p[leaf]!.toString()])],
  ['delete', (sql, p) => sql.query('DELETE FROM cl_events WHERE global_position = $1', [p[leaf]!.toString()])],
  [
    'reorder',
    async (sql, p) => {
      const [a, b] = [p[leaf]!.toString(), p[leaf + 1]!.toString()];
      await sql.query('UPDATE cl_events SET global_position = -1 WHERE global_position = $1', [a]);
      await sql.query('UPDATE cl_events SET global_position = $1 WHERE global_position = $2', [a, b]);
      await sql.query('UPDATE cl_events SET global_position = $1 WHERE global_position = -1', [b]);
    },
  ],
  ['edit and recompute every later hash', (sql, p) => editAndRecompute(sql, p[leaf]!)],
];

describePostgres('incremental start-up check of the transparency log (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let positions: bigint[];
  const check = () => checkLogAtStartup(storage.sql, storage.eventStore, signer.verifier, new Date());
  const restore = async () => {
    await storage.sql.query('DELETE FROM cl_events');
    await storage.sql.query('INSERT INTO cl_events SELECT * FROM events_backup');
    await storage.sql.query('DELETE FROM cl_log_nodes');
    await storage.sql.query('INSERT INTO cl_log_nodes SELECT * FROM nodes_backup');
    await storage.sql.query('UPDATE cl_log_verified SET tree_size = 8, root_hash = (SELECT root_hash FROM cl_log_checkpoints WHERE tree_size = 8)');
  };

  beforeAll(async () => {
    database = await createTestDatabase('cl_startup');
    storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore));
    await builder.migrate();
    const append = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        for (const stream of ['s-a', 's-b']) {
          await storage.eventStore.appendToStream(stream, [anEvent('StartupTested', { i, note: 'original' })], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
        }
      }
    };
    await append(0, 4);
    await buildUntil(builder, 8n);
    await signAndStoreCheckpoint(storage.sql, signer, 8n, await rootAt(storage.sql, 8n), new Date());
    // The first start: no mark yet, the full check, and the mark set at 8.
    expect(await check()).toEqual({ mode: 'full', fromSize: 0n, checkpointSize: 8n, eventsChecked: 8 });
    await append(4, 8);
    await buildUntil(builder, 16n);
    await signAndStoreCheckpoint(storage.sql, signer, 16n, await rootAt(storage.sql, 16n), new Date());
    positions = (await eventsInOrder(storage.sql)).map((e) => e.globalPosition);
    await storage.sql.query('CREATE TABLE events_backup AS SELECT * FROM cl_events');
    await storage.sql.query('CREATE TABLE nodes_backup AS SELECT * FROM cl_log_nodes');
  });
  afterEach(async () => {
    await restore();
  });
  afterAll(async () => {
    await storage?.sql.close();
    await database?.drop();
  });

  it('re-hashes only the events after the checkpoint verified at the previous start, and moves the mark', async () => {
    expect(await check()).toEqual({ mode: 'incremental', fromSize: MARK, checkpointSize: 16n, eventsChecked: 8 });
    expect(await check()).toEqual({ mode: 'incremental', fromSize: 16n, checkpointSize: 16n, eventsChecked: 0 });
  });

  it.each(tamperings(AFTER_MARK))('%s of an event after the mark: the start-up check refuses, naming the leaf', async (_kind, tamper) => {
    await tamper(storage.sql, positions);
    const report = await check();
    expect(report.mode).toBe('incremental');
    expect(report.disagreement).toBeDefined();
    expect(Number(report.disagreement!.leafIndex)).toBeGreaterThanOrEqual(Number(MARK));
    expect(Number(report.disagreement!.leafIndex)).toBeLessThanOrEqual(AFTER_MARK + 1);
    // The mark does not move past a disagreement.
    expect((await storage.sql.query<{ tree_size: string }>('SELECT tree_size FROM cl_log_verified')).rows[0]!.tree_size).toBe('8');
  });

  it('a stored tree node changed after the mark (proofs would be wrong) is caught, naming the first leaf under it', async () => {
    await storage.sql.query("UPDATE cl_log_nodes SET hash = sha256('x'::bytea) WHERE level = 1 AND idx = 6");
    expect((await check()).disagreement).toMatchObject({ leafIndex: 12n, reason: expect.stringContaining('the stored tree was changed') });
  });

  it('with the mark at the newest checkpoint, a changed stored root is still caught', async () => {
    await check();
    await storage.sql.query("UPDATE cl_log_nodes SET hash = sha256('x'::bytea) WHERE level = 4 AND idx = 0");
    expect((await check()).disagreement?.reason).toContain('the stored tree at size 16');
  });

  it('a stored tree node below the mark is caught: the stored frontier no longer folds to the root signed at the mark', async () => {
    await storage.sql.query("UPDATE cl_log_nodes SET hash = sha256('x'::bytea) WHERE level = 3 AND idx = 0");
    expect((await check()).disagreement?.reason).toContain('the stored tree at size 8 no longer gives the root signed there');
  });

  it('what start-up no longer catches: an edited event below the mark with the stored tree untouched; civic-ledger verify does', async () => {
    await tamperings(BEFORE_MARK)[0]![1](storage.sql, positions);
    expect((await check()).disagreement).toBeUndefined();
    expect((await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier)).disagreement).toMatchObject({ leafIndex: BigInt(BEFORE_MARK) });
  });

  it('a mark that names no signed checkpoint (rewritten) falls back to the full check', async () => {
    await storage.sql.query("UPDATE cl_log_verified SET root_hash = sha256('forged'::bytea)");
    await tamperings(BEFORE_MARK)[0]![1](storage.sql, positions);
    expect(await check()).toMatchObject({ mode: 'full', disagreement: { leafIndex: BigInt(BEFORE_MARK) } });
  });
});
