/**
 * What cl_append_batch costs inside the server, without the protocol, the jsonb parse of the
 * parameter or the commit: a plpgsql loop calls it on prebuilt W1 bodies (`batch` requests of one
 * chained event each, stored as jsonb in a temp table) in one transaction that is rolled back, and
 * reports microseconds per append (clock_timestamp: wall time inside the backend, so a preempted
 * round reads high on a busy machine; the least of the rounds is the steadier figure there).
 * Variants are this tree's schema with one piece taken out (each a measurement only: every piece
 * is a guarantee), and `set-based`: the set-based fast path tried for issue 14 (one head check,
 * one INSERT, one RETURN QUERY for a flush of distinct streams; the loop as its fallback), not kept
 * (bench/README "w1p"). Alternating rounds; median and least.
 * `npx ts-node --transpile-only bench/diagnose/append-function-cost.ts [events] [rounds] [batch]`
 * (`BENCH_DATABASE_URL`, reset per round; `VARIANTS=a,b`).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { GENESIS_HASH } from '../../src/domain/shared';
import { envelopeHasher, linkedEvent, linkEvents } from '../../src/infrastructure/event-store/event-hash';
import { ANNOUNCE_APPEND, EVENT_STORE_SCHEMA } from '../../src/infrastructure/event-store/sql/event-store-schema';
import { benchEvent, streamName } from '../lib/events';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench';
const EVENTS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 5);
const BATCH = Number(process.argv[4] ?? 8);
const K = 10;

/** The set-based fast path: distinct streams, every expected head present and the link; else the loop below it. */
const SET_BASED = `
  v_n := jsonb_array_length(p_requests);
  IF v_n = 1 OR (SELECT count(DISTINCT r->>'s') FROM jsonb_array_elements(p_requests) r) = v_n THEN
    IF NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(p_requests) r
       WHERE (r->>'h')::bigint >= 0
         AND (SELECT e.hash FROM cl_events e WHERE e.stream_id = r->>'s' AND e.stream_revision = (r->>'h')::bigint)
             IS DISTINCT FROM r->'e'->0->>'prevHash'
    ) THEN
      INSERT INTO cl_events (global_position, transaction_id, event_id, stream_id, stream_revision, type,
                             schema_version, data, metadata, prev_hash, hash)
      SELECT v_all[row_number() OVER (ORDER BY r.rord, e.ord)], v_xid, (e.value->>'eventId')::uuid, r.value->>'s',
             (r.value->>'h')::bigint + e.ord, e.value->>'type', (e.value->>'schemaVersion')::integer,
             e.value->'data', e.value->'metadata', e.value->>'prevHash', e.value->>'hash'
        FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, rord),
             jsonb_array_elements(r.value->'e') WITH ORDINALITY AS e(value, ord)
      ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS v_inserted = ROW_COUNT;
      IF v_inserted = v_total THEN
        RETURN QUERY SELECT (q.rord - 1)::integer, 'ok'::text, q.h + q.n, v_all[q.upto - q.n + 1 : q.upto]
          FROM (SELECT r.rord, (r.value->>'h')::bigint AS h, jsonb_array_length(r.value->'e') AS n,
                       (sum(jsonb_array_length(r.value->'e')) OVER (ORDER BY r.rord))::integer AS upto
                  FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS r(value, rord)) q ORDER BY q.rord;
        RETURN;
      END IF;
      DELETE FROM cl_events e WHERE e.global_position = ANY(v_all);
    END IF;
  END IF;
`;

const variants: Record<string, (schema: string) => string> = {
  current: (s) => s,
  'without the announcement': (s) => s.replace(ANNOUNCE_APPEND, ''),
  'positions unsorted': (s) => s.replace('generate_series(1, v_total) ORDER BY 1)', 'generate_series(1, v_total))'),
  'without the head check': (s) => s.replace('IF v_head >= 0 THEN', 'IF false THEN'),
  'without ON CONFLICT': (s) => s.replace('e(value, ord)\n    ON CONFLICT DO NOTHING;', 'e(value, ord);'),
  'set-based': (s) =>
    s
      .replace('  v_inserted integer;\nBEGIN\n', '  v_inserted integer;\n  v_n integer;\nBEGIN\n')
      .replace('ORDER BY 1);\n\n  -- Requests by index', `ORDER BY 1);\n${SET_BASED}\n  -- Requests by index`),
};

/** The W1 calls in W1 order, `BATCH` requests each, every event chained on the one before in its stream. */
const calls = (): string[] => {
  const hasher = envelopeHasher(randomBytes(32), 'sd-1');
  const heads = new Map<string, { revision: bigint; hash: string }>();
  const requests: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const stream = streamName(i % (EVENTS / K));
    const head = heads.get(stream) ?? { revision: -1n, hash: GENESIS_HASH };
    const e = linkEvents(hasher, stream, head, [benchEvent(stream, Number(head.revision + 1n))], linkedEvent);
    heads.set(stream, { revision: head.revision + 1n, hash: e[0]!.hash });
    requests.push(JSON.stringify({ s: stream, h: head.revision.toString(), c: null, f: null, e }));
  }
  const out: string[] = [];
  for (let i = 0; i < requests.length; i += BATCH) out.push(`[${requests.slice(i, i + BATCH).join(',')}]`);
  return out;
};

const LOOP = `CREATE FUNCTION pg_temp.append_loop() RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; body record; outcome record; n integer := 0;
BEGIN
  t0 := clock_timestamp();
  FOR body IN SELECT b FROM bodies ORDER BY i LOOP
    FOR outcome IN SELECT * FROM cl_append_batch(body.b) LOOP
      IF outcome.out_status <> 'ok' THEN RAISE EXCEPTION 'request % not ok: %', n, outcome.out_status; END IF;
      n := n + 1;
    END LOOP;
  END LOOP;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1e6 / n;
END $$`;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

const main = async (): Promise<void> => {
  await ensureDatabase(URL);
  const only = process.env.VARIANTS?.split(',');
  const names = Object.keys(variants).filter((name) => only === undefined || only.includes(name));
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const schema = (variants[name] as (s: string) => string)(EVENT_STORE_SCHEMA);
      if (name !== 'current' && schema === EVENT_STORE_SCHEMA) throw new Error(`${name}: the schema text has changed, the variant no longer applies`);
      await resetDatabase(URL);
      const client = new Client({ connectionString: URL });
      await client.connect();
      try {
        await client.query(schema);
        await client.query('CREATE TEMP TABLE bodies (i serial, b jsonb)');
        await client.query('INSERT INTO bodies (b) SELECT x::jsonb FROM unnest($1::text[]) x', [calls()]);
        await client.query(LOOP);
        await client.query('BEGIN');
        const { rows } = await client.query<{ us: number }>('SELECT pg_temp.append_loop() AS us');
        await client.query('ROLLBACK');
        results.set(name, [...(results.get(name) ?? []), Number(rows[0]?.us)]);
      } finally {
        await client.end();
      }
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  for (const [name, runs] of results) {
    process.stdout.write(`${JSON.stringify({ variant: name, batch: BATCH, usPerAppend: +median(runs).toFixed(1), leastUsPerAppend: +Math.min(...runs).toFixed(1), runs: runs.map((x) => +x.toFixed(1)), load })}\n`);
  }
};

void main();
