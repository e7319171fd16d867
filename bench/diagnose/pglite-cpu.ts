/**
 * CPU per operation on the embedded store (PGlite, in memory), this tree against another
 * (`BENCH_BEFORE_TREE`), alternating rounds in one process: W1-shaped appends (one event, exact
 * revision), W2-shaped stream reads (every stream read back whole), readAll pages (W3's read side) and
 * a trivial parameterised statement. Everything runs in this process, so process CPU is the cost
 * (in a data directory, BENCH_PGLITE_DIR, the kernel's share of writing files counts too).
 * Both stores are open at once and the trees take turns operation by operation, so load on the
 * machine falls on both alike; medians of the rounds and their ratio are printed.
 * `npx ts-node --transpile-only bench/diagnose/pglite-cpu.ts [events] [rounds] [concurrencies]`
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../../src/infrastructure/event-store/sql/pglite-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import { benchEvent, streamName } from '../lib/events';
import { runWorkers } from '../lib/stats';

const EVENTS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCIES = (process.argv[4] ?? '1,8').split(',').map(Number);
const K = 10;
const BEFORE = process.env.BENCH_BEFORE_TREE;
/** BENCH_PGLITE_DIR=/some/dir: each store in a fresh data directory under it (the service's default mode), not in memory. */
const DATA_DIR = process.env.BENCH_PGLITE_DIR;

type Tree = Readonly<{ name: string; client: (dataDir?: string) => Promise<SqlClient>; Store: new (sql: SqlClient) => SqlEventStore }>;

const trees: Tree[] = [{ name: 'after', client: (dataDir) => createPgliteSqlClient(dataDir), Store: SqlEventStore }];
if (BEFORE !== undefined) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const before = (path: string) => require(join(BEFORE, path)) as Record<string, unknown>;
  trees.unshift({
    name: 'before',
    client: before('src/infrastructure/event-store/sql/pglite-sql-client').createPgliteSqlClient as typeof createPgliteSqlClient,
    Store: before('src/infrastructure/event-store/sql/sql-event-store').SqlEventStore as new (sql: SqlClient) => SqlEventStore,
  });
}

const cpuUs = async (fn: () => Promise<void>): Promise<number> => {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

type Open = Readonly<{ tree: Tree; sql: SqlClient; store: SqlEventStore }>;

/** `count` jobs spread over `c` workers. */
const inParallel = async (c: number, count: number, job: (i: number) => Promise<void>): Promise<void> => {
  await runWorkers(c, (w) => Math.floor(count / c) + (w < count % c ? 1 : 0), (w, i) => job(i * c + w), () => undefined);
};

const main = async (): Promise<void> => {
  const streams = EVENTS / K;
  const opened: Open[] = [];
  for (const tree of trees) {
    const sql = await tree.client(DATA_DIR === undefined ? undefined : mkdtempSync(join(DATA_DIR, `${tree.name}-`)));
    const store = new tree.Store(sql);
    await store.migrate();
    opened.push({ tree, sql, store });
  }
  const results = new Map<string, Map<string, number[]>>();
  const record = (op: string, tree: string, value: number) => {
    const byTree = results.get(op) ?? new Map<string, number[]>();
    byTree.set(tree, [...(byTree.get(tree) ?? []), value]);
    results.set(op, byTree);
  };
  // Alternating chunks: every operation runs ROUNDS times on each tree, trees taking turns.
  for (const c of CONCURRENCIES) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { tree, store } of opened) {
        // W1: one event per append, exact revision, K per stream; a fresh set of streams each round.
        const name = (s: number) => `c${c}-r${round}-${streamName(s)}`;
        const w1 = await cpuUs(async () => {
          for (let rev = 0; rev < K; rev++) {
            await inParallel(c, streams, async (s) => {
              await store.appendToStream(name(s), [benchEvent(name(s), rev)], { expectedRevision: rev === 0 ? 'no_stream' : BigInt(rev - 1) });
            });
          }
        });
        record(`W1 append, ${c} in flight (us/event)`, tree.name, w1 / EVENTS);
        const w2 = await cpuUs(() =>
          inParallel(c, streams, async (s) => {
            const events = await store.readStream(name(s));
            if (events.length !== K) throw new Error(`read ${events.length}`);
          }),
        );
        record(`W2 readStream, ${c} in flight (us/stream of ${K})`, tree.name, w2 / streams);
      }
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const { tree, sql, store } of opened) {
      let read = 0;
      const pages = await cpuUs(async () => {
        let after = 0n;
        for (;;) {
          const page = await store.readAll({ after, limit: 500 });
          if (page.length === 0) break;
          read += page.length;
          after = page[page.length - 1]!.globalPosition;
        }
      });
      record('readAll, pages of 500 (us/event)', tree.name, pages / read);
      const trivial = await cpuUs(async () => {
        for (let i = 0; i < 1000; i++) await sql.query('SELECT $1::int AS n', [i]);
      });
      record('SELECT $1::int (us/statement)', tree.name, trivial / 1000);
    }
  }
  for (const [op, byTree] of results) {
    const medians = new Map([...byTree].map(([tree, values]) => [tree, median(values)]));
    const line = [...byTree].map(([tree, values]) => `${tree} ${median(values).toFixed(1)} [${values.map((v) => v.toFixed(0)).join(' ')}]`).join('  ');
    const ratio = medians.has('before') ? `  after/before ${((medians.get('after') as number) / (medians.get('before') as number)).toFixed(2)}` : '';
    console.log(`${op.padEnd(40)} ${line}${ratio}`);
  }
  for (const { store } of opened) await store.close();
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
