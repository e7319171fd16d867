import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { EVENT_TYPE_REGISTRY, PROJECTION_RUNNER, READ_MODELS } from '../../src/application/command-handling/tokens';
import type { EventTypeRegistry } from '../../src/application/ports/event-type-registry.port';
import { communityDecider } from '../../src/domain/community';
import { allProjections } from '../../src/infrastructure/procedures/procedures';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { TimeTravel, toJson } from '../../src/infrastructure/time-travel/time-travel';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { CommunityEntity } from '../../src/projections/communities/community.entity';
import { createTestApp } from '../support/test-aggregate/test-app';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(toJson(value)));
/** A stored row as the API serves it: the provenance columns as one `provenance` object (the provenance interceptor's shape). */
const served = ({ lastStream, lastStreamRevision, lastGlobalPosition, lastEventId, ...row }: Record<string, unknown>) =>
  plain({ ...row, provenance: { stream: lastStream, streamRevision: String(lastStreamRevision), globalPosition: String(lastGlobalPosition), eventId: lastEventId } });
const byKey = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [String(r['communityId']), served(r)]));

describe('audit time travel: state and read-model rows as of a position or a date', () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let auditor: string;
  let committee: string;
  let otherCommittee: string;
  let resident: string;
  /** What the service held when the history had only p events: the community's folded state and the communities read model. */
  const then = new Map<bigint, { state: unknown; rows: Record<string, unknown>; occurredAt: string }>();
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const created = await createTestApp();
    ({ app, storage } = created);
    auditor = await created.tokens.sign('auditor-1', ['auditor']);
    committee = await created.tokens.sign('clerk-1', ['villagers_committee@community:c-tt']);
    otherCommittee = await created.tokens.sign('clerk-2', ['villagers_committee@community:c-other']);
    resident = await created.tokens.sign('res-1', ['resident@community:c-tt']);
    const township = await created.tokens.sign('officer-1', ['township_government@township:t-1']);
    const registry = app.get<EventTypeRegistry>(EVENT_TYPE_REGISTRY);
    const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const readModels = app.get<DataSource>(READ_MODELS);
    const steps: [string, string, object][] = [
      ['/communities', township, { communityId: 'c-tt', kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1' }],
      ['/communities', township, { communityId: 'c-other', kind: 'village', name: '西河村', townshipRef: 't-1', districtRef: 'd-1' }],
      ['/communities/c-tt/committee-terms', committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31' }],
      ['/communities/c-tt/census-snapshots', committee, { snapshotId: 'census-2026a', effectiveFrom: '2026-01-01', adults: 100, households: 40 }],
      ['/communities/c-tt/persons', committee, { personRef: 'p-tt', name: '王小明' }],
      ['/communities/c-tt/census-snapshots', committee, { snapshotId: 'census-2026b', effectiveFrom: '2026-02-01', adults: 120, households: 44 }],
    ];
    for (const [i, [path, token, body]] of steps.entries()) {
      const occurredAt = `2026-0${i + 1}-10T09:00:00+08:00`;
      const accepted = (await http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send({ ...body, occurredAt }).expect(201)).body;
      await runner.catchUp();
      const events = (await storage.eventStore.readStream('community-c-tt')).map((e) => registry.upcast(e));
      const state = events.reduce((s, e) => communityDecider.evolve(s, e as never), communityDecider.initialState());
      then.set(BigInt(accepted.globalPosition), { state: plain(state), rows: byKey((await readModels.getRepository(CommunityEntity).find()) as never), occurredAt });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a stream's state as of position p equals its state when the history had p events", async () => {
    for (const [position, expected] of then) {
      const body = (await http().get(`/api/v1/audit/streams/community-c-tt/state?asOfPosition=${position}`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
      expect({ position, state: body.state }).toEqual({ position, state: expected.state });
    }
  });

  it('as of a date: the events that had occurred by then', async () => {
    for (const [, expected] of then) {
      const body = (await http().get(`/api/v1/audit/streams/community-c-tt/state`).query({ asOfDate: expected.occurredAt }).set('Authorization', `Bearer ${committee}`).expect(200)).body;
      expect(body.state).toEqual(expected.state);
    }
    const before = (await http().get('/api/v1/audit/streams/community-c-tt/state').query({ asOfDate: '2025-12-31T00:00:00+08:00' }).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(before).toMatchObject({ eventsFolded: 0, streamRevision: null, state: plain(communityDecider.initialState()) });
  });

  it("a read model's rows as of position p equal the rows it held when the history had p events", async () => {
    for (const [position, expected] of then) {
      const body = (await http().get(`/api/v1/audit/read-models/communities/rows?asOfPosition=${position}`).set('Authorization', `Bearer ${auditor}`).expect(200)).body;
      expect({ position, rows: Object.fromEntries(body.rows.map((r: { key: string; row: unknown }) => [r.key, r.row])) }).toEqual({ position, rows: expected.rows });
    }
  });

  it('is bounded: beyond AUDIT_TIME_TRAVEL_MAX_EVENTS the rebuild is refused with 422 AUDIT.TIME_TRAVEL_TOO_LONG', async () => {
    const small = new TimeTravel(storage.eventStore, app.get(EVENT_TYPE_REGISTRY), [], allProjections(), 2);
    const last = [...then.keys()].pop()!;
    const error = await small.readModelRows('communities', last).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, response: { code: 'AUDIT.TIME_TRAVEL_TOO_LONG' } });
    await expect(small.readModelRows('communities', [...then.keys()][0]!)).resolves.toMatchObject({ eventsRead: 1 });
  });

  it('checks roles and inputs: committees only for their own community, read models for global auditors', async () => {
    await http().get('/api/v1/audit/streams/community-c-tt/state?asOfPosition=1').set('Authorization', `Bearer ${otherCommittee}`).expect(403);
    await http().get('/api/v1/audit/streams/community-c-tt/state?asOfPosition=1').set('Authorization', `Bearer ${resident}`).expect(403);
    await http().get('/api/v1/audit/read-models/communities/rows?asOfPosition=1').set('Authorization', `Bearer ${committee}`).expect(403);
    expect((await http().get('/api/v1/audit/streams/community-c-tt/state').set('Authorization', `Bearer ${auditor}`).expect(400)).body.code).toBe('AUDIT.BAD_AS_OF');
    expect((await http().get('/api/v1/audit/streams/nothing-1/state?asOfPosition=1').set('Authorization', `Bearer ${auditor}`).expect(404)).body.code).toBe('AUDIT.NO_DECIDER');
    expect((await http().get('/api/v1/audit/read-models/nope/rows?asOfPosition=1').set('Authorization', `Bearer ${auditor}`).expect(404)).body.code).toBe('AUDIT.NO_SUCH_READ_MODEL');
    const person = (await http().get('/api/v1/audit/streams/person-p-tt/state?asOfPosition=999').set('Authorization', `Bearer ${committee}`).expect(200)).body;
    expect(person.state).toEqual({ status: 'registered', communityId: 'c-tt' });
  });
});
