/**
 * What one cl_append_batch call costs the client and its backend by the way it is sent, and by
 * schema: W1 requests (one event each, chained, hashed in advance) sent on one connection, `batch`
 * requests per call, as the extended protocol with an unnamed statement (pg's default), a named
 * (prepared) statement, or a simple query with the JSON as a dollar-quoted literal; the schema of
 * this tree or (`BENCH_BEFORE_TREE`) of another. Variants alternate; backend CPU is read from /proc
 * (the server must be local). Prints medians of client and backend CPU per append.
 * `npx ts-node --transpile-only bench/diagnose/append-wire.ts [events] [rounds] [batch]` (`BENCH_DATABASE_URL`; `VARIANTS=name;name` to choose)
 */
import { randomBytes } from 'node:crypto';
import { processCpuMs } from '../lib/proc-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { GENESIS_HASH } from '../../src/domain/shared';
import { envelopeHasher, linkedEvent, linkEvents } from '../../src/infrastructure/event-store/event-hash';
import { EVENT_STORE_SCHEMA } from '../../src/infrastructure/event-store/sql/event-store-schema';
import { benchEvent, streamName } from '../lib/events';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
const BATCH = Number(process.argv[4] ?? 1);
const K = 10;
const BEFORE = process.env.BENCH_BEFORE_TREE;
const APPEND = 'SELECT * FROM cl_append_batch($1::jsonb)';


/** The W1 requests in W1 order (round by round over the streams), each chained on the one before in its stream. */
const requests = (): string[] => {
  const hasher = envelopeHasher(randomBytes(32), 'sd-1');
  const streams = EVENTS / K;
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const out: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const stream = streamName(i % streams);
    const head = heads.get(stream) ?? { revision: -1n, hash: GENESIS_HASH };
    const e = linkEvents(hasher, stream, head, [benchEvent(stream, Number(head.revision + 1n))], linkedEvent);
    heads.set(stream, { revision: head.revision + 1n, hash: e[0]!.hash });
    out.push(JSON.stringify({ s: stream, h: head.revision.toString(), c: null, f: null, e }));
  }
  return out;
};

type Send = (client: Client, body: string) => Promise<unknown>;
const sends: Record<string, Send> = {
  'extended, unnamed': (client, body) => client.query(APPEND, [body]),
  'extended, named': (client, body) => client.query({ name: 'cl_append_batch', text: APPEND, values: [body] }),
  'simple, literal': (client, body) => client.query(`SELECT * FROM cl_append_batch($cl$${body}$cl$::jsonb)`),
};

const schemas: Record<string, string> = { this: EVENT_STORE_SCHEMA };
if (BEFORE !== undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  schemas['before'] = (require(join(BEFORE, 'src/infrastructure/event-store/sql/event-store-schema')) as { EVENT_STORE_SCHEMA: string }).EVENT_STORE_SCHEMA;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const only = process.env.VARIANTS?.split(';');
  const variants = Object.keys(schemas)
    .flatMap((schema) => Object.keys(sends).map((send) => ({ schema, send, name: `${schema} schema, ${send}` })))
    .filter((v) => only === undefined || only.includes(v.name));
  const results = new Map<string, { client: number; backend: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) {
      const bodies = requests();
      await resetDatabase(URL);
      const client = new Client({ connectionString: URL });
      await client.connect();
      await client.query(schemas[v.schema] as string);
      const pid = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
      const send = sends[v.send] as Send;
      const cpu0 = processCpuMs(pid) ?? 0;
      const node0 = process.cpuUsage();
      for (let i = 0; i < bodies.length; i += BATCH) await send(client, `[${bodies.slice(i, i + BATCH).join(',')}]`);
      const node = process.cpuUsage(node0);
      const backend = (processCpuMs(pid) ?? 0) - cpu0;
      const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM cl_events');
      if (Number(rows[0]?.n) !== EVENTS) throw new Error(`${v.name}: stored ${rows[0]?.n} of ${EVENTS}`);
      await client.end();
      results.set(v.name, [...(results.get(v.name) ?? []), { client: (node.user + node.system) / EVENTS, backend: (backend * 1000) / EVENTS }]);
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  for (const [name, r] of results) {
    process.stdout.write(
      `${JSON.stringify({ variant: name, batch: BATCH, clientCpuUsPerAppend: Math.round(median(r.map((x) => x.client))), backendCpuUsPerAppend: Math.round(median(r.map((x) => x.backend))), backendRuns: r.map((x) => Math.round(x.backend)), load })}\n`,
    );
  }
};

void main();
