import { SqlEventStore } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../../../src/infrastructure/event-store/sql/pglite-sql-client';
import type { SqlClient } from '../../../src/infrastructure/event-store/sql/sql-client';
import { anEvent } from '../../contract/event-store.contract';

/** The (type, position) index is optional: type-filtered reads give the same pages with and without it. */
describe('readAll by type, without and with the optional type index', () => {
  let sql: SqlClient;

  beforeAll(async () => {
    sql = await createPgliteSqlClient();
  });
  afterAll(async () => {
    await sql.close();
  });

  const indexCount = async () =>
    Number((await sql.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_indexes WHERE indexname = 'cl_events_type_position_idx'")).rows[0]!.n);

  const expectTypedPages = async (store: SqlEventStore) => {
    const page1 = await store.readAll({ limit: 2, filter: { types: ['TypeA', 'TypeC'] } });
    const page2 = await store.readAll({ after: page1[1]!.globalPosition, limit: 10, filter: { types: ['TypeA', 'TypeC'] } });
    expect([...page1, ...page2].map((e) => e.type)).toEqual(['TypeA', 'TypeC', 'TypeA', 'TypeC', 'TypeA']);
    expect((await store.readAll({ filter: { types: ['TypeB'], streamPrefix: 'typed-1' } })).map((e) => e.stream)).toEqual(['typed-1', 'typed-1']);
  };

  it('pages through the wanted types in position order either way', async () => {
    const plain = new SqlEventStore(sql);
    await plain.migrate();
    for (const [i, type] of ['TypeA', 'TypeB', 'TypeC', 'TypeA', 'TypeC', 'TypeB', 'TypeA'].entries()) {
      await plain.appendToStream(`typed-${i % 2}`, [anEvent(type)], { expectedRevision: 'any' });
    }
    expect(await indexCount()).toBe(0);
    await expectTypedPages(plain);

    const indexed = new SqlEventStore(sql, { typeIndex: true });
    await indexed.migrate();
    expect(await indexCount()).toBe(1);
    await expectTypedPages(indexed);
  });
});
