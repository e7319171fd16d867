/**
 * Where the wall time of W1 goes on PostgreSQL: per cl_append_batch call, the time it is out (sent
 * to answered: the backend's work, the commit and its WAL flush, the round trip, pg's parsing of
 * the answer) against the time no call is out (the client preparing the next flush: the callers'
 * continuations, hashing, the request JSON), with this process's CPU in each state, the requests
 * per call, and the share of the run with 0, 1, 2, 3, 4+ calls out. The store is this tree's, as
 * the bench opens it; the wrapper around its SqlClient adds two clock reads and two cpuUsage calls
 * per call.
 * `npx ts-node --transpile-only bench/diagnose/append-cycle.ts [events] [rounds] [concurrency]`
 * (`BENCH_DATABASE_URL`, reset per round; `BENCH_MIN_SHARE=n`, `BENCH_MAX_FLUSHES=n`).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import { benchEvent, streamName } from '../lib/events';
import { ownedStreams, runWorkers } from '../lib/stats';
import { ensureDatabase, resetDatabase, storeOptionsFromEnv } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 3);
const IN_FLIGHT = Number(process.argv[4] ?? 8);
const K = 10;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;
const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Wraps the client's cl_append_batch calls: wall and CPU time with none out and with some out. */
const timedCalls = (inner: SqlClient) => {
  const s = { out: 0, since: 0, cpuSince: 0, wallByOut: [0, 0, 0, 0, 0], noneOutCpuUs: 0, someOutCpuUs: 0, calls: [] as number[], sizes: [] as number[] };
  const change = (delta: 1 | -1): void => {
    const now = performance.now();
    const cpu = cpuUs();
    (s.wallByOut[Math.min(s.out, 4)] as number) += now - s.since;
    if (s.out === 0) s.noneOutCpuUs += cpu - s.cpuSince;
    else s.someOutCpuUs += cpu - s.cpuSince;
    s.out += delta;
    s.since = now;
    s.cpuSince = cpu;
  };
  const sql: SqlClient = {
    ...inner,
    query: async (text, params, options) => {
      if (!text.includes('cl_append_batch')) return inner.query(text, params, options);
      const t0 = performance.now();
      change(1);
      s.sizes.push((String(params?.[0]).match(/"s":/g) ?? []).length);
      try {
        return await inner.query(text, params, options);
      } finally {
        s.calls.push(performance.now() - t0);
        change(-1);
      }
    },
  };
  const start = (): void => {
    s.since = performance.now();
    s.cpuSince = cpuUs();
    s.wallByOut.fill(0);
    s.noneOutCpuUs = 0;
    s.someOutCpuUs = 0;
    s.calls.length = 0;
    s.sizes.length = 0;
  };
  return { sql, state: s, start };
};

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const owned = Array.from({ length: IN_FLIGHT }, (_, w) => ownedStreams(EVENTS / K, IN_FLIGHT, w));
  for (let round = 0; round < ROUNDS; round++) {
    await resetDatabase(URL);
    const { sql, state, start } = timedCalls(createPostgresSqlClient(URL, { maxConnections: 10 }));
    const store = new SqlEventStore(sql, storeOptionsFromEnv());
    await store.migrate();
    start();
    const { elapsedMs } = await runWorkers(IN_FLIGHT, (w) => (owned[w] as number[]).length * K, async (w, i) => {
      const mine = owned[w] as number[];
      const stream = streamName(mine[i % mine.length] as number);
      const revision = Math.floor(i / mine.length);
      await store.appendToStream(stream, [benchEvent(stream, revision)], { expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1) });
    });
    const end = performance.now();
    (state.wallByOut[0] as number) += end - state.since; // the tail after the last call
    await store.close();
    const calls = state.calls.length;
    process.stdout.write(
      `${JSON.stringify({
        inFlight: IN_FLIGHT,
        minShare: storeOptionsFromEnv().minShare ?? 'default',
        eventsPerSec: Math.round(EVENTS / (elapsedMs / 1000)),
        calls,
        requestsPerCall: +(state.sizes.reduce((a, b) => a + b, 0) / calls).toFixed(2),
        callMedianUs: Math.round(median(state.calls) * 1000),
        noneOutUsPerCall: Math.round(((state.wallByOut[0] as number) / calls) * 1000),
        someOutUsPerCall: Math.round(((elapsedMs - (state.wallByOut[0] as number)) / calls) * 1000),
        clientCpuUsPerCallNoneOut: Math.round(state.noneOutCpuUs / calls),
        clientCpuUsPerCallSomeOut: Math.round(state.someOutCpuUs / calls),
        shareOfTimeWith0to4Out: state.wallByOut.map((t) => +(t / elapsedMs).toFixed(2)),
        load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      })}\n`,
    );
  }
};

void main();
