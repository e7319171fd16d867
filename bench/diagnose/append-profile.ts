/**
 * A small W1 append loop to profile (one event per append, exact revision): the SQL event store on
 * PostgreSQL or PGlite at a given number in flight, nothing else in the process.
 * `npx ts-node --transpile-only bench/diagnose/append-profile.ts [postgres|pglite] [events] [inFlight] [profile.cpuprofile]`
 * (`BENCH_DATABASE_URL`): a warm-up of 500 appends, then the loop, profiled (V8 inspector, loop only)
 * when a file is named; read it with cpu-profile-top.ts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createPgliteSqlClient } from '../../src/infrastructure/event-store/sql/pglite-sql-client';
import { benchEvent, streamName } from '../lib/events';
import { ownedStreams, runWorkers } from '../lib/stats';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const STORE = process.argv[2] ?? 'postgres';
const EVENTS = Number(process.argv[3] ?? 5000);
const IN_FLIGHT = Number(process.argv[4] ?? 8);
const K = 10;
const PROFILE = process.argv[5];
const WARM_UP = 500;

const main = async (): Promise<void> => {
  let sql;
  if (STORE === 'postgres') {
    await ensureDatabase(URL);
    await resetDatabase(URL);
    sql = createPostgresSqlClient(URL, { maxConnections: 10 });
  } else sql = await createPgliteSqlClient();
  const store = new SqlEventStore(sql);
  await store.migrate();
  const loop = (events: number, prefix: string) => {
    const owned = Array.from({ length: IN_FLIGHT }, (_, w) => ownedStreams(events / K, IN_FLIGHT, w));
    return runWorkers(IN_FLIGHT, (w) => (owned[w] as number[]).length * K, async (w, i) => {
      const mine = owned[w] as number[];
      const stream = `${prefix}${streamName(mine[i % mine.length] as number)}`;
      const rev = Math.floor(i / mine.length);
      await store.appendToStream(stream, [benchEvent(stream, rev)], { expectedRevision: rev === 0 ? 'no_stream' : BigInt(rev - 1) });
    });
  };
  await loop(WARM_UP, 'warm-up-');
  const session = new Session();
  if (PROFILE !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const { elapsedMs } = await loop(EVENTS, '');
  const cpu = process.cpuUsage(cpu0);
  if (PROFILE !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(PROFILE, JSON.stringify(profile));
    session.disconnect();
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ store: STORE, inFlight: IN_FLIGHT, eventsPerSec: Math.round(EVENTS / (elapsedMs / 1000)), clientCpuUsPerAppend: Math.round((cpu.user + cpu.system) / EVENTS) })}\n`);
};

void main();
