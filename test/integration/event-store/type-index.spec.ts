import { SqlEventStore } from '../../../src/infrastructure/event-store/sql/sql-event-store';
import { createPgliteSqlClient } from '../../../src/infrastructure/event-store/sql/pglite-sql-client';
import type { SqlClient } from '../../../src/infrastructure/event-store/sql/sql-client';
import { anEvent } from '../../contract/event-store.contract';

/** The (type, position) index is optional: type-filtered reads give the same pages with and without it. */
describe.each([
  ['without the type index (default)', false],
  ['with the type index', true],
])('readAll by type, %s', (_label, typeIndex) => {
  let sql: SqlClient;
  let store: SqlEventStore;

  beforeAll(async () => {
    sql = await createPgliteSqlClient();
    store = new SqlEventStore(sql, typeIndex ? { typeIndex: true } : {});
    await store.migrate();
  });
  afterAll(async () => {
    await sql.close();
  });

  it('pages through the wanted types in position order', async () => {
    const types = ['TypeA', 'TypeB', 'TypeC', 'TypeA', 'TypeC', 'TypeB', 'TypeA'];
    for (const [i, type] of types.entries()) {
      await store.appendToStream(`typed-${i % 2}`, [anEvent(type)], { expectedRevision: 'any' });
    }
    const { rows } = await sql.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_indexes WHERE indexname = 'cl_events_type_position_idx'");
    expect(Number(rows[0]!.n)).toBe(typeIndex ? 1 : 0);

    const page1 = await store.readAll({ limit: 2, filter: { types: ['TypeA', 'TypeC'] } });
    const page2 = await store.readAll({ after: page1[1]!.globalPosition, limit: 10, filter: { types: ['TypeA', 'TypeC'] } });
    expect([...page1, ...page2].map((e) => e.type)).toEqual(['TypeA', 'TypeC', 'TypeA', 'TypeC', 'TypeA']);
    expect((await store.readAll({ filter: { types: ['TypeB'], streamPrefix: 'typed-1' } })).map((e) => e.stream)).toEqual(['typed-1', 'typed-1']);
  });
});
