import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { DeadlineWatchdog } from '../../src/application/watchdog/deadline-watchdog';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { communitiesProjection } from '../../src/projections/communities/communities.projections';
import { meetingCadenceProjection } from '../../src/projections/meetings/meetings.projections';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { bareEventIds } from '../support/provenance-shape';

/** A village registered in January 2026 that held no 村民会议 all year (VM-4); engine clock 2027-01-05. */
const NOW = new Date('2027-01-05T12:00:00+08:00');
const C = 'c-quiet-village';
const LATE = 'c-late-village';

let app: NestFastifyApplication;
let storage: Storage;

const at = (local: string): string => `${local}+08:00`;
const catchUp = () => app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', WATCHDOG_INTERVAL_SECONDS: '0' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { projections: [communitiesProjection, meetingCadenceProjection], runInBackground: false } });
  await app.init();
  const tokens = app.get(TokenService);
  const township = await tokens.sign('officer-9', ['township_government@township:t-1']);
  const committee = await tokens.sign('clerk-1', [`villagers_committee@community:${C}`]);
  const post = (path: string, token: string, body: object) => request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body).expect(201);
  await post('/communities', township, { communityId: C, kind: 'village', name: '静水村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2025-12-20T09:00') });
  // Recorded in the engine only from 2026-05-10: periods that began before are never judged.
  await post('/communities', township, { communityId: LATE, kind: 'village', name: '晚到村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-05-10T09:00') });
  await post(`/communities/${C}/committee-terms`, committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-06T09:00') });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('the watchdog over meeting cadence (VM-4 yearly 村民会议, VM-10 quarterly 村民代表会议)', () => {
  it('VM-4: records the missed 2026 villagers meeting exactly once, a rerun appends nothing, and the cadence view names the event', async () => {
    await catchUp();
    const watchdog = app.get(DeadlineWatchdog);
    const head = await storage.eventStore.headPosition();

    // On 2026-12-31 (local) the year is not over: only the three finished quarters are missed (VM-10).
    const early = await watchdog.run(new Date(at('2026-12-31T20:00')));
    expect(early.outcomes.filter((o) => o.name === 'meeting-cadence' && o.stream === `community-${LATE}`).map((o) => [o.data['meetingKind'], o.data['period'], o.result])).toEqual([
      ['village_representatives_meeting', '2026-Q3', 'recorded'],
    ]);
    expect(early.outcomes.filter((o) => o.name === 'meeting-cadence' && o.stream === `community-${C}`).map((o) => [o.data['meetingKind'], o.data['period'], o.result])).toEqual([
      ['village_representatives_meeting', '2026-Q1', 'recorded'],
      ['village_representatives_meeting', '2026-Q2', 'recorded'],
      ['village_representatives_meeting', '2026-Q3', 'recorded'],
    ]);

    const first = await watchdog.run(new Date(at('2027-01-05T09:00')));
    expect(first.outcomes.filter((o) => o.name === 'meeting-cadence' && o.stream === `community-${C}`).map((o) => [o.data['meetingKind'], o.data['period'], o.result])).toEqual([
      ['villagers_meeting', '2026', 'recorded'],
      ['village_representatives_meeting', '2026-Q1', 'already_recorded'],
      ['village_representatives_meeting', '2026-Q2', 'already_recorded'],
      ['village_representatives_meeting', '2026-Q3', 'already_recorded'],
      ['village_representatives_meeting', '2026-Q4', 'recorded'],
    ]);
    expect(first.outcomes.filter((o) => o.name === 'meeting-cadence' && o.stream === `community-${LATE}`).map((o) => [o.data['meetingKind'], o.data['period'], o.result])).toEqual([
      ['village_representatives_meeting', '2026-Q3', 'already_recorded'],
      ['village_representatives_meeting', '2026-Q4', 'recorded'],
    ]);
    expect(first.outcomes.find((o) => o.name === 'meeting-cadence' && o.stream === `community-${C}`)).toMatchObject({ stream: `community-${C}`, commandId: `watchdog:community-${C}:villagers_meeting:2026`, dueBy: '2026-12-31' });
    const appended = await storage.eventStore.readAll({ after: head });
    const villagers = appended.filter((e) => e.stream === `community-${C}` && (e.data as { meetingKind?: string }).meetingKind === 'villagers_meeting');
    expect(villagers.map((e) => [e.type, e.stream, e.metadata.actor, e.metadata.actorRoles])).toEqual([['MeetingCadenceMissed', `community-${C}`, 'system:watchdog', ['watchdog']]]);
    expect(villagers[0]?.data).toMatchObject({ communityId: C, period: '2026', rule: 'VM-4', dueBy: '2026-12-31', detectedOn: '2027-01-05' });
    expect(appended.filter((e) => e.stream === `community-${C}`).map((e) => e.type)).toEqual(Array(5).fill('MeetingCadenceMissed'));
    const eventId = villagers[0]!.eventId;

    // A rerun, before and after the read models caught up, appends nothing.
    const again = await watchdog.run(new Date(at('2027-01-05T09:00')));
    expect(again.outcomes.find((o) => o.stream === `community-${C}` && o.data['meetingKind'] === 'villagers_meeting')?.result).toBe('already_recorded');
    expect(again.recorded).toBe(0);
    await catchUp();
    const later = await watchdog.run(new Date(at('2027-01-05T11:00')));
    expect(later.outcomes.filter((o) => o.name === 'meeting-cadence')).toEqual([]);
    expect(await storage.eventStore.headPosition()).toBe(appended.at(-1)!.globalPosition);

    const cadence = await request(app.getHttpServer()).get(`/api/v1/communities/${C}/meeting-cadence?asOf=2027-01-05&from=2026-01-01`).expect(200);
    const yearly = cadence.body.kinds.find((k: { kind: string }) => k.kind === 'villagers_meeting');
    expect(yearly).toMatchObject({ rule: 'VM-4', overdue: true, missed: 1 });
    expect(yearly.recordedMisses).toEqual([{ period: '2026', rule: 'VM-4', dueBy: '2026-12-31', detectedOn: '2027-01-05', provenance: expect.objectContaining({ stream: 'community-c-quiet-village', eventId }) }]);
    expect(yearly.periods.find((p: { period: string }) => p.period === '2026')).toMatchObject({ status: 'missed', recordedBy: expect.objectContaining({ eventId, streamRevision: expect.stringMatching(/^\d+$/) }) });
    expect(bareEventIds(yearly)).toEqual([]);
    const quarterly = cadence.body.kinds.find((k: { kind: string }) => k.kind === 'village_representatives_meeting');
    expect(quarterly.recordedMisses.map((m: { period: string }) => m.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });
});
