/**
 * `npx ts-node --transpile-only bench/startup-check.ts --events 10000,100000`: the transparency log's
 * start-up check before (the full re-hash against every signed checkpoint, as `civic-ledger verify`)
 * and after (incremental from the checkpoint verified at the previous start), on the same store in
 * the same run. Checkpoints every tenth of the store; the "after" start follows one that verified
 * the store up to its newest checkpoint less 1% of the events (the events of one checkpoint interval
 * of a busy service). One JSON line per figure.
 */
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { benchEvent, streamName } from './lib/events';
import { ensureDatabase, openStore } from './lib/targets';
import { signAndStoreCheckpoint } from '../src/infrastructure/transparency/checkpoint-store';
import { LogBuilder, logFeedOf } from '../src/infrastructure/transparency/log-builder';
import { rootAt } from '../src/infrastructure/transparency/log-tree-store';
import { checkLogAtStartup } from '../src/infrastructure/transparency/startup-check';
import { verifyLogAgainstCheckpoints } from '../src/infrastructure/transparency/verify-log';
import { ed25519Signer } from '../src/transparency/note-keys';

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
const signer = ed25519Signer('civic-ledger.bench/startup', randomBytes(32));
const PER_APPEND = 100;

const run = async (url: string, events: number, repeat: number) => {
  const target = await openStore('postgres', url, 4);
  const builder = new LogBuilder(target.sql, logFeedOf(target.eventStore));
  await builder.migrate();
  try {
    const streams = Math.max(1, Math.floor(events / PER_APPEND));
    const checkpointEvery = Math.floor(events / 10);
    const lastBeforeMark = events - Math.floor(events / 100);
    let appended = 0;
    const sign = async () => {
      const size = await builder.catchUp();
      await signAndStoreCheckpoint(target.sql, signer, size, await rootAt(target.sql, size), new Date());
      return size;
    };
    for (let s = 0; s < streams; s++) {
      const batch = Array.from({ length: PER_APPEND }, (_, i) => benchEvent(streamName(s), i));
      await target.eventStore.appendToStream(streamName(s), batch, { expectedRevision: 'no_stream' });
      appended += PER_APPEND;
      if (appended % checkpointEvery === 0 && appended < events) await sign();
      if (appended === lastBeforeMark || (lastBeforeMark % PER_APPEND !== 0 && appended === lastBeforeMark - (lastBeforeMark % PER_APPEND))) await sign();
    }
    const newest = await sign();
    const checkpoints = Number((await target.sql.query<{ n: string }>('SELECT count(*) AS n FROM cl_log_checkpoints')).rows[0]!.n);
    out({ figure: 'store seeded', events: appended, checkpoints, newest });
    const marked = (await target.sql.query<{ tree_size: string }>(`SELECT tree_size FROM cl_log_checkpoints WHERE tree_size < $1 ORDER BY tree_size DESC LIMIT 1`, [newest.toString()])).rows[0]!.tree_size;
    const before: number[] = [];
    const after: number[] = [];
    let afterEvents = 0;
    for (let r = 0; r < repeat; r++) {
      let t = Date.now();
      const full = await verifyLogAgainstCheckpoints(target.sql, target.eventStore, signer.verifier);
      before.push(Date.now() - t);
      if (full.disagreement !== undefined) throw new Error('the seeded store does not verify');
      // The previous start verified up to the checkpoint before the newest.
      await target.sql.query(
        `INSERT INTO cl_log_verified (key_id, tree_size, root_hash, verified_at) SELECT key_id, tree_size, root_hash, now() FROM cl_log_checkpoints WHERE tree_size = $1 LIMIT 1
         ON CONFLICT (key_id) DO UPDATE SET tree_size = EXCLUDED.tree_size, root_hash = EXCLUDED.root_hash`,
        [marked],
      );
      t = Date.now();
      const incremental = await checkLogAtStartup(target.sql, target.eventStore, signer.verifier, new Date());
      after.push(Date.now() - t);
      if (incremental.disagreement !== undefined || incremental.mode !== 'incremental') throw new Error(`incremental check failed: ${JSON.stringify(incremental, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
      afterEvents = incremental.eventsChecked;
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    out({ figure: 'start-up check', events: appended, beforeMs: before, afterMs: after, afterEventsRehashed: afterEvents, medianBeforeMs: median(before), medianAfterMs: median(after), ratioAfterOverBefore: +(median(after) / median(before)).toFixed(4) });
  } finally {
    await target.close();
  }
};

const main = async () => {
  const o = new Command('bench:startup')
    .option('--events <list>', 'store sizes', '10000,100000')
    .option('--repeat <n>', 'alternating passes', '3')
    .option('--database-url <url>', 'bench database (reset per size)', 'postgres://postgres@127.0.0.1:5432/civic_ledger_bench_startup')
    .parse(process.argv)
    .opts<{ events: string; repeat: string; databaseUrl: string }>();
  await ensureDatabase(o.databaseUrl);
  for (const n of o.events.split(',').map(Number)) await run(o.databaseUrl, n, Number(o.repeat));
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
