import { Pool, type PoolClient } from 'pg';
import { postgresAdvisoryLocks } from '../../src/infrastructure/persistence/projection-locks';
import { createTestDatabase, describePostgres } from '../support/postgres';

/**
 * The runner's build locks on PostgreSQL: session advisory locks on one dedicated connection. The
 * runner's workers ask for them concurrently; node-postgres deprecates sending a query on a client
 * that is still executing one (pg 9 removes the queue), so the session must take them one at a time.
 */
describePostgres('projection build locks on PostgreSQL (session advisory locks)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let pool: Pool;
  /** The most queries ever out at once on one checked-out client. */
  let mostInFlight = 0;
  /** Closed after each test, also one that failed (an open session would keep pool.end() waiting). */
  const opened: ReturnType<typeof postgresAdvisoryLocks>[] = [];
  const locksOnPool = () => {
    const locks = postgresAdvisoryLocks(pool);
    opened.push(locks);
    return locks;
  };

  beforeEach(async () => {
    database = await createTestDatabase('cllocks');
    pool = new Pool({ connectionString: database.url, max: 4 });
    mostInFlight = 0;
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    (pool as unknown as { connect: () => Promise<PoolClient> }).connect = async () => {
      const client = await connect();
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      let inFlight = 0;
      (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        return query(...args).finally(() => void inFlight--);
      };
      return client;
    };
  });
  afterEach(async () => {
    for (const locks of opened.splice(0)) await locks.close();
    await pool.end();
    await database.drop();
  });

  it('takes concurrent requests one query at a time on its session, and every key is won once', async () => {
    const locks = locksOnPool();
    const keys = Array.from({ length: 8 }, (_, i) => `build-${i}`);
    expect(await Promise.all(keys.map((key) => locks.tryAcquire(key)))).toEqual(keys.map(() => true));
    await Promise.all(keys.map((key) => locks.release(key)));
    expect(mostInFlight).toBe(1);
  });

  it('excludes a second session until the first releases', async () => {
    const first = locksOnPool();
    const second = locksOnPool();
    expect(await Promise.all([first.tryAcquire('build-a'), first.tryAcquire('build-b')])).toEqual([true, true]);
    expect(await second.tryAcquire('build-a')).toBe(false);
    await first.release('build-a');
    expect(await Promise.all([second.tryAcquire('build-a'), second.tryAcquire('build-b')])).toEqual([true, false]);
    expect(mostInFlight).toBe(1);
  });

  it('two concurrent asks for one key take it once: one release frees it for another session', async () => {
    const first = locksOnPool();
    const second = locksOnPool();
    expect(await Promise.all([first.tryAcquire('build-a'), first.tryAcquire('build-a')])).toEqual([true, true]);
    await first.release('build-a');
    expect(await second.tryAcquire('build-a')).toBe(true);
  });
});
