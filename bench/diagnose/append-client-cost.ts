/**
 * Client CPU per append of the SQL event store's own code (hashing, request JSON, group commit,
 * outcome decoding), without a database or a driver: a stand-in SqlClient answers cl_append_batch
 * on the next turn of the event loop with an `ok` per request. W1 shape (one event per append,
 * exact revision), at 1 and 8 in flight; this tree against `BENCH_BEFORE_TREE` (if set),
 * alternating rounds; medians. CPU-bound and in one process, so far less noisy than append-cpu.ts
 * on a busy machine, but it leaves out what pg and the socket cost.
 * `npx ts-node --transpile-only bench/diagnose/append-client-cost.ts [events] [rounds] [concurrencies]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import { benchEvent, streamName } from '../lib/events';
import { ownedStreams, runWorkers } from '../lib/stats';

const EVENTS = Number(process.argv[2] ?? 20000);
const ROUNDS = Number(process.argv[3] ?? 5);
const CONCURRENCIES = (process.argv[4] ?? '1,8').split(',').map(Number);
const K = 10;
const BEFORE = process.env.BENCH_BEFORE_TREE;
const SECRET = Buffer.alloc(32, 7).toString('base64');

/** Answers the store's statements: the secret, heads (none), and cl_append_batch (every request ok, one event each). */
const standIn = (): SqlClient => {
  let position = 0;
  const query = async (sql: string, params?: readonly unknown[]): Promise<{ rows: never[] }> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (sql.includes('cl_append_batch')) {
      const heads = [...String(params?.[0]).matchAll(/"h":"(-?\d+)"/g)].map((m) => Number(m[1]));
      return { rows: heads.map((h, index) => ({ out_index: index, out_status: 'ok', out_revision: String(h + 1), out_positions: [String(++position)] })) as never[] };
    }
    if (sql.includes('FROM cl_server_secrets')) return { rows: [{ secret: SECRET }] as never[] };
    return { rows: [] };
  };
  return { dialect: 'postgres', query, exec: async () => undefined, transaction: async (fn) => fn({ query }), close: async () => undefined };
};

type Store = { appendToStream: SqlEventStore['appendToStream'] };
const stores: Record<string, () => Store> = { this: () => new SqlEventStore(standIn()) };
if (BEFORE !== undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Before = (require(join(BEFORE, 'src/infrastructure/event-store/sql/sql-event-store')) as { SqlEventStore: new (sql: SqlClient) => Store }).SqlEventStore;
  stores['before'] = () => new Before(standIn());
}

const run = async (make: () => Store, concurrency: number): Promise<number> => {
  const store = make();
  const owned = Array.from({ length: concurrency }, (_, w) => ownedStreams(EVENTS / K, concurrency, w));
  const events = owned.map((mine) => Array.from({ length: mine.length * K }, (_, i) => {
    const stream = streamName(mine[i % mine.length] as number);
    const revision = Math.floor(i / mine.length);
    return { stream, revision, event: benchEvent(stream, revision) };
  }));
  const start = process.cpuUsage();
  await runWorkers(concurrency, (w) => (events[w] as unknown[]).length, async (w, i) => {
    const { stream, revision, event } = (events[w] as { stream: string; revision: number; event: ReturnType<typeof benchEvent> }[])[i]!;
    await store.appendToStream(stream, [event], { expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1) });
  });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / EVENTS;
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  for (const c of CONCURRENCIES) {
    for (const make of Object.values(stores)) await run(make, c); // warm-up
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(stores).map((name) => [name, []]));
    for (let r = 0; r < ROUNDS; r++) for (const [name, make] of Object.entries(stores)) samples[name]!.push(+(await run(make, c)).toFixed(1));
    const medians = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    process.stdout.write(`${JSON.stringify({ concurrency: c, clientCpuUsPerAppend: medians, ...(medians['before'] === undefined ? {} : { ratio: +(medians['this']! / medians['before']).toFixed(2) }), samples, load })}\n`);
  }
};

void main();
