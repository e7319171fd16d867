import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { anEvent } from '../contract/event-store.contract';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

describePostgres('event feed under concurrent writers (PostgreSQL, over HTTP)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase('cl_feed');
    const config = loadConfig({ DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    storage = await createStorage({ dataDir: 'unused', databaseUrl: database.url });
    app = await createApp({ config, storage });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('a reader paging concurrently with 6 writers sees every event exactly once, in global order', async () => {
    const writers = Array.from({ length: 6 }, () => new SqlEventStore(createPostgresSqlClient(database.url, { maxConnections: 1 })));
    let writing = true;
    const seen: string[] = [];
    const reader = (async () => {
      let after = '0';
      // After the writers stop, read until all 300 showed (a commit can stay invisible for a moment
      // on a shared server), then one more page must bring nothing new.
      for (let pages = 0; pages < 5000; pages++) {
        const stillWriting = writing || seen.length < 300;
        const body = (await request(app.getHttpServer()).get(`/api/v1/events?after=${after}&limit=7&category=race`).expect(200)).body;
        seen.push(...body.items.map((e: { globalPosition: string }) => e.globalPosition));
        const moved = body.nextCursor !== after;
        after = body.nextCursor;
        if (!stillWriting && !moved) return;
        if (!moved) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < 25; i++) {
            await store.appendToStream(`race-${w}-${i}`, [anEvent('FeedRaced', { w, i }), anEvent('FeedRaced', { w, i })], { expectedRevision: 'no_stream' });
          }
        }),
      );
    } finally {
      writing = false;
      await reader;
      await Promise.all(writers.map((w) => w.close()));
    }
    const stored = await storage.eventStore.readAll({ limit: 10_000, filter: { streamPrefix: 'race-' } });
    expect(stored).toHaveLength(300);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(stored.map((e) => e.globalPosition.toString()));
  });
});
