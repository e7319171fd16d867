import { eventLeafHash } from '../../src/transparency/event-leaf';
import { MemoryTree } from '../../src/transparency/merkle-tree';
import { verifyConsistency, verifyInclusion } from '../../src/transparency/merkle-verify';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { LogBuilder, logFeedOf } from '../../src/infrastructure/transparency/log-builder';
import { consistencyProofAt, inclusionProofAt, inclusionProofsAt, locateLeaf, readLogState, rootAt } from '../../src/infrastructure/transparency/log-tree-store';
import { anEvent } from '../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { buildUntil } from './build-until';

/** The tree the stored events must give, computed in memory from the gap-safe feed. */
const expectedTree = async (storage: Storage): Promise<{ tree: MemoryTree; positions: bigint[] }> => {
  const tree = new MemoryTree();
  const positions: bigint[] = [];
  for (let after = 0n; ; ) {
    const page = await storage.eventStore.readAll({ after, limit: 500 });
    if (page.length === 0) break;
    for (const e of page) {
      tree.append(eventLeafHash(e.globalPosition, e.hash));
      positions.push(e.globalPosition);
    }
    after = page[page.length - 1]!.globalPosition;
  }
  return { tree, positions };
};

const waitVisible = async (storage: Storage, after: bigint, count: number): Promise<void> => {
  while ((await storage.eventStore.readAll({ after, limit: count })).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
};

const leafPositions = async (storage: Storage): Promise<bigint[]> =>
  (await storage.sql.query<{ global_position: string }>('SELECT global_position FROM cl_log_leaves ORDER BY leaf_index')).rows.map((r) => BigInt(r.global_position));

const checkTree = async (storage: Storage, builder: LogBuilder) => {
  const { tree, positions } = await expectedTree(storage);
  await buildUntil(builder, tree.size);
  const state = await readLogState(storage.sql);
  expect(state.treeSize).toBe(tree.size);
  expect(await leafPositions(storage)).toEqual(positions);
  const size = tree.size;
  const root = await rootAt(storage.sql, size);
  expect(Buffer.from(root).toString('hex')).toBe(Buffer.from(tree.root()).toString('hex'));
  const indexes = [0n, size / 3n, size / 2n, size - 1n];
  for (const index of indexes) {
    const proof = await inclusionProofAt(storage.sql, index, size);
    expect(verifyInclusion(index, size, tree.lookup({ level: 0, index }), proof, root)).toEqual({ ok: true });
  }
  // A bundle's proofs come in one query: the same proofs, each for its own leaf.
  const every = Array.from({ length: Number(size) }, (_, i) => BigInt(i));
  const batched = await inclusionProofsAt(storage.sql, every, size);
  expect(batched.map((proof, i) => verifyInclusion(every[i]!, size, tree.lookup({ level: 0, index: every[i]! }), proof, root))).toEqual(every.map(() => ({ ok: true })));
  expect(batched.filter((_, i) => indexes.includes(every[i]!))).toEqual(await Promise.all(indexes.map((index) => inclusionProofAt(storage.sql, index, size))));
  for (const size1 of [1n, size / 2n + 1n, size - 1n]) {
    const proof = await consistencyProofAt(storage.sql, size1, size);
    expect(verifyConsistency(size1, size, proof, tree.root(size1), root)).toEqual({ ok: true });
  }
};

const suite = (name: string, open: () => Promise<{ storage: Storage; url?: string; drop: () => Promise<void> }>) => {
  let ctx: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    ctx = await open();
  });
  afterAll(async () => {
    await ctx?.storage.sql.close();
    await ctx?.drop();
  });

  it(`${name}: builds the tree of every committed event in global order, with proofs that verify`, async () => {
    const { storage } = ctx;
    const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore), { batchSize: 7 });
    await builder.migrate();
    for (let s = 0; s < 5; s++) await storage.eventStore.appendToStream(`tree-${s}`, [anEvent('TreeTested', { s }), anEvent('TreeTested', { s })], { expectedRevision: 'no_stream' });
    expect(await buildUntil(builder, 10n)).toBe(10n);
    await checkTree(storage, builder);
    for (let s = 0; s < 6; s++) await storage.eventStore.appendToStream(`tree-more-${s}`, [anEvent('TreeTested', { s })], { expectedRevision: 'no_stream' });
    await buildUntil(builder, 16n);
    await checkTree(storage, builder);
    const location = await locateLeaf(storage.sql, storage.eventStore, { globalPosition: (await leafPositions(storage))[12]! });
    expect(location?.leafIndex).toBe(12n);
    const byId = await locateLeaf(storage.sql, storage.eventStore, { eventId: location!.eventId.toUpperCase() });
    expect(byId).toEqual(location);
  });

  it(`${name}: the log's feed pages the store's positions, event ids and hashes as readAll does, and only those`, async () => {
    const { storage } = ctx;
    const feed = logFeedOf(storage.eventStore);
    expect(feed).not.toBe(storage.eventStore);
    const all = await storage.eventStore.readAll({ limit: 10_000 });
    expect(all.length).toBeGreaterThan(10);
    const paged = [];
    for (let after = 0n; ; ) {
      const page = await feed.readAll({ after, limit: 4 });
      if (page.length === 0) break;
      paged.push(...page);
      after = page[page.length - 1]!.globalPosition;
    }
    expect(paged).toEqual(all.map((e) => ({ globalPosition: e.globalPosition, eventId: e.eventId, hash: e.hash })));
    expect(await feed.readAt(all[3]!.globalPosition)).toEqual(all[3]);
  });

  it(`${name}: a batch that fails leaves the tree as it was, and the next run neither loses nor repeats a leaf`, async () => {
    const { storage } = ctx;
    const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore), { batchSize: 4 });
    const before = await readLogState(storage.sql);
    for (let s = 0; s < 3; s++) await storage.eventStore.appendToStream(`crash-${s}`, [anEvent('TreeTested', { s })], { expectedRevision: 'no_stream' });
    await waitVisible(storage, before.lastPosition, 3);
    // A node row in the way makes the batch's insert fail after the state update: as a crash would.
    await storage.sql.query("INSERT INTO cl_log_nodes (level, idx, hash) VALUES (0, $1, '\\x00')", [(before.treeSize + 2n).toString()]);
    await expect(builder.step()).rejects.toThrow();
    expect(await readLogState(storage.sql)).toEqual(before);
    await storage.sql.query('DELETE FROM cl_log_nodes WHERE level = 0 AND idx = $1', [(before.treeSize + 2n).toString()]);
    // A second builder with a stale view of the tree loses the compare-and-set instead of adding twice.
    const stale = new LogBuilder(storage.sql, logFeedOf(storage.eventStore));
    await stale.head();
    await builder.catchUp();
    expect(await stale.step()).toBe(0);
    await checkTree(storage, stale);
  });

  it(`${name}: a catch-up that loses its batch to another builder reads again from the new tip, up to the newest event`, async () => {
    const { storage } = ctx;
    await new LogBuilder(storage.sql, logFeedOf(storage.eventStore)).catchUp();
    const before = await readLogState(storage.sql);
    for (let s = 0; s < 4; s++) await storage.eventStore.appendToStream(`race-${s}`, [anEvent('TreeTested', { s })], { expectedRevision: 'no_stream' });
    await waitVisible(storage, before.lastPosition, 4);
    // The other builder (the background loop) read its page before the fourth event was committed.
    const feed = logFeedOf(storage.eventStore);
    const other = new LogBuilder(storage.sql, { ...feed, readAll: async (options) => (await feed.readAll(options)).slice(0, 3) });
    let raced = false;
    const builder = new LogBuilder(storage.sql, {
      ...feed,
      readAll: async (options) => {
        const page = await feed.readAll(options);
        // It commits between this builder's read and its compare-and-set.
        if (!raced) {
          raced = true;
          expect(await other.step()).toBe(3);
        }
        return page;
      },
    });
    expect(await builder.catchUp()).toBe(before.treeSize + 4n);
    expect(raced).toBe(true);
    await checkTree(storage, builder);
  });

  it(`${name}: leaves written before the leaf table kept event ids get them from the store when the builder migrates`, async () => {
    const { storage } = ctx;
    const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore), { batchSize: 3 });
    await builder.catchUp();
    const ids = async () => (await storage.sql.query<{ event_id: string | null }>('SELECT event_id FROM cl_log_leaves ORDER BY leaf_index')).rows.map((r) => r.event_id);
    const expected = (await storage.eventStore.readAll({ limit: 10_000 })).map((e) => e.eventId.toLowerCase());
    expect(await ids()).toEqual(expected);
    // As after an upgrade: the older leaves have no id, the newest ones have.
    await storage.sql.query('UPDATE cl_log_leaves SET event_id = NULL WHERE leaf_index < $1', [expected.length - 2]);
    expect(await locateLeaf(storage.sql, storage.eventStore, { eventId: expected[1]! })).toBeNull();
    await builder.migrate();
    expect(await ids()).toEqual(expected);
    expect((await locateLeaf(storage.sql, storage.eventStore, { eventId: expected[1]! }))?.leafIndex).toBe(1n);
  });
};

describe('transparency log builder (PGlite)', () => {
  suite('PGlite', async () => ({ storage: await createStorage({ dataDir: 'memory://' }), drop: async () => undefined }));
});

describePostgres('transparency log builder (PostgreSQL)', () => {
  suite('PostgreSQL', async () => {
    const database = await createTestDatabase('cl_log');
    return { storage: await createStorage({ databaseUrl: database.url, dataDir: 'unused' }), url: database.url, drop: database.drop };
  });

  it('never skips or repeats an event while writers append concurrently', async () => {
    const database = await createTestDatabase('cl_log_race');
    const storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    const writers = Array.from({ length: 6 }, () => new SqlEventStore(createPostgresSqlClient(database.url, { maxConnections: 1 })));
    try {
      const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore), { batchSize: 5, pollIntervalMs: 1 });
      await builder.migrate();
      builder.start();
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < 20; i++) await store.appendToStream(`race-${w}-${i}`, [anEvent('TreeTested', { w, i }), anEvent('TreeTested', { w, i })], { expectedRevision: 'no_stream' });
        }),
      );
      await builder.stop();
      expect(await buildUntil(builder, 240n)).toBe(240n);
      await checkTree(storage, builder);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
      await storage.sql.close();
      await database.drop();
    }
  });
});
