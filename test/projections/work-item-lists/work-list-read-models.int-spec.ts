import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { handleCommand } from '../../../src/application/command-handling/handle-command';
import type { Command, Decider, Event } from '../../../src/domain/shared';
import { WEEKENDS_ONLY } from '../../../src/domain/shared';
import {
  approvedChangeFact,
  assignmentDecider,
  changeRequestDecider,
  listVersionInForceOn,
  oversightDecider,
  toAssessmentStreamId,
  toAssignmentStreamId,
  toChangeRequestStreamId,
  toExemptionStreamId,
  toWorkListSetStreamId,
  workListSetDecider,
  WorkListEventSchema,
  type ChangeRequest,
  type WorkItem,
  type WorkListSet,
} from '../../../src/domain/work-item-lists';
import { createDataSource } from '../../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner } from '../../../src/infrastructure/persistence/create-projection-runner';
import { InMemoryEventTypeRegistry } from '../../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../../src/infrastructure/serialization/uuid-v7-id-generator';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import type { ProjectionRunner } from '../../../src/projections/projection-runner';
import { overdueOn } from '../../../src/projections/work-item-lists/change-requests.fold';
import { AssignmentEntity, ChangeRequestEntity, OversightEntity, WorkListSetEntity } from '../../../src/projections/work-item-lists/work-list.entities';
import { WORK_LIST_PROJECTIONS } from '../../../src/projections/work-item-lists/work-list.projections';
import { burdenTrend, listAsOf, listDiff } from '../../../src/projections/work-item-lists/work-list-views';
import { createTestDatabase, describePostgres } from '../../support/postgres';
import { recordingFeed } from '../support/projection-fixture';

const J = 'city-pj';
const APPROVER = [`list_approval_body@jurisdiction:${J}`];
const REVIEWER = [`list_review_body@jurisdiction:${J}`];
const DEPARTMENT = ['government_department@department:dept-h'];
const registry = new InMemoryEventTypeRegistry().registerSchema(WorkListEventSchema);
const item = (itemId: string, list: WorkItem['list'] = 'duty'): WorkItem => ({
  itemId, list, category: 'c', subcategory: 's', title: `t ${itemId}`, responsibleDepartment: 'dept-h', legalBasis: 'law', funding: { kind: 'commissioning_department', departmentRef: 'dept-h' },
});
const policy = { jurisdictionId: J, version: 1, effectiveFrom: '2026-01-01', reviewingBody: 'group', approvingBody: 'group', reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 10, decisionWorkingDays: 5 };

describePostgres('work-item list read models on PostgreSQL (real runner)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  /** The `metadata` option of every page the runner asked for, in order. */
  const asked: Array<false | undefined> = [];

  const run = async <S, C extends Command, E extends Event>(decider: Decider<S, C, E>, stream: string, type: string, data: Record<string, unknown>, day: string, roles: readonly string[]) => {
    const at = new Date(`${day}T10:00:00+08:00`);
    const deps = { eventStore: storage.eventStore, registry, clock: { now: () => new Date('2026-12-31T00:00:00Z') }, ids: uuidV7IdGenerator };
    const id = randomUUID();
    return handleCommand(deps, decider, stream, { type, data, metadata: { now: new Date('2026-12-31T00:00:00Z'), occurredAt: at, actorId: 'actor-1', actorRoles: roles } } as unknown as C, { commandId: id, correlationId: id, causationId: id });
  };
  const fold = async <S>(decider: Decider<S, Command, Event>, stream: string): Promise<S> =>
    (await storage.eventStore.readStream(stream)).reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data }), decider.initialState());
  const set = () => fold(workListSetDecider as unknown as Decider<WorkListSet, Command, Event>, toWorkListSetStreamId(J));

  /** One change through every step, then its publication. */
  const change = async (id: string, op: 'add' | 'remove', itemId: string, filed: string, effective: string) => {
    const current = (await set()).versions.at(-1)?.items[itemId] ?? null;
    const cr = toChangeRequestStreamId(id);
    await run(changeRequestDecider, cr, 'FileChangeRequest', { changeRequestId: id, jurisdictionId: J, departmentRef: 'dept-h', op, itemId, item: op === 'remove' ? null : item(itemId), reasons: 'r', proposedEffectiveFrom: effective, facts: { policy, calendar: WEEKENDS_ONLY, communityKind: 'urban_community', currentItem: current } }, filed, DEPARTMENT);
    await run(changeRequestDecider, cr, 'ConsultCommunities', { changeRequestId: id, communityIds: ['c-1'], facts: { registered: ['c-1'] } }, filed, REVIEWER);
    await run(changeRequestDecider, cr, 'AnswerConsultation', { changeRequestId: id, communityId: 'c-1', position: 'object', comments: '人手不足' }, filed, ['residents_committee@community:c-1']);
    await run(changeRequestDecider, cr, 'ReviewChangeRequest', { changeRequestId: id, recommendation: 'approve', reasons: 'ok' }, filed, REVIEWER);
    await run(changeRequestDecider, cr, 'ApproveChangeRequest', { changeRequestId: id, reasons: 'ok' }, filed, APPROVER);
    const fact = approvedChangeFact(await fold(changeRequestDecider as unknown as Decider<ChangeRequest, Command, Event>, cr));
    return run(workListSetDecider, toWorkListSetStreamId(J), 'PublishApprovedChange', { jurisdictionId: J, change: fact }, filed, APPROVER);
  };
  const assign = async (assignmentId: string, itemId: string, day: string) =>
    run(assignmentDecider, toAssignmentStreamId(assignmentId), 'AssignTask', {
      assignmentId, jurisdictionId: J, communityId: 'c-1', departmentRef: 'dept-h', itemId, taskCategory: null, title: 'task', exemptionId: null,
      facts: { listSet: { communityKind: 'urban_community', coveredAreaRefs: ['d-1'] }, community: { kind: 'urban_community', districtRef: 'd-1', timeZone: 'Asia/Shanghai' }, version: listVersionInForceOn(await set(), day), exemption: null },
    }, day, DEPARTMENT);

  const history = async () => {
    const s = toWorkListSetStreamId(J);
    await run(workListSetDecider, s, 'EstablishWorkListSet', { jurisdictionId: J, name: 'PJ', communityKind: 'urban_community', level: 'prefecture_city', coveredAreaRefs: ['d-1'] }, '2026-01-02', APPROVER);
    for (const it of [item('D-1'), item('D-2'), item('N-1', 'negative')]) {
      await run(workListSetDecider, s, 'ImportWorkItem', { jurisdictionId: J, importId: 'imp-1', sourceDocument: 'doc-2018', line: 2, item: it }, '2026-01-02', APPROVER);
    }
    const v1 = await run(workListSetDecider, s, 'PublishImportedList', { jurisdictionId: J, importId: 'imp-1', effectiveFrom: '2026-01-05', expectedItems: 3 }, '2026-01-02', APPROVER);
    await change('cr-1', 'remove', 'D-2', '2026-02-02', '2026-03-02');
    const v3 = await change('cr-2', 'add', 'D-3', '2026-04-01', '2026-05-04');
    await change('cr-3', 'add', 'D-4', '2026-05-04', '2026-06-01');
    await run(changeRequestDecider, toChangeRequestStreamId('cr-9'), 'FileChangeRequest', { changeRequestId: 'cr-9', jurisdictionId: J, departmentRef: 'dept-h', op: 'add', itemId: 'D-9', item: item('D-9'), reasons: 'r', proposedEffectiveFrom: '2026-08-03', facts: { policy, calendar: WEEKENDS_ONLY, communityKind: 'urban_community', currentItem: null } }, '2026-07-01', DEPARTMENT);
    const overdue = await run(changeRequestDecider, toChangeRequestStreamId('cr-9'), 'RecordDecisionOverdue', { changeRequestId: 'cr-9', today: '2026-07-10' }, '2026-07-10', ['watchdog']);
    await assign('as-1', 'D-2', '2026-02-20');
    const refused = await assign('as-2', 'D-2', '2026-03-03');
    await assign('as-3', 'N-1', '2026-03-03');
    await run(assignmentDecider, toAssignmentStreamId('as-1'), 'RefuseAssignment', { assignmentId: 'as-1', citedItemId: null, citedCategory: 'demolition', reason: '拆违', facts: { version: listVersionInForceOn(await set(), '2026-02-20'), community: { kind: 'urban_community', districtRef: 'd-1', timeZone: 'Asia/Shanghai' } } }, '2026-02-21', ['residents_committee@community:c-1']);
    await run(oversightDecider, toExemptionStreamId('ex-1'), 'InvokeEmergencyExemption', { exemptionId: 'ex-1', jurisdictionId: J, category: 'public_health', invokedByRef: 'dept-h', reasons: '疫情', startsOn: '2026-04-01', expiresOn: '2026-04-10', communityIds: [], facts: { registered: [] } }, '2026-04-01', DEPARTMENT);
    await run(oversightDecider, toAssessmentStreamId('asmt-1'), 'RecordSeparateAssessment', { assessmentId: 'asmt-1', jurisdictionId: J, departmentRef: 'dept-h', title: '排名', heldOn: '2026-04-15', communityIds: ['c-1'], itemIds: ['D-1'], version: listVersionInForceOn(await set(), '2026-04-15'), facts: { registered: ['c-1'] } }, '2026-04-20', ['residents_committee@community:c-1']);
    return { v1, v3, overdue, refused };
  };

  /** The shared server may hold back the gap-safe position while another session's transaction runs: wait until no lag. */
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      await runner.catchUp();
      if ((await runner.lag()).every((l) => Number(l.lag) === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const snapshot = async () => ({
    sets: await dataSource.getRepository(WorkListSetEntity).find(),
    requests: await dataSource.getRepository(ChangeRequestEntity).find({ order: { changeRequestId: 'ASC' } }),
    assignments: await dataSource.getRepository(AssignmentEntity).find({ order: { assignmentId: 'ASC' } }),
    oversight: await dataSource.getRepository(OversightEntity).find({ order: { recordId: 'ASC' } }),
  });

  beforeEach(async () => {
    database = await createTestDatabase('clwork');
    storage = await createStorage({ databaseUrl: database.url, dataDir: '' });
    dataSource = await createDataSource(storage.sql, WORK_LIST_PROJECTIONS.map((p) => p.entity));
    asked.length = 0;
    runner = createProjectionRunner({ sql: storage.sql, eventStore: recordingFeed(storage.eventStore, asked) }, dataSource, WORK_LIST_PROJECTIONS, { pollIntervalMs: 10 });
  });
  afterEach(async () => {
    await runner.stop();
    await dataSource.destroy();
    await storage.sql.close();
    await database.drop();
  });

  it('lists in force with the approval that added each item, as of any date, diff, regrowth after a reduction; queue, admissions, oversight, all with provenance', async () => {
    const { v1, v3, overdue, refused } = await history();
    await settle();
    const rows = await snapshot();
    expect(rows.sets).toHaveLength(1);
    const row = rows.sets[0]!;
    expect(row.versions.map((v) => [v.version, v.effectiveFrom, v.itemCount])).toEqual([[1, '2026-01-05', 3], [2, '2026-03-02', 2], [3, '2026-05-04', 3], [4, '2026-06-01', 4]]);
    expect(row.versions[0]!.provenance).toEqual({ stream: `work-list-set-${J}`, streamRevision: expect.any(String), globalPosition: v1.positions[0]!.toString(), eventId: v1.eventIds[0] });
    const feb = listAsOf(row, '2026-02-28')!;
    expect(feb.items.map((i) => i.itemId)).toEqual(['D-1', 'D-2', 'N-1']);
    expect(feb.items[0]!.addedBy).toMatchObject({ version: 1, source: { kind: 'import', importId: 'imp-1', sourceDocument: 'doc-2018' } });
    const may = listAsOf(row, '2026-05-04')!;
    expect(may.items.find((i) => i.itemId === 'D-3')!.addedBy).toMatchObject({ version: 3, source: { kind: 'change_request', changeRequestId: 'cr-2' }, provenance: { eventId: v3.eventIds[0] } });
    expect(listDiff(row, 1, 3)).toMatchObject({ added: [expect.objectContaining({ itemId: 'D-3' })], removed: [expect.objectContaining({ itemId: 'D-2' })], amended: [] });
    const trend = burdenTrend(row);
    expect(trend.points.map((p) => p.counts['duty'])).toEqual([2, 1, 2, 3]);
    expect(trend).toMatchObject({ grewBack: true, regrowth: [{ list: 'duty', reducedAtVersion: 2, before: 2, reducedTo: 1, grewBackAtVersion: 3, grewTo: 2, backToOrAboveBefore: true }] });

    expect(rows.requests.map((r) => [r.changeRequestId, r.status, r.publishedVersion])).toEqual([['cr-1', 'published', 2], ['cr-2', 'published', 3], ['cr-3', 'published', 4], ['cr-9', 'filed', null]]);
    expect(rows.requests[0]!.answers).toEqual([expect.objectContaining({ communityId: 'c-1', position: 'object', comments: '人手不足' })]);
    const cr9 = rows.requests[3]!;
    expect(cr9).toMatchObject({ decisionDueOn: '2026-07-08', overdueRecorded: { dueOn: '2026-07-08', detectedOn: '2026-07-10', provenance: expect.objectContaining({ eventId: overdue.eventIds[0], streamRevision: expect.stringMatching(/^\d+$/) }) }, lastEventId: overdue.eventIds[0] });
    expect(overdueOn(cr9, '2026-07-10')).toEqual({ overdue: true, daysLate: 2 });
    expect(overdueOn(rows.requests[0]!, '2026-07-10').overdue).toBe(false);

    expect(rows.assignments.map((a) => [a.assignmentId, a.outcome, a.reason, a.listVersion])).toEqual([['as-1', 'admitted', null, 1], ['as-2', 'refused', 'not_on_list', 2], ['as-3', 'refused', 'on_negative_list', 2]]);
    expect(rows.assignments[0]!.refusedByCommunity).toMatchObject({ citedCategory: 'demolition', rule: 'WL-3' });
    expect(rows.assignments[1]).toMatchObject({ rule: 'WL-3', lastGlobalPosition: refused.positions[0]!.toString(), lastStream: 'work-assignment-as-2' });
    expect(rows.oversight.map((o) => [o.recordId, o.kind])).toEqual([['assessment:asmt-1', 'separate_assessment'], ['exemption:ex-1', 'emergency_exemption']]);
    expect(rows.oversight[0]).toMatchObject({ rule: 'WL-4', itemIds: ['D-1'] });
  }, 120_000);

  it('is idempotent: the same events handled twice give the same rows', async () => {
    await history();
    await settle();
    const once = await snapshot();
    await storage.sql.query('UPDATE cl_projection_builds SET position = 0');
    await settle();
    expect(await snapshot()).toEqual(once);
  }, 120_000);

  // work-list-sets, work-assignments and work-list-oversight declare that their folds read no
  // metadata. Beside work-list-change-requests (which reads it) their pages carry it; rebuilt
  // alone, each reads pages without it and must come out the same.
  it('rebuilds each read model that reads no metadata alone, from pages without it, into the same rows', async () => {
    await history();
    await settle();
    const shared = await snapshot();
    // work-list-change-requests reads the metadata: some pages carried it.
    expect(asked.some((m) => m === undefined)).toBe(true);
    const alone = WORK_LIST_PROJECTIONS.filter((p) => p.metadata === false).map((p) => p.name);
    expect(alone).toEqual(['work-list-sets', 'work-assignments', 'work-list-oversight']);
    for (const name of alone) {
      asked.length = 0;
      const rebuilt = await runner.rebuild(name);
      expect(rebuilt).toMatchObject({ name, build: 1, status: 'active' });
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((m) => m === false)).toBe(true);
    }
    expect(await snapshot()).toEqual(shared);
  }, 120_000);
});
