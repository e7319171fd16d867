/**
 * Whether pipelining inside one transaction would let the client and the backend work at the same
 * time without paying a second commit: W1 requests (one event each, chained, hashed as the store
 * does) prepared on the fly on one connection and sent to cl_append_batch 8 at a time, as
 * - `whole`: the 8 prepared, then Bind/Execute/Sync (what the store sends today, one call);
 * - `halves`: 4 prepared, Bind/Execute + Flush (the backend starts on them), 4 more prepared while it
 *   works, Bind/Execute/Sync: one implicit transaction, one commit;
 * - `each`: every request its own Bind/Execute + Flush as soon as it is hashed, one Sync after 8.
 * node-postgres has no pipeline mode, so this speaks the protocol through pg's low-level Connection
 * (trust authentication only); the store would need a driver that pipelines. Alternating rounds,
 * medians; every event is checked stored.
 * `npx ts-node --transpile-only bench/diagnose/append-pipeline.ts [events] [rounds]` (`BENCH_DATABASE_URL`, reset per round).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Connection } from 'pg';
import { GENESIS_HASH } from '../../src/domain/shared';
import { envelopeHasher, linkedEvent, linkEvents } from '../../src/infrastructure/event-store/event-hash';
import { EVENT_STORE_SCHEMA } from '../../src/infrastructure/event-store/sql/event-store-schema';
import { benchEvent, streamName } from '../lib/events';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 4000);
const ROUNDS = Number(process.argv[3] ?? 5);
const K = 10;
const MODES = ['whole', 'halves', 'each'] as const;
type Mode = (typeof MODES)[number];

/** The part of pg's Connection (lib/connection.js) used here; its bundled types describe it only in part. */
type Protocol = {
  on(event: string, listener: (message: unknown) => void): void;
  once(event: 'connect', listener: () => void): void;
  connect(port: number, host: string): void;
  startup(config: Readonly<{ user: string; database: string }>): void;
  query(text: string): void;
  parse(query: Readonly<{ name: string; text: string; types: unknown[] }>): void;
  bind(config: Readonly<{ statement: string; values: unknown[] }>): void;
  execute(config: Readonly<{ portal: string; rows: number }>): void;
  flush(): void;
  sync(): void;
  end(): void;
};

/** One protocol-level session: readyForQuery waits in order, errors collected. */
const open = async () => {
  const target = new globalThis.URL(URL);
  const con = new Connection() as unknown as Protocol;
  const errors: unknown[] = [];
  const waiting: (() => void)[] = [];
  let rows = 0;
  con.on('errorMessage', (message: unknown) => errors.push(message));
  con.on('dataRow', () => rows++);
  con.on('readyForQuery', () => waiting.shift()?.());
  const ready = (): Promise<void> => new Promise<void>((resolve) => waiting.push(resolve));
  await new Promise<void>((resolve) => {
    con.once('connect', () => resolve());
    con.connect(Number(target.port || 5432), target.hostname);
  });
  const started = ready();
  con.startup({ user: decodeURIComponent(target.username || 'postgres'), database: decodeURIComponent(target.pathname.slice(1)) });
  await started;
  const check = (): void => {
    if (errors.length > 0) throw new Error(`server error: ${JSON.stringify(errors[0])}`);
  };
  const simple = async (sql: string): Promise<void> => {
    const done = ready();
    con.query(sql);
    await done;
    check();
  };
  return { con, ready, simple, check, rows: () => rows, end: () => con.end() };
};

/** W1 order (round by round over the streams), each request chained on the one before in its stream. */
const requests = () => {
  const hasher = envelopeHasher(randomBytes(32), 'sd-1');
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let next = 0;
  return (count: number): string => {
    const out: string[] = [];
    for (let j = 0; j < count; j++, next++) {
      const stream = streamName(next % (EVENTS / K));
      const head = heads.get(stream) ?? { revision: -1n, hash: GENESIS_HASH };
      const e = linkEvents(hasher, stream, head, [benchEvent(stream, Number(head.revision + 1n))], linkedEvent);
      heads.set(stream, { revision: head.revision + 1n, hash: e[0]!.hash });
      out.push(JSON.stringify({ s: stream, h: head.revision.toString(), c: null, f: null, e }));
    }
    return `[${out.join(',')}]`;
  };
};

const round = async (mode: Mode): Promise<{ rate: number; cpu: number }> => {
  await resetDatabase(URL);
  const db = await open();
  try {
    await db.simple('SET client_min_messages = warning');
    await db.simple(EVENT_STORE_SCHEMA);
    const parsed = db.ready();
    db.con.parse({ name: 'append', text: 'SELECT * FROM cl_append_batch($1::jsonb)', types: [] });
    db.con.sync();
    await parsed;
    const prepare = requests();
    const send = (body: string): void => {
      db.con.bind({ statement: 'append', values: [body] });
      db.con.execute({ portal: '', rows: 0 });
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let sent = 0; sent < EVENTS; sent += 8) {
      const committed = db.ready();
      if (mode === 'whole') send(prepare(8));
      else if (mode === 'halves') {
        send(prepare(4));
        db.con.flush();
        send(prepare(4));
      } else {
        for (let j = 0; j < 7; j++) {
          send(prepare(1));
          db.con.flush();
        }
        send(prepare(1));
      }
      db.con.sync();
      await committed;
      db.check();
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await db.simple(`DO $$ BEGIN IF (SELECT count(*) FROM cl_events) <> ${EVENTS} THEN RAISE EXCEPTION 'not every event stored'; END IF; END $$`);
    return { rate: EVENTS / (wall / 1000), cpu: (cpu.user + cpu.system) / EVENTS };
  } finally {
    db.end();
  }
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const results = new Map<Mode, { rate: number; cpu: number }[]>();
  for (let r = 0; r < ROUNDS; r++) for (const mode of MODES) results.set(mode, [...(results.get(mode) ?? []), await round(mode)]);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  for (const [mode, runs] of results) {
    process.stdout.write(
      `${JSON.stringify({ mode, eventsPerSec: Math.round(median(runs.map((x) => x.rate))), runs: runs.map((x) => Math.round(x.rate)), clientCpuUsPerAppend: Math.round(median(runs.map((x) => x.cpu))), load })}\n`,
    );
  }
};

void main();
