import { Command } from 'commander';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { verifyChains } from '../../src/infrastructure/event-store/verify-chain';
import type { SqlClient, SqlQueryable } from '../../src/infrastructure/event-store/sql/sql-client';
import { SqlEventStore, toRecordedEvent } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { register } from '../../src/infrastructure/cli/commands/verify.command';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { signAndStoreCheckpoint } from '../../src/infrastructure/transparency/checkpoint-store';
import { LogBuilder, logFeedOf } from '../../src/infrastructure/transparency/log-builder';
import { inclusionProofAt, rootAt } from '../../src/infrastructure/transparency/log-tree-store';
import { verifyLogAgainstCheckpoints } from '../../src/infrastructure/transparency/verify-log';
import { toBase64 } from '../../src/transparency/bytes';
import { envelopeHash, eventLeafHash } from '../../src/transparency/event-leaf';
import { MemoryTree } from '../../src/transparency/merkle-tree';
import { verifyInclusion } from '../../src/transparency/merkle-verify';
import { ed25519Signer } from '../../src/transparency/note-keys';
import { anEvent } from '../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { buildUntil } from './build-until';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const ORIGIN = 'civic-ledger.test/log';
const signer = ed25519Signer(ORIGIN, SEED);
const TARGET = 5; // the leaf every tampering aims at; covered by both checkpoints (sizes 8 and 16)

type Row = Parameters<typeof toRecordedEvent>[0];
class Rollback extends Error {}

/** The SQL store reading inside the test's transaction, so verify sees the tampering before it is rolled back. */
const storeIn = (tx: SqlQueryable): SqlEventStore => {
  const outside = async (): Promise<never> => {
    throw new Error('only queries inside the test transaction');
  };
  return new SqlEventStore({ dialect: 'postgres', query: (sql, params) => tx.query(sql, params), exec: outside, transaction: outside, close: outside } as SqlClient);
};

const eventsInOrder = async (sql: SqlQueryable) =>
  (await sql.query<Row>('SELECT * FROM cl_events ORDER BY global_position')).rows.map(toRecordedEvent);

/** Rewrites an event's data and recomputes its hash and every later hash of its stream: the chain stays intact. */
const editAndRecompute = async (sql: SqlQueryable, position: bigint): Promise<void> => {
  const all = await eventsInOrder(sql);
  const target = all.find((e) => e.globalPosition === position)!;
  const stream = all.filter((e) => e.stream === target.stream && e.streamRevision >= target.streamRevision);
  let prevHash = target.prevHash;
  // Whoever can write the database can read the commitment secret beside the events.
  const hasher = await verifyHasher(sql);
  for (const event of stream) {
    const data = event.globalPosition === position ? { ...event.data, note: 'rewritten' } : event.data;
    const hash = hasher.hash({ ...event, data, prevHash });
    await sql.query('UPDATE cl_events SET data = $1::jsonb, prev_hash = $2, hash = $3 WHERE global_position = $4', [JSON.stringify(data), prevHash, hash, event.globalPosition.toString()]);
    prevHash = hash;
  }
};

const TAMPERINGS: ReadonlyArray<readonly [string, (sql: SqlQueryable, positions: bigint[]) => Promise<void>]> = [
  ['edit (data changed, stored hash kept)', (sql, p) => sql.query(`UPDATE cl_events SET data = jsonb_set(data, '{note}', '"edited"') WHERE global_position = $1`, [p[TARGET]!.toString()]).then(() => undefined)],
  ['delete', (sql, p) => sql.query('DELETE FROM cl_events WHERE global_position = $1', [p[TARGET]!.toString()]).then(() => undefined)],
  [
    'reorder (two events swap global positions)',
    async (sql, p) => {
      const [a, b] = [p[TARGET]!.toString(), p[TARGET + 1]!.toString()];
      await sql.query('UPDATE cl_events SET global_position = -1 WHERE global_position = $1', [a]);
      await sql.query('UPDATE cl_events SET global_position = $1 WHERE global_position = $2', [a, b]);
      await sql.query('UPDATE cl_events SET global_position = $1 WHERE global_position = -1', [b]);
    },
  ],
  ['edit and recompute every later hash', (sql, p) => editAndRecompute(sql, p[TARGET]!)],
];

describePostgres('tampering with events covered by a signed checkpoint (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let positions: bigint[];
  let signedRoot: Uint8Array;

  beforeAll(async () => {
    database = await createTestDatabase('cl_tamper');
    storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore));
    await builder.migrate();
    // Two streams interleaved, so a reorder moves events of different streams.
    for (let i = 0; i < 8; i++) {
      for (const stream of ['t-a', 't-b']) {
        await storage.eventStore.appendToStream(stream, [anEvent('TamperTested', { i, note: 'original' })], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1), commandId: `${stream}-${i}` });
      }
      if (i === 3) {
        await buildUntil(builder, 8n);
        await signAndStoreCheckpoint(storage.sql, signer, 8n, await rootAt(storage.sql, 8n), new Date());
      }
    }
    await buildUntil(builder, 16n);
    signedRoot = await rootAt(storage.sql, 16n);
    await signAndStoreCheckpoint(storage.sql, signer, 16n, signedRoot, new Date());
    // Events after the newest checkpoint are not covered, and are no disagreement.
    await storage.eventStore.appendToStream('t-c', [anEvent('TamperTested', { note: 'later' })], { expectedRevision: 'no_stream' });
    positions = (await eventsInOrder(storage.sql)).map((e) => e.globalPosition);
  });
  afterAll(async () => {
    await storage?.sql.close();
    await database?.drop();
  });

  it('an untouched store agrees with both signed checkpoints', async () => {
    expect(await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier)).toEqual({ checkpointSize: 16n, checkpointsChecked: 2, eventsChecked: 16 });
  });

  it.each(TAMPERINGS)('%s: detected by verify (at leaf %#) and by proof checking against the signed root', async (_kind, tamper) => {
    const outcome = storage.sql.transaction(async (tx) => {
      await tamper(tx, positions);
      const chains = await verifyChains(tx);
      const log = await verifyLogAgainstCheckpoints(tx, storeIn(tx), signer.verifier);
      // An auditor takes the event now stored at the target leaf, hashes its content and checks its
      // inclusion proof, from the stored tree and from a tree rebuilt over the tampered store.
      const tampered = await eventsInOrder(tx);
      const atTarget = tampered[TARGET]!;
      const leaf = eventLeafHash(atTarget.globalPosition, envelopeHash(atTarget));
      const storedProof = verifyInclusion(BigInt(TARGET), 16n, leaf, await inclusionProofAt(tx, BigInt(TARGET), 16n), signedRoot);
      const rebuilt = new MemoryTree();
      for (const e of tampered.slice(0, 16)) rebuilt.append(eventLeafHash(e.globalPosition, envelopeHash(e)));
      const rebuiltProof = verifyInclusion(BigInt(TARGET), 16n, rebuilt.lookup({ level: 0, index: BigInt(TARGET) }), rebuilt.inclusionProof(BigInt(TARGET), 16n), signedRoot);
      throw new Rollback(JSON.stringify({ chainBreaks: chains.breaks.length, log: log.disagreement, storedProof: storedProof.ok, rebuiltProof: rebuiltProof.ok, rebuiltRoot: toBase64(rebuilt.root(16n)) }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    });
    const error = await outcome.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Rollback);
    const result = JSON.parse((error as Error).message);
    expect(result.log).toMatchObject({ leafIndex: String(TARGET) });
    expect(result.storedProof).toBe(false);
    expect(result.rebuiltProof).toBe(false);
    expect(result.rebuiltRoot).not.toBe(toBase64(signedRoot));
    // The rolled-back tampering leaves the store as it was.
    expect((await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier)).disagreement).toBeUndefined();
  });

  it('edit and recompute: verify names the position, and the service refuses to start', async () => {
    await editAndRecompute(storage.sql, positions[TARGET]!);
    expect((await verifyChains(storage.sql)).breaks).toEqual([]);

    const output: string[] = [];
    let exitCode = 0;
    const program = new Command('civic-ledger').exitOverride();
    register(program, { out: (t) => output.push(t), setExitCode: (c) => (exitCode = c) });
    await program.parseAsync(['node', 'civic-ledger', 'verify', '--database-url', database.url, '--log-key', signer.verifier.vkey]);
    expect(exitCode).toBe(1);
    expect(output.join('\n')).toContain(`BROKEN transparency log (checkpoint size 16) at global position ${positions[TARGET]} (leaf ${TARGET})`);

    const config = loadConfig({ DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', LOG_SIGNING_KEY: toBase64(SEED), LOG_ORIGIN: ORIGIN });
    const app = await createApp({ config, storage: await createStorage({ databaseUrl: database.url, dataDir: 'unused' }) });
    await expect(app.init()).rejects.toThrow(`global position ${positions[TARGET]} (leaf ${TARGET})`);
    await app.close().catch(() => undefined);
  });
});
