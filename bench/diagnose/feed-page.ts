/**
 * Feed page and audit search times, PostgreSQL against the EventStoreDB emulator over gRPC (both
 * through the event store port): `npx ts-node --transpile-only bench/diagnose/feed-page.ts`
 * with BENCH_DATABASE_URL (a database it may empty, plus one with the suffix _esdb; both created if
 * missing) and BENCH_STREAMS (default 200 streams of 10 events).
 * The emulator is test support in this process, so its figures say what the adapter costs over
 * gRPC, not what a real cluster does.
 */
import type { EventStore } from '../../src/application/ports/event-store.port';
import type { EventAuditIndex } from '../../src/application/ports/event-audit.port';
import { EsdbAuditIndex } from '../../src/infrastructure/event-store/esdb/esdb-audit-index';
import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { SqlAuditIndex } from '../../src/infrastructure/event-store/sql/sql-audit-index';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { EventFeed } from '../../src/infrastructure/feed/event-feed';
import { EsdbEmulator } from '../../test/support/esdb-emulator/esdb-emulator';
import { anEvent } from '../../test/contract/event-store.contract';
import { percentile } from '../lib/stats';
import { ensureDatabase, resetDatabase } from '../lib/targets';

const STREAMS = Number(process.env['BENCH_STREAMS'] ?? 200);
const PER_STREAM = 10;

const fill = async (store: EventStore): Promise<void> => {
  for (let s = 0; s < STREAMS; s++) {
    const events = Array.from({ length: PER_STREAM }, (_, i) => {
      const e = anEvent(i === 0 ? 'NoticePosted' : 'NoticeEdited', i === 0 ? { communityId: `c-${s % 10}` } : { i });
      return { ...e, metadata: { ...e.metadata, actor: `actor-${s % 20}` } };
    });
    await store.appendToStream(`notice-b${s}`, events, { expectedRevision: 'no_stream' });
  }
};

const timed = async (label: string, run: () => Promise<number>): Promise<void> => {
  const start = performance.now();
  const pages = await run();
  const total = performance.now() - start;
  console.log(JSON.stringify({ label, pages, totalMs: Math.round(total), msPerPage: +(total / Math.max(pages, 1)).toFixed(2) }));
};

const pageAll = async (feed: EventFeed, filter: Parameters<EventFeed['page']>[2], samples: number[]): Promise<number> => {
  let after = 0n;
  let pages = 0;
  for (;;) {
    const t = performance.now();
    const page = await feed.page(after, 100, filter);
    samples.push(performance.now() - t);
    pages++;
    if (page.nextCursor === after) return pages;
    after = page.nextCursor;
  }
};

const measure = async (name: string, store: EventStore, audit: EventAuditIndex): Promise<void> => {
  await fill(store);
  const raw: number[] = [];
  for (let after = 0n, i = 0; i < 21; i++) {
    const t = performance.now();
    const page = await store.readAllPage({ after, limit: 100 });
    raw.push(performance.now() - t);
    if (page.scannedTo === after) break;
    after = page.scannedTo;
  }
  console.log(JSON.stringify({ label: `${name} readAllPage 100 (port only)`, pages: raw.length, p50: +percentile(raw, 50).toFixed(2), p95: +percentile(raw, 95).toFixed(2) }));
  for (const [label, filter] of [['all', {}], ['community c-3', { community: 'c-3' }], ['type NoticePosted', { types: ['NoticePosted'] }]] as const) {
    const samples: number[] = [];
    await timed(`${name} feed ${label}`, () => pageAll(new EventFeed(store), filter, samples));
    console.log(JSON.stringify({ label: `${name} feed ${label} per page`, p50: +percentile(samples, 50).toFixed(2), p95: +percentile(samples, 95).toFixed(2) }));
  }
  const search = () => audit.search({ actor: 'actor-7', timeAxis: 'recordedAt', after: 0n, limit: 100 });
  await timed(`${name} audit by actor (first: ${name === 'esdb' ? 'indexes the log' : 'no index to fill'})`, async () => ((await search()).length, 1));
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await search();
    samples.push(performance.now() - t);
  }
  console.log(JSON.stringify({ label: `${name} audit by actor, 100 events`, p50: +percentile(samples, 50).toFixed(2), p95: +percentile(samples, 95).toFixed(2) }));
};

const main = async (): Promise<void> => {
  const url = process.env['BENCH_DATABASE_URL'];
  if (url === undefined) throw new Error('set BENCH_DATABASE_URL');
  await ensureDatabase(url);
  await resetDatabase(url);
  const sql = createPostgresSqlClient(url);
  const pg = new SqlEventStore(sql);
  await pg.migrate();
  await measure('postgres', pg, new SqlAuditIndex(sql));
  await pg.close();

  const esdbUrl = `${url}_esdb`;
  await ensureDatabase(esdbUrl);
  await resetDatabase(esdbUrl);
  const emulator = await EsdbEmulator.start();
  const esdb = EsdbEventStore.connect(emulator.connectionString, createPostgresSqlClient(esdbUrl));
  await esdb.migrate();
  const esdbSql = createPostgresSqlClient(esdbUrl);
  const audit = new EsdbAuditIndex(esdbSql, esdb);
  await audit.migrate();
  await measure('esdb', esdb, audit);
  await esdb.close();
  await esdbSql.close();
  await emulator.stop();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
