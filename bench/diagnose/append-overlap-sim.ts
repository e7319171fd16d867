/**
 * Whether overlapping flushes (`minShare` 1, once `spreadFlushes`) can pay, without the machine's noise: W1 (one event
 * per append, exact revision) through this tree's SqlEventStore against a stand-in database on two
 * worker threads (the two flushes PostgreSQL gets by default). Each cl_append_batch call holds its
 * thread FIXED + PER x requests microseconds, either asleep (`SLEEP=1`: a database with cores of its
 * own, where only the client's CPU is on this machine) or busy (a database that competes with the
 * client for this machine's cores, as on the 2-core bench machine). No split (`minShare` 100) and
 * spread (`minShare` 1) alternate.
 * `npx ts-node --transpile-only bench/diagnose/append-overlap-sim.ts [events] [rounds]`
 * (`FIXED` default 400, `PER` default 30: roughly one flush's backend CPU and WAL flush on this
 * machine, bench/README "w1p"; `SLEEP=1`).
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import { benchEvent, streamName } from '../lib/events';
import { ownedStreams, runWorkers } from '../lib/stats';

const EVENTS = Number(process.argv[2] ?? 8000);
const ROUNDS = Number(process.argv[3] ?? 3);
const FIXED = Number(process.env.FIXED ?? 400);
const PER = Number(process.env.PER ?? 30);
const SLEEP = process.env.SLEEP === '1';
const IN_FLIGHT = 8;
const K = 10;
const SECRET = Buffer.alloc(32, 7).toString('base64');

const HOLD = SLEEP
  ? 'const cell = new Int32Array(new SharedArrayBuffer(4)); const hold = (us) => Atomics.wait(cell, 0, 0, us / 1000);'
  : 'const hold = (us) => { const end = process.hrtime.bigint() + BigInt(Math.round(us * 1000)); while (process.hrtime.bigint() < end); };';
const WORKER = `const { parentPort } = require('node:worker_threads'); ${HOLD}
parentPort.on('message', ({ id, us }) => { hold(us); parentPort.postMessage(id); });`;

/** Answers the store's statements; cl_append_batch takes a free thread (or waits for one) and answers ok for every request. */
const standIn = (): SqlClient & { stop(): Promise<void>; sizes: number[] } => {
  const threads = [new Worker(WORKER, { eval: true }), new Worker(WORKER, { eval: true })];
  const free = [...threads];
  const waiting: ((thread: Worker) => void)[] = [];
  const answers = new Map<number, () => void>();
  for (const thread of threads) thread.on('message', (id: number) => answers.get(id)?.());
  let nextId = 0;
  let position = 0;
  const sizes: number[] = [];
  const query = async (sql: string, params?: readonly unknown[]): Promise<{ rows: never[] }> => {
    if (sql.includes('FROM cl_server_secrets')) return { rows: [{ secret: SECRET }] as never[] };
    if (!sql.includes('cl_append_batch')) return { rows: [] };
    const heads = [...String(params?.[0]).matchAll(/"h":"(-?\d+)"/g)].map((m) => Number(m[1]));
    sizes.push(heads.length);
    const thread = free.pop() ?? (await new Promise<Worker>((resolve) => waiting.push(resolve)));
    const id = nextId++;
    await new Promise<void>((resolve) => {
      answers.set(id, resolve);
      thread.postMessage({ id, us: FIXED + PER * heads.length });
    });
    answers.delete(id);
    const next = waiting.shift();
    if (next === undefined) free.push(thread);
    else next(thread);
    return { rows: heads.map((h, index) => ({ out_index: index, out_status: 'ok', out_revision: String(h + 1), out_positions: [String(++position)] })) as never[] };
  };
  return {
    dialect: 'postgres',
    query,
    sizes,
    exec: async () => undefined,
    transaction: async (fn) => fn({ query }),
    close: async () => undefined,
    stop: async () => {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
};

const run = async (spread: boolean): Promise<{ rate: number; perCall: number }> => {
  const sql = standIn();
  const store = new SqlEventStore(sql, { maxFlushes: 2, minShare: spread ? 1 : 100 });
  const owned = Array.from({ length: IN_FLIGHT }, (_, w) => ownedStreams(EVENTS / K, IN_FLIGHT, w));
  const { elapsedMs } = await runWorkers(IN_FLIGHT, (w) => (owned[w] as number[]).length * K, async (w, i) => {
    const mine = owned[w] as number[];
    const stream = streamName(mine[i % mine.length] as number);
    const revision = Math.floor(i / mine.length);
    await store.appendToStream(stream, [benchEvent(stream, revision)], { expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1) });
  });
  await sql.stop();
  return { rate: EVENTS / (elapsedMs / 1000), perCall: sql.sizes.reduce((a, b) => a + b, 0) / sql.sizes.length };
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  const runs: Record<'default' | 'spread', { rate: number; perCall: number }[]> = { default: [], spread: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.default.push(await run(false));
    runs.spread.push(await run(true));
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  for (const [name, r] of Object.entries(runs)) {
    process.stdout.write(
      `${JSON.stringify({ variant: name, database: SLEEP ? 'asleep (own cores)' : 'busy (this machine)', FIXED, PER, eventsPerSec: Math.round(median(r.map((x) => x.rate))), runs: r.map((x) => Math.round(x.rate)), requestsPerCall: +median(r.map((x) => x.perCall)).toFixed(2), load })}\n`,
    );
  }
};

void main();
