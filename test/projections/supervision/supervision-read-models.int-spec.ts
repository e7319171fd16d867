import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { handleCommand } from '../../../src/application/command-handling/handle-command';
import { PublicationEventSchema, publicationDecider, toPublicationStreamId, type PublicationCommand } from '../../../src/domain/publication';
import { CIVIL_CODE_NEAR_RELATIVES, SupervisionEventSchema, supervisionDecider, toSupervisionStreamId, type SupervisionCommand } from '../../../src/domain/supervision';
import { createDataSource } from '../../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner } from '../../../src/infrastructure/persistence/create-projection-runner';
import { InMemoryEventTypeRegistry } from '../../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../../src/infrastructure/serialization/uuid-v7-id-generator';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import type { ProjectionRunner } from '../../../src/projections/projection-runner';
import { PublicationEntity } from '../../../src/projections/supervision/publication.entity';
import { SupervisionRosterEntity } from '../../../src/projections/supervision/supervision-roster.entity';
import { SUPERVISION_PROJECTIONS } from '../../../src/projections/supervision/supervision.projections';
import { createTestDatabase, describePostgres } from '../../support/postgres';
import { HASH } from '../../support/mothers/story';

const registry = new InMemoryEventTypeRegistry().registerSchema(SupervisionEventSchema).registerSchema(PublicationEventSchema);
const eligibility = { officeHolders: { recordId: 'oh-1', holders: [{ personRef: 'p-chair', post: 'committee_director' }] }, nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES, extendedExclusions: [] };

describePostgres('supervision read models on PostgreSQL (real runner)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let dataSource: DataSource;
  let runner: ProjectionRunner;

  const run = async (stream: string, type: string, data: Record<string, unknown>, occurredAt: string, roles: readonly string[] = ['villagers_committee@community:c-1']) => {
    const deps = { eventStore: storage.eventStore, registry, clock: { now: () => new Date('2026-04-01T00:00:00Z') }, ids: uuidV7IdGenerator };
    const metadata = { now: new Date('2026-04-01T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'clerk-1', actorRoles: roles };
    const id = randomUUID();
    const context = { commandId: id, correlationId: id, causationId: id };
    return stream.startsWith('publication-')
      ? handleCommand(deps, publicationDecider, stream, { type, data, metadata } as unknown as PublicationCommand, context)
      : handleCommand(deps, supervisionDecider, stream, { type, data, metadata } as unknown as SupervisionCommand, context);
  };

  const history = async () => {
    const s = toSupervisionStreamId('c-1');
    const members = [
      { personRef: 'p-a', role: 'director', competences: [], basis: 'villager' },
      { personRef: 'p-b', role: 'member', competences: ['finance'], basis: 'villager' },
      { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' },
    ];
    await run(s, 'ConstituteSupervisionCommittee', {
      communityId: 'c-1', committeeId: 'svc-1', termId: 'term-12', members, eligibility,
      community: { kind: 'village', terms: [{ termId: 'term-12', startsOn: '2026-01-01', endsOn: '2030-12-31' }] },
      decision: { meetingId: 'm-1', itemId: 'elect', communityId: 'c-1', meetingKind: 'villagers_meeting', adopted: true, status: 'in_force', decidedOn: '2026-01-25' },
    }, '2026-01-26T09:00:00+08:00');
    const kin = await run(s, 'DeclareKinship', { communityId: 'c-1', kinshipId: 'k-1', personRef: 'p-b', relativeRef: 'p-chair', relation: 'spouse', eligibility, timeZone: 'Asia/Shanghai' }, '2026-02-10T09:00:00+08:00');
    const p = toPublicationStreamId('pub-1');
    await run(p, 'DraftPublication', { publicationId: 'pub-1', communityId: 'c-1', category: 'finance', periodFrom: '2026-02-01', periodTo: '2026-02-28', title: 'Feb finance', documentHash: HASH('a'), channels: ['public_board'], covers: [], communityKind: 'village', reviewRequired: true, policyVersion: 1 }, '2026-03-02T09:00:00+08:00');
    await run(p, 'ReviewPublication', { publicationId: 'pub-1', decision: 'return', comments: 'add the road costs' }, '2026-03-03T09:00:00+08:00', ['supervision_committee@community:c-1']);
    await run(p, 'ReviseDraft', { publicationId: 'pub-1', title: 'Feb finance (detailed)', documentHash: HASH('b') }, '2026-03-04T09:00:00+08:00');
    await run(p, 'ReviewPublication', { publicationId: 'pub-1', decision: 'approve' }, '2026-03-04T10:00:00+08:00', ['supervision_committee@community:c-1']);
    const posted = await run(p, 'PostPublication', { publicationId: 'pub-1', postedFrom: '2026-03-05', postedUntil: '2026-03-20', timeZone: 'Asia/Shanghai' }, '2026-03-05T09:00:00+08:00');
    await run(p, 'RecordPublicationQuery', { publicationId: 'pub-1', queryId: 'q-1', residentRef: 'r-1', question: 'why?' }, '2026-03-06T09:00:00+08:00', ['resident@community:c-1']);
    const answered = await run(p, 'AnswerPublicationQuery', { publicationId: 'pub-1', queryId: 'q-1', answer: 'prices' }, '2026-03-07T09:00:00+08:00');
    return { kin, posted, answered };
  };

  const snapshot = async () => ({
    roster: await dataSource.getRepository(SupervisionRosterEntity).find({ order: { communityId: 'ASC' } }),
    publications: await dataSource.getRepository(PublicationEntity).find({ order: { publicationId: 'ASC' } }),
  });

  beforeEach(async () => {
    database = await createTestDatabase('clsup');
    storage = await createStorage({ databaseUrl: database.url, dataDir: '' });
    dataSource = await createDataSource(storage.sql, SUPERVISION_PROJECTIONS.map((p) => p.entity));
    runner = createProjectionRunner(storage, dataSource, SUPERVISION_PROJECTIONS, { pollIntervalMs: 10 });
  });

  afterEach(async () => {
    await runner.stop();
    await dataSource.destroy();
    await storage.sql.close();
    await database.drop();
  });

  it('given a committee, a later kinship and a reviewed, posted, queried publication, then rows with provenance on every entry', async () => {
    const { kin, posted, answered } = await history();
    await runner.catchUp();
    const { roster, publications } = await snapshot();
    expect(roster).toHaveLength(1);
    expect(roster[0]!.committees).toEqual([expect.objectContaining({ committeeId: 'svc-1', mandateEndsOn: '2030-12-31', electedBy: expect.objectContaining({ meetingId: 'm-1' }) })]);
    expect(roster[0]!.conflicts).toEqual([
      expect.objectContaining({ memberRef: 'p-b', rule: 'SV-3', status: 'open', provenance: { stream: 'supervision-c-1', streamRevision: '2', globalPosition: kin.positions[1]!.toString(), eventId: kin.eventIds[1] } }),
    ]);
    expect(roster[0]).toMatchObject({ lastStream: 'supervision-c-1', lastEventId: kin.eventIds[1] });
    const [pub] = publications;
    expect(pub).toMatchObject({ status: 'posted', review: 'approved', draftRevision: 2, title: 'Feb finance (detailed)', postedFrom: '2026-03-05', postingDays: 15, minimumPostingDays: 15, lastEventId: answered.eventIds[0] });
    expect(pub!.postedBy).toEqual({ stream: 'publication-pub-1', streamRevision: '4', globalPosition: posted.positions[0]!.toString(), eventId: posted.eventIds[0] });
    expect(pub!.reviews.map((r) => [r.decision, r.draftRevision])).toEqual([['returned', 1], ['approved', 2]]);
    expect(pub!.queries[0]).toMatchObject({ queryId: 'q-1', answer: 'prices', answeredBy: expect.objectContaining({ eventId: answered.eventIds[0] }) });
  });

  it('is idempotent: the same events handled twice give the same rows', async () => {
    await history();
    await runner.catchUp();
    const once = await snapshot();
    await storage.sql.query('UPDATE cl_projection_builds SET position = 0');
    await runner.catchUp();
    expect(await snapshot()).toEqual(once);
  });
});
