import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createDataSource } from '../../src/infrastructure/persistence/create-data-source';
import { defineProjection } from '../../src/projections/projection';
import type { ProjectionLocks } from '../../src/projections/projection-locks';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { createTableSql, tableModelOf } from '../../src/projections/projection-table';
import { loadRows, writeBatch } from '../../src/projections/projection-writer';
import { ProjectedRow } from '../../src/projections/provenance.entity';
import { ticketEvent, ticketStream, ticketSummaryV1 } from './support/ticket-summary.projection';
import { onBothStores, readModelRows, type Opened } from './support/projection-fixture';

/** Only plain column types: the writer knows their stored form without RETURNING. */
@Entity('test_plain_row')
class PlainRow extends ProjectedRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'varchar', length: 5 })
  short!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'bigint' })
  total!: string;

  @Column({ type: 'boolean' })
  flag!: boolean;

  @Column({ type: 'uuid', nullable: true })
  ref!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

const plainRow = defineProjection<PlainRow>({
  name: 'test-plain-row',
  version: 1,
  entity: PlainRow,
  canHandle: [],
  key: () => null,
  evolve: (row) => row,
});

const provenance = (n: number) => ({
  lastStream: `s-${n}`,
  lastStreamRevision: String(n),
  lastGlobalPosition: BigInt(n + 100),
  lastEventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

/** Values in every form a fold may leave them: canonical, and forms only the database can normalise. */
const rows = (): Record<string, unknown>[] => [
  { id: 'a', short: 'abcde', count: 3, total: '12', flag: true, ref: null, note: 'x', ...provenance(1) },
  { id: 'b', short: 'ab', count: -0, total: 7, flag: false, ref: '0b0d5f5e-1c1a-4b5e-9d1d-7f1e2a3b4c5d', note: undefined, ...provenance(2) },
  { id: 'c', short: 'abc', count: 0, total: 8n, flag: true, ref: '0B0D5F5E-1C1A-4B5E-9D1D-7F1E2A3B4C5D', note: null, ...provenance(3) },
  { id: 'd', short: '', count: 2147483647, total: '007', flag: false, ref: null, note: '', ...provenance(4) },
  { id: 'e', short: 'e', count: 1, total: '-9223372036854775808', flag: true, ref: null, note: 'ünïcødé ☃', ...provenance(5) },
  { id: 'f', short: 'abcde  ', count: 1, total: '1', flag: true, ref: null, note: null, ...provenance(6) },
];

/** Runners that always get the lock: as if another runner's lock session had died (the compare-and-set still guards). */
const noLocks: ProjectionLocks = { tryAcquire: async () => true, release: async () => undefined, close: async () => undefined };

const specs = (current: () => Opened): void => {
  let opened: Opened;

  beforeEach(() => {
    opened = current();
  });

  it('the rows a batch write leaves are what a load of them returns, for plain columns and the others', async () => {
    const dataSource = await createDataSource(opened.storage.sql, [PlainRow]);
    try {
      const model = tableModelOf(dataSource, plainRow);
      await opened.storage.sql.exec(createTableSql(model, 'test_plain_row_v1'));
      const outcome = await writeBatch(opened.storage.sql, model, 'test_plain_row_v1', { upserts: rows(), deletes: [] });
      const keys = rows().map((row) => String(row['id']));
      expect(outcome.upserted).toBe(keys.length);
      expect(outcome.written).toEqual(await loadRows(opened.storage.sql, model, 'test_plain_row_v1', keys));
      // The normalised forms came from the database: trailing spaces cut to the varchar, lowercase uuid, int8 as decimal text.
      expect(outcome.written.get('c')).toMatchObject({ ref: '0b0d5f5e-1c1a-4b5e-9d1d-7f1e2a3b4c5d', total: '8' });
      expect(outcome.written.get('d')).toMatchObject({ total: '7' });
      expect(outcome.written.get('f')).toMatchObject({ short: 'abcde' });
      expect(Object.is(outcome.written.get('b')?.['count'], 0)).toBe(true);
      // An update of existing rows too.
      const again = await writeBatch(opened.storage.sql, model, 'test_plain_row_v1', { upserts: rows().map((row) => ({ ...row, count: 5 })), deletes: ['zz'] });
      expect(again.written).toEqual(await loadRows(opened.storage.sql, model, 'test_plain_row_v1', [...keys, 'zz']));
    } finally {
      await dataSource.destroy();
    }
  });

  it('bigints nested in a jsonb value are written as decimal text', async () => {
    const model = tableModelOf(opened.dataSource, ticketSummaryV1);
    await opened.storage.sql.exec(createTableSql(model, 'test_ticket_bigints'));
    const row: Record<string, unknown> = { ticketId: 't1', title: 't', status: 'open', commentCount: 1, openedAt: new Date('2026-01-01T00:00:00Z'), labels: ['a', 9007199254740993n], ...provenance(1) };
    const outcome = await writeBatch(opened.storage.sql, model, 'test_ticket_bigints', { upserts: [row], deletes: [] });
    expect(outcome.written.get('t1')).toMatchObject({ labels: ['a', '9007199254740993'], lastGlobalPosition: '101' });
  });

  it('a runner that lost its build to another writer loads the rows that writer created (no key assumed new)', async () => {
    const store = opened.storage.eventStore;
    // 25 tickets, then 10 more, then a comment on each of those 10: pages of one event.
    for (let n = 0; n < 25; n++) await store.appendToStream(ticketStream(`a${n}`), [ticketEvent('TicketOpened', { ticketId: `a${n}`, title: 'a' })], { expectedRevision: 'no_stream' });
    for (let n = 0; n < 10; n++) await store.appendToStream(ticketStream(`b${n}`), [ticketEvent('TicketOpened', { ticketId: `b${n}`, title: 'b' })], { expectedRevision: 'no_stream' });
    for (let n = 0; n < 10; n++) await store.appendToStream(ticketStream(`b${n}`), [ticketEvent('TicketCommented', { ticketId: `b${n}` })], { expectedRevision: 'any' });
    const runner = (): ProjectionRunner =>
      new ProjectionRunner({ sql: opened.storage.sql, feed: store, dataSource: opened.dataSource, projections: [ticketSummaryV1], locks: noLocks, batchSize: 1 });
    const first = runner();
    const second = runner();
    // 20 pages each: the first runner writes a0..a19 from an empty table, the second a20..b9 and five comments.
    expect(await first.runOnce()).toBe(false);
    expect(await second.runOnce()).toBe(false);
    await first.catchUp();
    const counts = ((await readModelRows(opened)) as Array<{ ticket_id: string; comment_count: number }>)
      .filter((row) => row.ticket_id.startsWith('b'))
      .map((row) => row.comment_count);
    expect(counts).toEqual(Array.from({ length: 10 }, () => 1));
  });
};

onBothStores('known rows (written rows carried, new keys not loaded)', 'clknown', specs);
