import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { EventFeed, type FeedFilter } from '../../src/infrastructure/feed/event-feed';
import { SqlEventFeed } from '../../src/infrastructure/event-store/sql/sql-event-feed';
import { feedOf, type FeedPages } from '../../src/infrastructure/feed/feed-of';
import { collectSse } from '../support/sse';
import { createTestApp } from '../support/test-aggregate/test-app';

type Entry = { globalPosition: string; type: string; stream: string; community: string | null; visibility: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

describe("integrators' event feed", () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let tokens: TokenService;
  let writer: string;
  const http = () => request(app.getHttpServer());
  const notice = (id: string, communityId: string) =>
    http().post('/api/v1/notices').set('Authorization', `Bearer ${writer}`).send({ noticeId: id, communityId, title: 'Water outage', body: 'Call Li Hua at 13800000000', tags: [], priority: 2 }).expect(201);

  beforeAll(async () => {
    ({ app, storage, tokens } = await createTestApp());
    writer = await tokens.sign('actor-1', ['villagers_committee@community:c-17', 'villagers_committee@community:c-18']);
    for (let i = 0; i < 3; i++) await notice(`n-feed-17-${i}`, 'c-17');
    for (let i = 0; i < 2; i++) await notice(`n-feed-18-${i}`, 'c-18');
    await http().post('/api/v1/notices/n-feed-17-0/withdrawals').set('Authorization', `Bearer ${writer}`).send({ reason: 'superseded by Li Hua' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  const all = async (query: string, token?: string): Promise<Entry[]> => {
    const items: Entry[] = [];
    let after = '0';
    for (let pages = 0; pages < 50; pages++) {
      const req = http().get(`/api/v1/events?after=${after}&limit=2${query}`);
      const body = (await (token === undefined ? req : req.set('Authorization', `Bearer ${token}`)).expect(200)).body;
      items.push(...body.items);
      if (body.nextCursor === after) return items;
      after = body.nextCursor;
    }
    throw new Error('feed did not end');
  };

  it('pages the whole log in global order with a next cursor, never repeating', async () => {
    const items = await all('');
    const stored = await storage.eventStore.readAll({ limit: 1000 });
    expect(items.map((e) => e.globalPosition)).toEqual(stored.map((e) => e.globalPosition.toString()));
  });

  it('filters by type, stream category and community (a later event of a stream belongs to its first event\'s community)', async () => {
    expect((await all('&type=NoticeWithdrawn')).map((e) => e.stream)).toEqual(['notice-n-feed-17-0']);
    expect((await all('&category=notice')).length).toBe(6);
    expect((await all('&category=meeting')).length).toBe(0);
    const c17 = await all('&community=c-17');
    expect(c17.map((e) => e.stream)).toEqual(['notice-n-feed-17-0', 'notice-n-feed-17-1', 'notice-n-feed-17-2', 'notice-n-feed-17-0']);
    await http().get('/api/v1/events?after=-1').expect(400);
    await http().get('/api/v1/events?limit=5000').expect(400);
  });

  it('on SQL the feed is one statement a page (after the read horizon) and gives the same events as the port\'s EventFeed used on EventStoreDB', async () => {
    const statements: string[] = [];
    const counted = { query: (text: string, params?: readonly unknown[]) => (statements.push(text), storage.sql.query(text, params as unknown[])) } as typeof storage.sql;
    const sqlFeed = feedOf({ sql: counted, eventStore: storage.eventStore });
    expect(sqlFeed).toBeInstanceOf(SqlEventFeed);
    const portFeed = new EventFeed(storage.eventStore);
    const everything = async (feed: FeedPages, filter: FeedFilter) => {
      const seen: string[] = [];
      for (let after = 0n, pages = 0; pages < 50; pages++) {
        const page = await feed.page(after, 2, filter);
        seen.push(...page.events.map((e) => `${e.globalPosition} ${e.stream} ${e.community}`));
        if (page.nextCursor === after) return seen;
        after = page.nextCursor;
      }
      throw new Error('feed did not end');
    };
    for (const filter of [{}, { community: 'c-17' }, { community: 'c-18', types: ['NoticePosted'] }, { category: 'notice', community: 'c-17' }, { community: 'c-none' }]) {
      expect(await everything(sqlFeed, filter)).toEqual(await everything(portFeed, filter));
    }
    statements.length = 0;
    await sqlFeed.page(0n, 2, { community: 'c-17' });
    expect(statements).toEqual([expect.stringContaining('cl_read_horizon'), expect.stringContaining('LEFT JOIN cl_events f')]);
  });

  it('public entries carry no personal data or free text; a committee sees its own community whole; an auditor sees everything', async () => {
    const publicEntries = await all('');
    for (const entry of publicEntries) {
      expect(entry.visibility).toBe('public');
      expect(Object.keys(entry.metadata).sort()).toEqual(['occurredAt', 'recordedAt']);
      expect(JSON.stringify(entry)).not.toMatch(/Li Hua|13800000000|actor-1/);
    }
    expect(publicEntries[0]!.data).toEqual({ noticeId: 'n-feed-17-0', communityId: 'c-17', priority: 2 });
    const committee = await tokens.sign('member-1', ['supervision_committee@community:c-18']);
    const seen = await all('', committee);
    expect(seen.filter((e) => e.visibility === 'whole').map((e) => e.community)).toEqual(['c-18', 'c-18']);
    const auditor = await tokens.sign('auditor-1', ['auditor']);
    const whole = await all('', auditor);
    expect(whole.every((e) => e.visibility === 'whole')).toBe(true);
    expect(whole[0]!.metadata.actor).toBe('actor-1');
  });

  it('streams Server-Sent Events from Last-Event-ID, then live', async () => {
    const stored = await storage.eventStore.readAll({ limit: 1000 });
    const resumeAfter = stored[2]!.globalPosition.toString();
    const { received, done, response } = await collectSse<Entry>(app, '/api/v1/events/stream', resumeAfter, stored.length - 3 + 1);
    // Wait for the catch-up part, then write one more event and expect it live.
    for (let i = 0; i < 100 && received.length < stored.length - 3; i++) await new Promise((r) => setTimeout(r, 20));
    await notice('n-feed-live', 'c-17');
    await done;
    expect(response()?.headers['content-type']).toContain('text/event-stream');
    const after = await storage.eventStore.readAll({ limit: 1000 });
    expect(received.map((r) => r.id)).toEqual(after.slice(3).map((e) => e.globalPosition.toString()));
    expect(received[received.length - 1]!.data.stream).toBe('notice-n-feed-live');
  });
});
