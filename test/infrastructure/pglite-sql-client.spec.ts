import type { PGlite } from '@electric-sql/pglite';
import { createPgliteSqlClient } from '../../src/infrastructure/event-store/sql/pglite-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';

/**
 * The embedded client sends each statement as one protocol message and reads the reply itself
 * (pglite-query.ts): its rows must be PGlite's own `db.query` rows, its errors the database's, and
 * its statements must never run inside another caller's transaction.
 */
describe('the PGlite SQL client', () => {
  let sql: SqlClient & { db: PGlite };

  beforeAll(async () => {
    sql = await createPgliteSqlClient();
    await sql.exec('CREATE TABLE t (id int PRIMARY KEY, body text)');
  });
  afterAll(() => sql.close());

  const both = async (text: string, params?: unknown[]) => {
    const ours = (await sql.query(text, params)).rows;
    const pglites = (await sql.db.query(text, params)).rows;
    return { ours, pglites };
  };

  it('runs with 32MB of shared buffers and WAL segments that are not zero-filled first (a stall of the thread at every new segment)', async () => {
    const { rows } = await sql.query<{ name: string; setting: string; unit: string | null }>(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'wal_init_zero') ORDER BY name",
    );
    expect(rows).toEqual([
      { name: 'shared_buffers', setting: '4096', unit: '8kB' },
      { name: 'wal_init_zero', setting: 'off', unit: null },
    ]);
  });

  it('returns the rows PGlite returns, value by value, for the types the engine reads', async () => {
    const { ours, pglites } = await both(
      `SELECT 1::int AS i4, 9007199254740993::bigint AS big, 42::bigint AS small, 1.5::numeric AS num, 'x'::text AS txt,
              '{"a":[1,"b",null]}'::jsonb AS jb, '{"k":1}'::json AS j, true AS yes, NULL::text AS nothing,
              '2026-11-29T20:00:00Z'::timestamptz AS at, '\\x00ff'::bytea AS bytes, ARRAY['a','b"c']::text[] AS arr,
              ARRAY[1,2]::bigint[] AS nums, '0b7c5cb6-6c4e-4d0a-9a8e-2f0f5f3a8f0e'::uuid AS id`,
    );
    expect(ours).toEqual(pglites);
    expect(ours[0]).toMatchObject({ i4: 1, big: 9007199254740993n, small: 42, jb: { a: [1, 'b', null] }, yes: true, nothing: null, arr: ['a', 'b"c'] });
  });

  it('binds text, numbers, bigints, booleans and nulls as PGlite does', async () => {
    const params = ['héllo ✓', 12, 12345678901234567890n, true, null, 2.5, '{"n":1}'];
    const { ours, pglites } = await both('SELECT $1::text AS s, $2::int AS i, $3::numeric AS n, $4::boolean AS b, $5::text AS z, $6::float8 AS f, $7::jsonb AS j', params);
    expect(ours).toEqual(pglites);
    expect(ours[0]).toEqual({ s: 'héllo ✓', i: 12, n: '12345678901234567890', b: true, z: null, f: 2.5, j: { n: 1 } });
  });

  it('leaves arrays and objects to PGlite, whose serialisers follow the declared type', async () => {
    const { ours } = await both('SELECT $1::text[] AS arr, $2::jsonb AS doc', [['a', 'b,c'], { k: [1] }]);
    expect(ours[0]).toEqual({ arr: ['a', 'b,c'], doc: { k: [1] } });
  });

  it('reads a reply larger than one chunk whole', async () => {
    const text = "SELECT g AS n, repeat('x', 200) || g AS body FROM generate_series(1, 5000) g";
    const { ours, pglites } = await both(text);
    expect(ours).toHaveLength(5000);
    expect(ours).toEqual(pglites);
  });

  it('reports a database error with its code, and the session goes on', async () => {
    await sql.query('INSERT INTO t VALUES ($1, $2)', [1, 'one']);
    await expect(sql.query('INSERT INTO t VALUES ($1, $2)', [1, 'again'])).rejects.toMatchObject({ severity: 'ERROR', code: '23505' });
    await expect(sql.query('SELECT $1::int', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    await expect(sql.query('SELEC 1', [])).rejects.toMatchObject({ code: '42601' });
    expect((await sql.query('SELECT body FROM t WHERE id = $1', [1])).rows).toEqual([{ body: 'one' }]);
  });

  it('rolls a transaction back when a statement in it fails', async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1, $2)', [2, 'two']);
        await tx.query('INSERT INTO t VALUES ($1, $2)', [1, 'duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await sql.query('SELECT count(*)::int AS n FROM t WHERE id = $1', [2])).rows).toEqual([{ n: 0 }]);
  });

  it('never runs a statement inside another caller’s transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = sql.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1, $2)', [3, 'three']);
      inserted();
      await held;
      await tx.query('DELETE FROM t WHERE id = $1', [3]);
    });
    await didInsert;
    let seen: unknown;
    const outside = sql.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = $1', [3]).then(({ rows }) => (seen = rows[0]?.n));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toBeUndefined();
    release();
    await transaction;
    await outside;
    // Had it run inside the open transaction, it would have seen the uncommitted row.
    expect(seen).toBe(0);
  });

  describe('prepared statements', () => {
    const PREPARE = { prepare: true };

    it('return what an unprepared statement returns, run after run', async () => {
      const text = 'SELECT $1::int + g AS n, $2::text AS s FROM generate_series(1, 3) g';
      for (let i = 0; i < 8; i++) {
        expect((await sql.query(text, [i, `run ${i}`], PREPARE)).rows).toEqual((await sql.query(text, [i, `run ${i}`])).rows);
      }
    });

    it('are parsed again when a table changed shape: at once outside a transaction, on the next run inside one', async () => {
      await sql.exec('CREATE TABLE shape (a int); INSERT INTO shape VALUES (1)');
      const text = 'SELECT * FROM shape WHERE a = $1';
      expect((await sql.query(text, [1], PREPARE)).rows).toEqual([{ a: 1 }]);
      await sql.exec("ALTER TABLE shape ADD COLUMN b text DEFAULT 'x'");
      expect((await sql.query(text, [1], PREPARE)).rows).toEqual([{ a: 1, b: 'x' }]);
      await sql.exec("ALTER TABLE shape ADD COLUMN c text DEFAULT 'y'");
      // In a transaction the refused statement (0A000) aborts it; the client forgets the statement.
      await expect(sql.transaction((tx) => tx.query(text, [1], PREPARE))).rejects.toMatchObject({ code: '0A000' });
      expect((await sql.transaction((tx) => tx.query(text, [1], PREPARE))).rows).toEqual([{ a: 1, b: 'x', c: 'y' }]);
    });

    it('keep working past the number kept, the least recently used closed', async () => {
      for (let i = 0; i < 260; i++) {
        expect((await sql.query(`SELECT $1::int AS n, ${i} AS i`, [i], PREPARE)).rows).toEqual([{ n: i, i }]);
      }
      const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');
      expect(rows[0]?.n).toBeLessThanOrEqual(200);
      expect((await sql.query('SELECT $1::int AS n, 259 AS i', [7], PREPARE)).rows).toEqual([{ n: 7, i: 259 }]);
    });

    it('run inside a transaction, and survive its rollback', async () => {
      const text = 'SELECT count(*)::int AS n FROM t WHERE id = $1';
      await expect(
        sql.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES ($1, $2)', [9, 'nine']);
          expect((await tx.query(text, [9], PREPARE)).rows).toEqual([{ n: 1 }]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await sql.query(text, [9], PREPARE)).rows).toEqual([{ n: 0 }]);
    });
  });
});
