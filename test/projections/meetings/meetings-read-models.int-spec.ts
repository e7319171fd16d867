import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { handleCommand } from '../../../src/application/command-handling/handle-command';
import { communityDecider, CommunityEventSchema, toCommunityStreamId, type CommunityCommand } from '../../../src/domain/community';
import { meetingDecider, MeetingEventSchema, toMeetingStreamId, type MeetingCommand, type RosterFact } from '../../../src/domain/meeting';
import { createDataSource } from '../../../src/infrastructure/persistence/create-data-source';
import { createProjectionRunner } from '../../../src/infrastructure/persistence/create-projection-runner';
import { InMemoryEventTypeRegistry } from '../../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../../src/infrastructure/serialization/uuid-v7-id-generator';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { communitiesProjection } from '../../../src/projections/communities/communities.projections';
import { CommunityEntity } from '../../../src/projections/communities/community.entity';
import { DecisionRegisterEntity } from '../../../src/projections/meetings/decisions-register.entity';
import { MeetingCadenceEntity } from '../../../src/projections/meetings/meeting-cadence.entity';
import { MeetingRecordEntity } from '../../../src/projections/meetings/meeting-record.entity';
import { MeetingListEntity } from '../../../src/projections/meetings/meetings-list.entity';
import { MEETING_PROJECTIONS } from '../../../src/projections/meetings/meetings.projections';
import { MustConveneEntity } from '../../../src/projections/meetings/must-convene-obligations.entity';
import type { ProjectionRunner } from '../../../src/projections/projection-runner';
import { createTestDatabase, describePostgres } from '../../support/postgres';

const PROJECTIONS = [communitiesProjection, ...MEETING_PROJECTIONS];
const roster: RosterFact = { sourceId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, members: 0, representatives: 0, residentGroups: 0 };
const registry = new InMemoryEventTypeRegistry().registerSchema(CommunityEventSchema).registerSchema(MeetingEventSchema);

describePostgres('meeting read models on PostgreSQL (real runner)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let dataSource: DataSource;
  let runner: ProjectionRunner;

  const run = async (stream: string, type: string, data: Record<string, unknown>, occurredAt: string, roles: readonly string[] = ['villagers_committee@community:c-1']) => {
    const at = new Date(occurredAt);
    const deps = { eventStore: storage.eventStore, registry, clock: { now: () => new Date('2026-04-01T00:00:00Z') }, ids: uuidV7IdGenerator };
    const metadata = { now: new Date('2026-04-01T00:00:00Z'), occurredAt: at, actorId: 'clerk-1', actorRoles: roles };
    const id = randomUUID();
    const context = { commandId: id, correlationId: id, causationId: id };
    return stream.startsWith('community-')
      ? handleCommand(deps, communityDecider, stream, { type, data, metadata } as unknown as CommunityCommand, context)
      : handleCommand(deps, meetingDecider, stream, { type, data, metadata } as unknown as MeetingCommand, context);
  };

  /** A village, a petition reaching 1/10 (VM-2), a convened and held meeting, two votes at the VM-5 boundary, a VM-12 correction. */
  const history = async (meetingId: string) => {
    const c = toCommunityStreamId('c-1');
    const m = toMeetingStreamId(meetingId);
    await run(c, 'RegisterCommunity', { communityId: 'c-1', kind: 'village', name: 'East', townshipRef: 't-1', districtRef: 'd-1', timeZone: 'Asia/Shanghai' }, '2026-01-02T09:00:00+08:00');
    await run(c, 'RecordCensusSnapshot', { communityId: 'c-1', snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40 }, '2026-01-03T09:00:00+08:00');
    const base = { meetingId, communityId: 'c-1', communityKind: 'village', kind: 'villagers_meeting', roster, timeZone: 'Asia/Shanghai' };
    await run(m, 'PetitionToConvene', { ...base, petitionId: 'p-1', basis: 'adults', signerRefs: Array.from({ length: 10 }, (_, i) => `p${i}`) }, '2026-02-20T09:00:00+08:00');
    await run(m, 'ConveneMeeting', { ...base, scheduledFor: '2026-03-07T09:00:00+08:00' }, '2026-02-25T09:00:00+08:00');
    await run(m, 'AddAgendaItem', { meetingId, itemId: 'funds', title: 'Funds', matterType: 'collective_funds_use' }, '2026-02-26T09:00:00+08:00');
    await run(m, 'AddAgendaItem', { meetingId, itemId: 'road', title: 'Road', matterType: 'other' }, '2026-02-26T09:05:00+08:00');
    await run(m, 'RecordPartyPreDeliberation', { meetingId, itemId: 'funds', deliberatedOn: '2026-03-01', partyOrganisationRef: 'pb-1', minutesRef: 'min-1' }, '2026-03-01T09:00:00+08:00');
    await run(m, 'RecordAttendance', { meetingId, present: 60, observers: 2 }, '2026-03-07T09:30:00+08:00');
    await run(m, 'RecordVote', { meetingId, itemId: 'funds', yes: 31, no: 29, abstain: 0 }, '2026-03-07T10:00:00+08:00');
    await run(m, 'RecordVote', { meetingId, itemId: 'road', yes: 30, no: 30, abstain: 0 }, '2026-03-07T10:05:00+08:00');
    await run(m, 'CloseMeeting', { meetingId }, '2026-03-07T12:00:00+08:00');
    return run(m, 'OrderCorrection', { meetingId, itemId: 'funds', correctionId: 'corr-1', authorityRef: 'gov-t-1', reason: 'beyond the approved use' }, '2026-03-15T09:00:00+08:00', ['township_government@township:t-1']);
  };

  const snapshot = async () => ({
    communities: await dataSource.getRepository(CommunityEntity).find({ order: { communityId: 'ASC' } }),
    meetings: await dataSource.getRepository(MeetingListEntity).find({ order: { meetingId: 'ASC' } }),
    records: await dataSource.getRepository(MeetingRecordEntity).find({ order: { meetingId: 'ASC' } }),
    decisions: await dataSource.getRepository(DecisionRegisterEntity).find({ order: { decisionId: 'ASC' } }),
    obligations: await dataSource.getRepository(MustConveneEntity).find({ order: { meetingId: 'ASC' } }),
    cadence: await dataSource.getRepository(MeetingCadenceEntity).find({ order: { cadenceId: 'ASC' } }),
  });

  beforeEach(async () => {
    database = await createTestDatabase('clmeet');
    storage = await createStorage({ databaseUrl: database.url, dataDir: '' });
    dataSource = await createDataSource(storage.sql, PROJECTIONS.map((p) => p.entity));
    runner = createProjectionRunner(storage, dataSource, PROJECTIONS, { pollIntervalMs: 10 });
  });

  afterEach(async () => {
    await runner.stop();
    await dataSource.destroy();
    await storage.sql.close();
    await database.drop();
  });

  it('given a meeting history, then rows with provenance: corrected decision (VM-12), rejected item not registered (VM-5), obligation discharged (VM-2), cadence (VM-4)', async () => {
    const correction = await history('m-1');
    await runner.catchUp();
    const rows = await snapshot();
    expect(rows.communities).toEqual([expect.objectContaining({ communityId: 'c-1', kind: 'village', townshipRef: 't-1', censusEffectiveFrom: '2026-01-01', adults: 100 })]);
    expect(rows.meetings).toEqual([
      expect.objectContaining({ meetingId: 'm-1', status: 'closed', meetingDate: '2026-03-07', noticeDays: 10, present: 60, observers: 2, quorumMet: true, adopted: 1, rejected: 1, interventions: 1, mustConvene: false }),
    ]);
    expect(rows.decisions).toHaveLength(1);
    expect(rows.decisions[0]).toMatchObject({
      decisionId: 'm-1/funds', status: 'corrected', statusRule: 'VM-12', statusBy: 'township_government:gov-t-1', statusReason: 'beyond the approved use',
      lastStream: 'meeting-m-1', lastGlobalPosition: correction.positions[0]!.toString(), lastEventId: correction.eventIds[0],
    });
    expect(rows.decisions[0]!.history.map((h) => h.status)).toEqual(['in_force', 'corrected']);
    expect(rows.obligations).toEqual([expect.objectContaining({ meetingId: 'm-1', status: 'discharged', rule: 'VM-2', dischargedByMeetingOn: '2026-03-07', petitionIds: ['p-1'] })]);
    expect(rows.cadence).toEqual([expect.objectContaining({ cadenceId: 'c-1/villagers_meeting', rule: 'VM-4', heldOn: ['2026-03-07'], meetingIds: ['m-1'] })]);
    const items = rows.records[0]!.items;
    expect(items.map((i) => [i.itemId, i.decisionStatus])).toEqual([['funds', 'corrected'], ['road', null]]);
    expect(items[0]!.actions[0]).toMatchObject({ action: 'correction_ordered', attribution: { actor: 'clerk-1' } });
  });

  it('is idempotent: the same events handled twice give the same rows', async () => {
    await history('m-2');
    await runner.catchUp();
    const once = await snapshot();
    await storage.sql.query('UPDATE cl_projection_builds SET position = 0');
    await runner.catchUp();
    expect(await snapshot()).toEqual(once);
    expect(once.decisions).toHaveLength(1);
  });
});
