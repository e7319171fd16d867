import { Command } from 'commander';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { register } from '../../src/infrastructure/cli/commands/verify.command';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { STORAGE } from '../../src/application/command-handling/tokens';
import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { TransparencyLog } from '../../src/infrastructure/transparency/transparency-log';
import { verifyLogAgainstCheckpoints } from '../../src/infrastructure/transparency/verify-log';
import { fromBase64 } from '../../src/transparency/bytes';
import { openCheckpoint } from '../../src/transparency/checkpoint';
import { eventLeafHash } from '../../src/transparency/event-leaf';
import { verifyInclusion } from '../../src/transparency/merkle-verify';
import { ed25519Signer } from '../../src/transparency/note-keys';
import { anEvent } from './event-store.contract';
import { AUDIT_EVENTS_PAGE_SCHEMA, AUDIT_STREAM_SCHEMA } from '../../src/infrastructure/http/audit/audit-schemas';
import { FEED_PAGE_SCHEMA, SCHEMAS_INDEX_SCHEMA } from '../../src/infrastructure/http/feed/feed-schemas';
import { CHECKPOINT_SCHEMA, INCLUSION_PROOF_SCHEMA, LOG_KEY_SCHEMA } from '../../src/infrastructure/http/log/log-schemas';
import { responseProblems } from '../support/openapi-response';
import { startEsdbTarget, type EsdbTarget } from '../support/esdb-emulator/esdb-target';
import { collectSse } from '../support/sse';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { noticeBoardProcedure } from '../support/test-aggregate/notice-board.module';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const ORIGIN = 'civic-ledger.test/esdb-log';
const signer = ed25519Signer(ORIGIN, SEED);
const LOG_ENV = { LOG_ORIGIN: ORIGIN, LOG_SIGNING_KEY: Buffer.from(SEED).toString('base64'), LOG_CHECKPOINT_INTERVAL_SECONDS: '0' };
const b64 = (text: string) => fromBase64(text)!;

type Entry = { globalPosition: string; type: string; stream: string; community: string | null };

/**
 * The integrators' feed, the audit routes and the transparency log's proofs and verify in
 * EventStoreDB mode, over real gRPC (the emulator, or EVENTSTORE_URL): none of them reads the SQL
 * event table, so they answer as they do on PostgreSQL, with `$all` positions as cursors.
 */
describePostgres('feed, audit and log proofs in EventStoreDB mode', () => {
  let target: EsdbTarget;
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let storage: Storage;
  let writer: string;
  let auditor: string;
  const run = Date.now().toString(36);
  const http = () => request(app.getHttpServer());
  const notice = (id: string, communityId: string, correlationId?: string) => {
    const req = http().post('/api/v1/notices').set('Authorization', `Bearer ${writer}`);
    return (correlationId === undefined ? req : req.set('X-Correlation-Id', correlationId))
      .send({ noticeId: `${id}-${run}`, communityId, title: 't', body: 'b', tags: [], priority: 1 })
      .expect(201);
  };

  beforeAll(async () => {
    target = await startEsdbTarget();
    database = await createTestDatabase('cl_esdb_feed');
    const config = loadConfig({ EVENTSTORE_URL: target.url, DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...LOG_ENV });
    app = await createApp({ config, extraProcedures: [noticeBoardProcedure] });
    await app.init();
    storage = app.get(STORAGE);
    expect(storage.eventStore).toBeInstanceOf(EsdbEventStore);
    const tokens = app.get(TokenService);
    writer = await tokens.sign('clerk-9', ['villagers_committee@community:c-17', 'villagers_committee@community:c-18']);
    auditor = await tokens.sign('auditor-1', ['auditor']);
    for (let i = 0; i < 3; i++) await notice(`n17-${i}`, 'c-17', i === 0 ? `corr-${run}` : undefined);
    for (let i = 0; i < 2; i++) await notice(`n18-${i}`, 'c-18');
    await http().post(`/api/v1/notices/n17-0-${run}/withdrawals`).set('Authorization', `Bearer ${writer}`).send({ reason: 'superseded' }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await target?.stop();
  });

  const pages = async (query: string, limit = 2): Promise<Entry[]> => {
    const items: Entry[] = [];
    let after = '0';
    for (let page = 0; page < 500; page++) {
      const body = (await http().get(`/api/v1/events?after=${after}&limit=${limit}${query}`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
      expect(responseProblems(FEED_PAGE_SCHEMA, body)).toEqual([]);
      items.push(...body.items);
      if (body.nextCursor === after) return items;
      after = body.nextCursor;
    }
    throw new Error('the feed did not end');
  };

  it('pages the whole log in $all order, its cursor the $all commit position; filters by type, category and community', async () => {
    const stored = await storage.eventStore.readAll({ limit: 10_000 });
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect((await pages('')).map((e) => e.globalPosition)).toEqual(stored.map((e) => e.globalPosition.toString()));
    const withdrawn = await pages('&type=NoticeWithdrawn');
    expect(withdrawn.map((e) => e.stream)).toEqual([`notice-n17-0-${run}`]);
    expect(withdrawn[0]!.globalPosition).toBe(stored.find((e) => e.type === 'NoticeWithdrawn')!.globalPosition.toString());
    expect((await pages('&category=notice')).length).toBe(6);
    expect(await pages('&category=meeting')).toEqual([]);
    // The withdrawal has no communityId of its own: it belongs to its stream's first event's community.
    expect((await pages('&community=c-17', 1)).map((e) => e.stream)).toEqual([0, 1, 2, 0].map((i) => `notice-n17-${i}-${run}`));
    expect((await pages('&community=c-18')).map((e) => e.community)).toEqual(['c-18', 'c-18']);
  });

  it('a reader paging concurrently with 6 writers sees every event exactly once, in $all order', async () => {
    let writing = true;
    const seen: string[] = [];
    const category = `race${run.replace(/[^a-z0-9]/g, '')}`;
    const reader = (async () => {
      let after = '0';
      for (let page = 0; page < 5000; page++) {
        const stillWriting = writing || seen.length < 120;
        const body = (await http().get(`/api/v1/events?after=${after}&limit=7&category=${category}`).expect(200)).body;
        seen.push(...body.items.map((e: Entry) => e.globalPosition));
        const moved = body.nextCursor !== after;
        after = body.nextCursor;
        if (!stillWriting && !moved) return;
        if (!moved) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, w) => {
          for (let i = 0; i < 10; i++) {
            await storage.eventStore.appendToStream(`${category}-${w}-${i}`, [anEvent('FeedRaced', { w, i }), anEvent('FeedRaced', { w, i })], { expectedRevision: 'no_stream' });
          }
        }),
      );
    } finally {
      writing = false;
      await reader;
    }
    const stored = await storage.eventStore.readAll({ limit: 10_000, filter: { streamPrefix: `${category}-` } });
    expect(stored).toHaveLength(120);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(stored.map((e) => e.globalPosition.toString()));
  }, 120_000);

  it('streams Server-Sent Events from Last-Event-ID (a $all position), then live, without repeating', async () => {
    const category = 'notice';
    const stored = await storage.eventStore.readAll({ limit: 10_000, filter: { streamPrefix: `${category}-` } });
    const resumeAfter = stored[2]!.globalPosition.toString();
    const expected = stored.length - 3 + 1;
    const { received, done } = await collectSse<Entry>(app, `/api/v1/events/stream?category=${category}`, resumeAfter, expected);
    for (let i = 0; i < 200 && received.length < expected - 1; i++) await new Promise((r) => setTimeout(r, 20));
    await notice('n-live', 'c-17');
    await done;
    const after = await storage.eventStore.readAll({ limit: 10_000, filter: { streamPrefix: `${category}-` } });
    expect(received.map((r) => r.id)).toEqual(after.slice(3).map((e) => e.globalPosition.toString()));
    expect(received[received.length - 1]!.data.stream).toBe(`notice-n-live-${run}`);
  }, 60_000);

  it('audit: a stream with its hash links and leaves; search by actor, correlation id and time range through the PostgreSQL index of $all', async () => {
    await app.get(TransparencyLog).builder.catchUp();
    const stream = `notice-n17-0-${run}`;
    const history = (await http().get(`/api/v1/audit/streams/${stream}`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(responseProblems(AUDIT_STREAM_SCHEMA, history)).toEqual([]);
    expect(history.intact).toBe(true);
    expect(history.events.map((e: { streamRevision: string; inLog: boolean; leafIndex: string | null }) => [e.streamRevision, e.inLog, e.leafIndex !== null])).toEqual([
      ['0', true, true],
      ['1', true, true],
    ]);
    const get = (q: string) => http().get(`/api/v1/audit/events?${q}`).set('Authorization', `Bearer ${auditor}`).expect(200);
    const byActor = (await get('actor=clerk-9&limit=500')).body.items as { globalPosition: string; stream: string; leafIndex: string | null }[];
    expect(byActor.filter((e) => e.stream.startsWith('notice-')).length).toBeGreaterThanOrEqual(7);
    expect(byActor.map((e) => BigInt(e.globalPosition))).toEqual([...byActor.map((e) => BigInt(e.globalPosition))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await get(`correlationId=corr-${run}`)).body.items.map((e: { type: string; stream: string }) => [e.type, e.stream])).toEqual([['NoticePosted', stream]]);
    expect((await get('from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z&timeAxis=occurredAt')).body.items).toEqual([]);
    const page1 = (await get('actor=clerk-9&limit=2')).body;
    expect(responseProblems(AUDIT_EVENTS_PAGE_SCHEMA, page1)).toEqual([]);
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(`actor=clerk-9&limit=2&after=${page1.nextCursor}`)).body;
    expect(page2.items.map((e: { globalPosition: string }) => e.globalPosition)).toEqual(byActor.slice(2, 4).map((e) => e.globalPosition));
    // The index is PostgreSQL's: one row per indexed event, none for events of other tables.
    const { rows } = await storage.sql.query<{ n: string }>("SELECT count(*)::text AS n FROM cl_esdb_audit_index WHERE actor = 'clerk-9'");
    expect(Number(rows[0]!.n)).toBe(byActor.length);
  });

  it('answers an inclusion proof by event id that verifies against the signed root, and verify agrees with every checkpoint; a broken leaf fails verify and the start-up check', async () => {
    const created = await notice('n-proof', 'c-17');
    const admin = await app.get(TokenService).sign('log-admin-1', ['log_administrator']);
    const checkpoint = (await http().post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${admin}`).expect(201)).body;
    const eventId = created.body.eventIds[0] as string;
    const proof = (await http().get(`/api/v1/log/proofs/inclusion?eventId=${eventId}`).expect(200)).body;
    expect(responseProblems(CHECKPOINT_SCHEMA, checkpoint)).toEqual([]);
    expect(responseProblems(INCLUSION_PROOF_SCHEMA, proof)).toEqual([]);
    expect(responseProblems(LOG_KEY_SCHEMA, (await http().get('/api/v1/log/key').expect(200)).body)).toEqual([]);
    expect(responseProblems(SCHEMAS_INDEX_SCHEMA, (await http().get('/api/v1/schemas').expect(200)).body)).toEqual([]);
    const [stored] = await storage.eventStore.readStream(`notice-n-proof-${run}`);
    expect(proof.globalPosition).toBe(stored!.globalPosition.toString());
    expect(proof.leafHash).toBe(Buffer.from(eventLeafHash(stored!.globalPosition, stored!.hash)).toString('base64'));
    const note = await http().get('/api/v1/log/checkpoint').expect(200);
    const opened = openCheckpoint(note.text, signer.verifier);
    if (typeof opened === 'string') throw new Error(opened);
    expect(opened.checkpoint.size.toString()).toBe(checkpoint.treeSize);
    expect(verifyInclusion(BigInt(proof.leafIndex), opened.checkpoint.size, b64(proof.leafHash), proof.hashes.map(b64), opened.checkpoint.rootHash).ok).toBe(true);
    const byPosition = (await http().get(`/api/v1/log/proofs/inclusion?position=${proof.globalPosition}`).expect(200)).body;
    expect(byPosition).toEqual(proof);
    await http().get('/api/v1/log/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000').expect(404);

    const report = await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier);
    expect(report.disagreement).toBeUndefined();
    expect(report.eventsChecked).toBe(Number(checkpoint.treeSize));
    // A stored leaf that no longer matches its event is named at its position.
    const leaf = Number(proof.leafIndex);
    await storage.sql.query("UPDATE cl_log_nodes SET hash = decode(repeat('00', 32), 'hex') WHERE level = 0 AND idx = $1", [leaf]);
    const broken = await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier);
    expect(broken.disagreement).toMatchObject({ leafIndex: BigInt(leaf), globalPosition: stored!.globalPosition });

    // `civic-ledger verify` checks the log in this mode too, and the service refuses to start.
    const output: string[] = [];
    let exitCode = 0;
    const program = new Command('civic-ledger').exitOverride();
    register(program, { out: (t) => output.push(t), setExitCode: (c) => (exitCode = c) });
    process.env.EVENTSTORE_URL = target.url;
    try {
      await program.parseAsync(['node', 'civic-ledger', 'verify', '--database-url', database.url, '--log-key', signer.verifier.vkey]);
    } finally {
      delete process.env.EVENTSTORE_URL;
    }
    expect(exitCode).toBe(1);
    expect(output.join('\n')).toContain(`BROKEN transparency log (checkpoint size ${checkpoint.treeSize}) at global position ${stored!.globalPosition} (leaf ${leaf})`);
    const config = loadConfig({ EVENTSTORE_URL: target.url, DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...LOG_ENV });
    const second = await createApp({ config, extraProcedures: [noticeBoardProcedure] });
    await expect(second.init()).rejects.toThrow(`global position ${stored!.globalPosition} (leaf ${leaf})`);
    await second.close().catch(() => undefined);
  }, 60_000);
});
