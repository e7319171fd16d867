/**
 * `npm run bench:log`: what the transparency log costs (issue 10 targets).
 *  - W1 (one event per append, 8 in flight, PostgreSQL) with the tree builder and a checkpoint every
 *    second running beside it, and without: events/s of both and the ratio (target on >= 0.9x off);
 *  - inclusion and consistency proof generation in a tree of 1,000,000 leaves built synthetically
 *    in the tree tables (target p99 < 5 ms);
 *  - verifying the whole store against its signed checkpoints (civic-ledger verify's tree check).
 * One JSON line per figure on stdout. The machine is shared: repeat for stable figures.
 */
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { progressBar } from './lib/progress';
import { percentile } from './lib/stats';
import { ensureDatabase, openStore } from './lib/targets';
import { shapeFor } from './workloads/shape';
import { w1Store } from './workloads/w1-append';
import { LogBuilder, logFeedOf } from '../src/infrastructure/transparency/log-builder';
import { LOG_SCHEMA } from '../src/infrastructure/transparency/log-schema';
import { consistencyProofAt, inclusionProofAt, rootAt } from '../src/infrastructure/transparency/log-tree-store';
import { signAndStoreCheckpoint } from '../src/infrastructure/transparency/checkpoint-store';
import { verifyLogAgainstCheckpoints } from '../src/infrastructure/transparency/verify-log';
import { ed25519Signer } from '../src/transparency/note-keys';

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const signer = ed25519Signer('civic-ledger.bench/log', randomBytes(32));

const w1 = async (url: string, events: number, withLog: boolean) => {
  const target = await openStore('postgres', url, 10);
  const builder = new LogBuilder(target.sql, logFeedOf(target.eventStore), { pollIntervalMs: 50 });
  await builder.migrate();
  let timer: NodeJS.Timeout | undefined;
  if (withLog) {
    builder.start();
    timer = setInterval(() => {
      void builder.head().then((h) => signAndStoreCheckpoint(target.sql, signer, h.treeSize, h.rootHash, new Date())).catch(() => undefined);
    }, 1000);
  }
  const progress = progressBar(`W1 log ${withLog ? 'on ' : 'off'}`, events);
  try {
    const m = await w1Store(target, shapeFor(events), 8, progress);
    progress.stop();
    const eventsPerSecond = Math.round(m.events / (m.elapsedMs / 1000));
    out({ figure: 'W1', log: withLog ? 'on' : 'off', events: m.events, concurrency: 8, eventsPerSecond, p99Ms: +percentile(m.latenciesMs, 99).toFixed(2) });
    if (withLog) {
      await builder.stop();
      const start = Date.now();
      const size = await builder.catchUp();
      await signAndStoreCheckpoint(target.sql, signer, size, await rootAt(target.sql, size), new Date());
      out({ figure: 'tree lag after W1', leaves: size.toString(), catchUpMs: Date.now() - start });
      const verifyStart = Date.now();
      const report = await verifyLogAgainstCheckpoints(target.sql, target.eventStore, signer.verifier);
      out({ figure: 'verify store against checkpoints', events: report.eventsChecked, checkpoints: report.checkpointsChecked, ok: report.disagreement === undefined, ms: Date.now() - verifyStart });
    }
    return eventsPerSecond;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await builder.stop();
    await target.close();
  }
};

/** Every perfect node of a tree of `leaves` leaves, as random hashes: proofs cost the same reads and hashing. */
const syntheticTree = async (url: string, leaves: number) => {
  const target = await openStore('postgres', url, 10);
  await target.sql.exec(LOG_SCHEMA);
  const started = Date.now();
  for (let level = 0, count = leaves; count >= 1; level++, count = Math.floor(count / 2)) {
    await target.sql.query(
      'INSERT INTO cl_log_nodes (level, idx, hash) SELECT $1::smallint, i, sha256(int8send(i) || int2send($1::smallint)) FROM generate_series(0, $2::bigint - 1) AS i',
      [level, count],
    );
  }
  await target.sql.query('ANALYZE cl_log_nodes');
  out({ figure: 'synthetic tree built', leaves, ms: Date.now() - started });
  return target;
};

const proofs = async (url: string, leaves: number, samples: number) => {
  const target = await syntheticTree(url, leaves);
  try {
    const size = BigInt(leaves);
    const time = async (fn: () => Promise<unknown>) => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    for (let i = 0; i < 50; i++) await inclusionProofAt(target.sql, BigInt(i * 9973) % size, size);
    // Database round trips per proof: every query through the client is counted.
    let queries = 0;
    const counted = { query: (text: string, params?: readonly unknown[]) => (queries++, target.sql.query(text, params)) } as typeof target.sql;
    await inclusionProofAt(counted, BigInt(leaves - 1), size);
    const inclusionQueries = queries;
    queries = 0;
    await consistencyProofAt(counted, BigInt(leaves >> 1) + 1n, size);
    out({ figure: 'database round trips per proof', leaves, inclusion: inclusionQueries, consistency: queries });
    const explain = await target.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT n.level, n.idx, encode(n.hash, 'hex') AS hash FROM unnest($1::smallint[], $2::bigint[]) AS wanted(level, idx) JOIN cl_log_nodes n ON n.level = wanted.level AND n.idx = wanted.idx`,
      [Array.from({ length: 20 }, (_, i) => i), Array.from({ length: 20 }, (_, i) => String(Math.floor((leaves - 1) / 2 ** i) ^ 1))],
    );
    out({ figure: 'inclusion proof plan', plan: explain.rows.map((r) => r['QUERY PLAN']) });
    const inclusion: number[] = [];
    const consistency: number[] = [];
    // The same run's floor: one trivial round trip to the server, interleaved with the proofs.
    const roundTrip: number[] = [];
    for (let i = 0; i < samples; i++) {
      const leaf = BigInt(Math.floor(Math.random() * leaves));
      roundTrip.push(await time(() => target.sql.query('SELECT 1')));
      inclusion.push(await time(() => inclusionProofAt(target.sql, leaf, size)));
      consistency.push(await time(() => consistencyProofAt(target.sql, 1n + leaf, size)));
    }
    for (const [name, ms] of [['SELECT 1 round trip', roundTrip], ['inclusion proof', inclusion], ['consistency proof', consistency]] as const) {
      out({ figure: name, leaves, samples, p50Ms: +percentile(ms, 50).toFixed(3), p99Ms: +percentile(ms, 99).toFixed(3) });
    }
  } finally {
    await target.close();
  }
};

const main = async () => {
  const o = new Command('bench:log')
    .option('--events <n>', 'W1 events per run', '10000')
    .option('--leaves <n>', 'leaves of the synthetic tree', '1000000')
    .option('--samples <n>', 'proofs measured', '1000')
    .option('--only <figures>', 'comma-separated: w1, proofs (default both)', 'w1,proofs')
    .option('--database-url <url>', 'bench database (reset per run)', 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench_log')
    .parse(process.argv)
    .opts<{ events: string; leaves: string; samples: string; databaseUrl: string; only: string }>();
  const only = new Set(o.only.split(','));
  await ensureDatabase(o.databaseUrl);
  if (only.has('w1')) {
    const off = await w1(o.databaseUrl, Number(o.events), false);
    const on = await w1(o.databaseUrl, Number(o.events), true);
    out({ figure: 'W1 ratio on/off', ratio: +(on / off).toFixed(3), target: '>= 0.9' });
  }
  if (only.has('proofs')) await proofs(o.databaseUrl, Number(o.leaves), Number(o.samples));
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
