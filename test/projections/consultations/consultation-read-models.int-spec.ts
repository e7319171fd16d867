import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../../src/application/ports/event-store.port';
import type { ConsultationEvent } from '../../../src/domain/consultation';
import { CONSULTATION_PROJECTIONS } from '../../../src/projections/consultations/consultation.projections';
import { listViolations } from '../../../src/projections/procedure-compliance/procedure-compliance.checker';
import { procedureComplianceProjection } from '../../../src/projections/procedure-compliance/procedure-compliance.projection';
import type { AnyProjection } from '../../../src/projections/projection';
import { applyBatch } from '../../../src/projections/projection-writer';
import { tableModelOf } from '../../../src/projections/projection-table';
import { createDataSource } from '../../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner } from '../../../src/infrastructure/persistence/create-projection-runner';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { createTestDatabase, describePostgres } from '../../support/postgres';
import * as m from '../../domain/consultation.mother';

/** The consultation read models through the real runner on PostgreSQL: given events -> rows, and handled twice. */
const PROJECTIONS: AnyProjection[] = [...CONSULTATION_PROJECTIONS, procedureComplianceProjection];

const envelope = (event: ConsultationEvent, id: string): EventToAppend => {
  const occurredAt = (event.data as { occurredAt: string }).occurredAt;
  return {
    eventId: randomUUID(), type: event.type, schemaVersion: 1, data: { ...event.data, consultationId: id },
    metadata: { actor: 'actor-1', actorRoles: ['community_party_organisation@community:comm-1'], commandId: randomUUID(), correlationId: 'c', causationId: 'c', occurredAt, recordedAt: occurredAt },
  };
};

describePostgres('consultation read models on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let close: () => Promise<void>;
  let dataSource: Awaited<ReturnType<typeof createDataSource>>;

  beforeAll(async () => {
    database = await createTestDatabase('clcons');
    storage = await createStorage({ databaseUrl: database.url, dataDir: '' });
    dataSource = await createDataSource(storage.sql, PROJECTIONS.map((p) => p.entity));
    const runner = createProjectionRunner(storage, dataSource, PROJECTIONS, { batchSize: 7, pollIntervalMs: 10 });
    close = async () => {
      await runner.stop();
      await dataSource.destroy();
      await storage.sql.close();
      await database.drop();
    };
    // A compliant history (opinion -> implementation -> publication -> feedback) and one with the notice skipped.
    await storage.eventStore.appendToStream('consultation-good', m.untilFeedback.map((e) => envelope(e, 'good')), { expectedRevision: 'no_stream' });
    const faulty = [m.solicited, m.topic, m.determined, m.held].map((e) => envelope(e, 'faulty'));
    await storage.eventStore.appendToStream('consultation-faulty', faulty, { expectedRevision: 'no_stream' });
    await runner.catchUp();
  }, 60_000);
  afterAll(async () => close());

  const rows = async (table: string): Promise<Record<string, unknown>[]> =>
    (await storage.sql.query(`SELECT * FROM ${table} ORDER BY consultation_id`)).rows as Record<string, unknown>[];

  it('lists each consultation with its filter columns, due dates and provenance of the last event', async () => {
    const [faulty, good] = await rows('consultations');
    const goodStream = await storage.eventStore.readStream('consultation-good');
    const last = goodStream[goodStream.length - 1]!;
    expect(good).toMatchObject({
      consultation_id: 'good', community_id: 'comm-1', township_id: 't-1', status: 'settled', content_class: 'public_affairs', outcome: 'opinion',
      result_publication_due: '2026-03-31', result_published: true, implementation_published: true, implementation_percent: 100,
      last_stream: 'consultation-good', last_stream_revision: last.streamRevision.toString(), last_event_id: last.eventId,
    });
    expect(faulty).toMatchObject({ consultation_id: 'faulty', status: 'preparing', current_step: 'ConsultationHeld' });
  });

  it('keeps a timeline entry per event, each with its provenance, and a public view without personRefs', async () => {
    const [, good] = await rows('consultation_timelines');
    const stream = await storage.eventStore.readStream('consultation-good');
    const entries = good!['entries'] as { step: string; provenance: { eventId: string; globalPosition: string } }[];
    expect(entries.map((e) => [e.step, e.provenance.eventId, e.provenance.globalPosition])).toEqual(stream.map((e) => [e.type, e.eventId, e.globalPosition.toString()]));
    const [, publicView] = await rows('consultation_public_views');
    expect(publicView).toMatchObject({ status: 'settled', participants_by_category: { registered_resident: 2, property_service_company: 1 } });
    expect(JSON.stringify(publicView)).not.toMatch(/"p-[123]"|actor-1/);
  });

  it('records the violations the independent checker finds in the raw events (CS-5), with rule ids for ?ruleId=', async () => {
    const compliance = await rows('procedure_compliance');
    const faultyEvents = await storage.eventStore.readStream('consultation-faulty');
    const expected = listViolations(faultyEvents);
    expect(expected).toEqual([expect.objectContaining({ rule: 'CS-5', code: 'CONSULTATION.STEP_OUT_OF_ORDER', eventIds: [faultyEvents[3]!.eventId] })]);
    expect(compliance.map((r) => [r['consultation_id'], r['violations'], r['rule_ids'], r['violation_count']])).toEqual([
      ['faulty', expected.map((v) => ({ ...v, eventIds: [...v.eventIds] })), ['CS-5'], 1],
      ['good', [], [], 0],
    ]);
    const byRule = await storage.sql.query(`SELECT consultation_id FROM procedure_compliance WHERE jsonb_exists(rule_ids, $1)`, ['CS-5']);
    expect(byRule.rows).toEqual([{ consultation_id: 'faulty' }]);
  });

  it('is idempotent: the same events handled twice change no row', async () => {
    const before = await Promise.all(['consultations', 'consultation_timelines', 'consultation_public_views', 'procedure_compliance'].map(rows));
    const events = await storage.eventStore.readAll({ after: 0n, limit: 1000 });
    for (const projection of PROJECTIONS) {
      const model = tableModelOf(dataSource, projection);
      const table = (await storage.sql.query(`SELECT table_name FROM cl_projection_builds WHERE name = $1 AND status = 'active'`, [projection.name])).rows[0] as { table_name: string };
      const outcome = await storage.sql.transaction((tx) => applyBatch(tx, projection, model, table.table_name, events));
      expect(outcome).toEqual({ upserted: 0, deleted: 0, checkpointMoved: false });
    }
    const after = await Promise.all(['consultations', 'consultation_timelines', 'consultation_public_views', 'procedure_compliance'].map(rows));
    expect(after).toEqual(before);
  });
});
