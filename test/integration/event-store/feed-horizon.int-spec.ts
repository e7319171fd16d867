import { Client } from 'pg';
import type { RecordedEvent } from '../../../src/domain/shared';
import { SqlEventStore } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createPostgresSqlClient } from '../../../src/infrastructure/event-store/sql/postgres-sql-client';
import type { SqlClient } from '../../../src/infrastructure/event-store/sql/sql-client';
import { anEvent } from '../../contract/event-store.contract';
import { createTestDatabase, describePostgres, TEST_DATABASE_URL } from '../../support/postgres';

/**
 * The feed is held back only by appends still running in its own database. A transaction that
 * holds a transaction id anywhere else on the server (another database, or this database without
 * touching the event tables) used to stop every reader (pg_snapshot_xmin is cluster-wide).
 */
describePostgres('the feed is not held back by transactions that append nothing to this store (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let other: { url: string; drop: () => Promise<void> };
  let sql: SqlClient;
  let store: SqlEventStore;
  let otherStore: SqlEventStore;
  const sessions: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('cl_horizon');
    other = await createTestDatabase('cl_horizon_other');
    sql = createPostgresSqlClient(database.url, { maxConnections: 4 });
    store = new SqlEventStore(sql);
    await store.migrate();
    otherStore = new SqlEventStore(createPostgresSqlClient(other.url, { maxConnections: 2 }));
    await otherStore.migrate();
  });
  afterAll(async () => {
    for (const session of sessions) await session.end().catch(() => undefined);
    await store?.close();
    await otherStore?.close();
    await database?.drop();
    await other?.drop();
  });

  /** A session left idle in a transaction that holds a transaction id; it stays open until the suite ends. */
  const openIdleWriter = async (url: string, statements: readonly string[]): Promise<{ xid: string; end: () => Promise<void> }> => {
    const session = new Client({ connectionString: url });
    await session.connect();
    sessions.push(session);
    await session.query('BEGIN');
    for (const statement of statements) await session.query(statement);
    const { rows } = await session.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    return { xid: rows[0]!.xid, end: () => session.query('ROLLBACK').then(() => undefined) };
  };

  /** The old rule (rows below the cluster-wide oldest running transaction) would see nothing new. */
  const expectOldRuleStalled = async (xid: string) => {
    const { rows } = await sql.query<{ stalled: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) <= $1::xid8 AS stalled', [xid]);
    expect(rows[0]!.stalled).toBe(true);
  };

  const appendThree = async (stream: string) => {
    const result = await store.appendToStream(stream, [anEvent('HorizonTested'), anEvent('HorizonTested'), anEvent('HorizonTested')], {
      expectedRevision: 'no_stream',
    });
    return result;
  };

  const expectFeedDelivers = async (after: bigint, ids: readonly string[], positions: readonly bigint[]) => {
    expect((await store.readAll({ after })).map((e) => e.eventId)).toEqual(ids);
    expect(await store.headPosition()).toBe(positions[positions.length - 1]);
    const subscription = store.subscribeToAll({ after, pollIntervalMs: 5 });
    const seen: RecordedEvent[] = [];
    const timer = setTimeout(() => void subscription.close(), 3000);
    try {
      for await (const event of subscription) {
        seen.push(event);
        if (seen.length === ids.length) break;
      }
    } finally {
      clearTimeout(timer);
      await subscription.close();
    }
    expect(seen.map((e) => e.eventId)).toEqual(ids);
  };

  it('a write transaction left open in another database', async () => {
    const idle = await openIdleWriter(TEST_DATABASE_URL!, []);
    try {
      await expectOldRuleStalled(idle.xid);
      const after = await store.headPosition();
      const appended = await appendThree('other-db-1');
      await expectFeedDelivers(after, appended.eventIds, appended.positions);
    } finally {
      await idle.end();
    }
  });

  it('a transaction left open in this database that writes only to an unrelated table', async () => {
    await sql.exec('CREATE TABLE IF NOT EXISTS horizon_unrelated (id serial PRIMARY KEY, note text)');
    const idle = await openIdleWriter(database.url, ["INSERT INTO horizon_unrelated (note) VALUES ('left open')"]);
    try {
      await expectOldRuleStalled(idle.xid);
      const after = await store.headPosition();
      const appended = await appendThree('same-db-1');
      await expectFeedDelivers(after, appended.eventIds, appended.positions);
    } finally {
      await idle.end();
    }
  });

  it('an append left open in another database with its own event store', async () => {
    const payload = JSON.stringify([{ ...anEvent('ElsewhereAppended'), prevHash: 'x', hash: 'y' }]);
    const idle = await openIdleWriter(other.url, [`SELECT * FROM cl_append('elsewhere-1', -1, NULL, NULL, '${payload}'::jsonb)`]);
    try {
      await expectOldRuleStalled(idle.xid);
      const after = await store.headPosition();
      const appended = await appendThree('other-store-1');
      await expectFeedDelivers(after, appended.eventIds, appended.positions);
      // The other store's own feed is held back by it, as it must be.
      expect(await otherStore.readAll()).toEqual([]);
    } finally {
      await idle.end();
    }
  });
});
