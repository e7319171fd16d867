import request from 'supertest';
import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Repeats `attempt` until `done` holds (or gives up after `ms`), returning the last result. */
const eventually = async <T>(attempt: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > until) return value;
    await sleep(100);
  }
};

/**
 * The service in PostgreSQL mode with the database failing under it (docs/architecture.md "Faults and
 * public views"): sessions terminated by the server, the database refusing connections, a table
 * locked by someone else. The process never dies, the caller gets 503 STORE.UNAVAILABLE with
 * Retry-After instead of a 500 or a hang, and everything recovers by itself.
 */
describePostgres('database faults: dropped sessions, an unreachable database, a locked table (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let admin: Client;
  let township: string;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  const name = () => new URL(database.url).pathname.slice(1);
  const server = () => app.getHttpServer();

  const register = (communityId: string) =>
    request(server())
      .post('/api/v1/communities')
      .set('Authorization', `Bearer ${township}`)
      .send({ communityId, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1' })
      .timeout(10_000);
  /** Every session of the service's database, as an administrator would end them. */
  const terminateAll = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name()]);
  const storedStreams = async (streams: readonly string[]): Promise<Set<string>> => {
    const probe = new Client({ connectionString: database.url });
    await probe.connect();
    try {
      const { rows } = await probe.query<{ stream_id: string }>('SELECT DISTINCT stream_id FROM cl_events WHERE stream_id = ANY($1::text[])', [streams]);
      return new Set(rows.map((r) => r.stream_id));
    } finally {
      await probe.end();
    }
  };

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    database = await createTestDatabase('cl_faults');
    admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    admin.on('error', () => undefined);
    await admin.connect();
    const config = loadConfig({
      DATABASE_URL: database.url,
      CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      STATEMENT_TIMEOUT_MS: '3000',
      LOCK_TIMEOUT_MS: '300',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      HEALTH_TIMEOUT_MS: '1000',
      // The watchdog's own reads and appends run during the faults too.
      WATCHDOG_INTERVAL_SECONDS: '1',
    });
    app = await createApp({ config });
    await app.init();
    township = await app.get(TokenService).sign('officer-9', ['township_government@township:t-1']);
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await admin?.query(`ALTER DATABASE ${name()} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.close();
    await admin?.end();
    await database?.drop();
  });

  it('every session terminated five times under write load: no crash, no 500, nothing acknowledged lost, writes and read models recover', async () => {
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `c-load-${w}-${i}`;
        const response = await register(id);
        statuses.push(response.status);
        if (response.status === 201) acknowledged.push(`community-${id}`);
        else expect(response.body).toMatchObject({ status: 503, code: 'STORE.UNAVAILABLE' });
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    for (let round = 0; round < 5; round++) {
      await sleep(250);
      await terminateAll();
    }
    await sleep(250);
    stop = true;
    await Promise.all(writers);

    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(0);
    const after = await eventually(() => register('c-after-drops').set('Idempotency-Key', 'after-drops'), (r) => r.status === 201);
    expect(after.status).toBe(201);
    expect(await storedStreams(acknowledged)).toEqual(new Set(acknowledged));
    // The projection runner and its advisory-lock session came back by themselves.
    const row = await eventually(() => request(server()).get('/api/v1/communities/c-after-drops'), (r) => r.status === 200);
    expect(row.status).toBe(200);
    expect((await request(server()).get('/health')).status).toBe(200);
    expect(crashes).toEqual([]);
  });

  it('a database that refuses connections: 503 STORE.UNAVAILABLE with Retry-After for writes and reads, /health 503; the same Idempotency-Key afterwards appends once', async () => {
    await admin.query(`ALTER DATABASE ${name()} ALLOW_CONNECTIONS false`);
    await terminateAll();
    try {
      const write = await register('c-outage').set('Idempotency-Key', 'outage-1');
      expect(write.status).toBe(503);
      expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(write.headers['retry-after']).toMatch(/^\d+$/);
      expect(write.body).toMatchObject({ status: 503, code: 'STORE.UNAVAILABLE', instance: '/api/v1/communities' });

      const read = await request(server()).get('/api/v1/communities/c-after-drops');
      expect(read.status).toBe(503);
      expect(read.headers['retry-after']).toMatch(/^\d+$/);
      expect(read.body).toMatchObject({ code: 'STORE.UNAVAILABLE' });

      expect((await request(server()).get('/health')).status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE ${name()} ALLOW_CONNECTIONS true`);
    }
    const retried = await eventually(() => register('c-outage').set('Idempotency-Key', 'outage-1'), (r) => r.status === 201);
    expect(retried.status).toBe(201);
    const again = await register('c-outage').set('Idempotency-Key', 'outage-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(retried.body);
    const probe = new Client({ connectionString: database.url });
    await probe.connect();
    const events = await probe.query("SELECT count(*)::int AS n FROM cl_events WHERE stream_id = 'community-c-outage'");
    await probe.end();
    expect(events.rows[0].n).toBe(1);
    expect(crashes).toEqual([]);
  });

  it('a table locked by another session: /health answers 503 within its budget and a write fails fast with 503', async () => {
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE cl_events IN ACCESS EXCLUSIVE MODE');
    try {
      let started = Date.now();
      const health = await request(server()).get('/health').timeout(8000);
      expect(health.status).toBe(503);
      // HEALTH_TIMEOUT_MS is 1000; the lock would hold it forever.
      expect(Date.now() - started).toBeLessThan(4000);

      started = Date.now();
      const write = await register('c-locked').timeout(8000);
      expect(write.status).toBe(503);
      expect(write.body).toMatchObject({ code: 'STORE.UNAVAILABLE' });
      expect(write.headers['retry-after']).toMatch(/^\d+$/);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await register('c-locked')).status).toBe(201);
    expect((await request(server()).get('/health')).status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
