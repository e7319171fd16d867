import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { DeadlineWatchdog, type WatchdogRun } from '../../src/application/watchdog/deadline-watchdog';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { HASH } from '../support/mothers/story';

/**
 * "Running it as of a past date finds exactly what was due then" (issue 11, docs/watchdog.md).
 * One village with misses planted across meetings, publication and supervision, the whole history
 * recorded first (including steps done late, after D1), then the watchdog run as of D1, again as
 * of D1, and as of D2. Engine clock: 2027-01-10 13:00 (Asia/Shanghai).
 */
const NOW = new Date('2027-01-10T13:00:00+08:00');
const D1 = new Date('2026-05-05T12:00:00+08:00');
const D2 = new Date('2027-01-10T12:00:00+08:00');
const C = 'c-as-of';
const M = 'm-elect';
const PET = 'm-petitioned';
const at = (local: string): string => `${local}+08:00`;

let app: NestFastifyApplication;
let storage: Storage;
const catchUp = () => app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', WATCHDOG_INTERVAL_SECONDS: '0', MUST_CONVENE_WITHIN_DAYS: '30' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { runInBackground: false } });
  await app.init();
  const { TokenService: Tokens } = await import('../../src/infrastructure/auth/token.service');
  const tokens = app.get(Tokens);
  const committee = await tokens.sign('clerk-1', [`villagers_committee@community:${C}`]);
  const township = await tokens.sign('officer-9', ['township_government@township:t-as-of']);
  const supervisor = await tokens.sign('p-a', [`supervision_committee@community:${C}`]);
  const post = (path: string, token: string, body: Record<string, unknown>) =>
    request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body).expect((res) => {
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    });

  // The township classes the village 财务往来较多 (monthly finance, PD-2) for the first half of 2026 only.
  const policy = { nearRelativeRelations: ['spouse', 'parent', 'child', 'sibling'], extendedExclusions: [], publicationReviewRequired: false, majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority' };
  await post('/supervision-policies/t-as-of/versions', township, { ...policy, effectiveFrom: '2026-01-01', financeMonthlyCommunityIds: [C], occurredAt: at('2025-12-20T09:00') });
  await post('/communities', township, { communityId: C, kind: 'village', name: '往日村', townshipRef: 't-as-of', districtRef: 'd-1', occurredAt: at('2026-01-01T09:00') });
  await post(`/communities/${C}/committee-terms`, committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-01T10:00') });
  await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-01T11:00') });
  await post(`/communities/${C}/office-holders`, committee, { termId: 'term-12', recordId: 'oh-1', effectiveFrom: '2026-01-01', holders: [{ personRef: 'p-chair', post: 'committee_director' }], occurredAt: at('2026-01-01T12:00') });

  // The 2026 villagers meeting (VM-4 met) elects the supervision committee.
  await post(`/communities/${C}/meetings`, committee, { meetingId: M, kind: 'villagers_meeting', scheduledFor: at('2026-01-25T09:00:00'), occurredAt: at('2026-01-10T09:00') });
  await post(`/meetings/${M}/agenda-items`, committee, { itemId: 'elect', title: '推选村务监督委员会', matterType: 'other', occurredAt: at('2026-01-11T09:00') });
  await post(`/meetings/${M}/attendance`, committee, { present: 60, householdsRepresented: 0, occurredAt: at('2026-01-25T09:30') });
  await post(`/meetings/${M}/votes`, committee, { itemId: 'elect', yes: 45, no: 10, abstain: 5, occurredAt: at('2026-01-25T10:00') });
  const members = [
    { personRef: 'p-a', role: 'director', competences: [], basis: 'villager' },
    { personRef: 'p-b', role: 'member', competences: ['finance'], basis: 'villager' },
    { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' },
  ];
  await post(`/communities/${C}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: M, itemId: 'elect' }, occurredAt: at('2026-01-26T09:00') });

  // VM-2: 10 of 100 adults petition on 2026-03-01 (convene by 2026-03-31); notice is given only on 2026-05-10, after D1.
  await post(`/meetings/${PET}/petitions`, committee, { communityId: C, kind: 'villagers_meeting', petitionId: 'p-1', basis: 'adults', signerRefs: Array.from({ length: 10 }, (_, i) => `person-${i + 1}`), occurredAt: at('2026-03-01T10:00') });
  await post(`/communities/${C}/meetings`, committee, { meetingId: PET, kind: 'villagers_meeting', scheduledFor: at('2026-05-25T09:00:00'), occurredAt: at('2026-05-10T09:00') });

  // SV-12: rect-1 due 2026-04-30, reported late on 2026-05-10 (after D1); rect-2 due 2026-06-30, never reported.
  await post(`/communities/${C}/findings`, supervisor, { findingId: 'find-1', domain: 'construction_projects', title: '工程款超合同支付', documentHash: HASH('9'), occurredAt: at('2026-04-01T09:00') });
  await post(`/communities/${C}/rectifications`, supervisor, { rectificationId: 'rect-1', findingId: 'find-1', requirement: '追回超付款项', dueBy: '2026-04-30', occurredAt: at('2026-04-01T10:00') });
  await post(`/communities/${C}/rectifications`, supervisor, { rectificationId: 'rect-2', findingId: 'find-1', requirement: '完善合同管理', dueBy: '2026-06-30', occurredAt: at('2026-04-01T11:00') });
  await post(`/communities/${C}/rectifications/rect-1/report`, committee, { reportHash: HASH('b'), occurredAt: at('2026-05-10T09:00') });

  // From 2026-07-01 finance is quarterly again (adopted in June, never retroactive).
  await post('/supervision-policies/t-as-of/versions', township, { ...policy, effectiveFrom: '2026-07-01', financeMonthlyCommunityIds: [], occurredAt: at('2026-06-20T09:00') });
  await catchUp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const GENERAL = ['meeting_decisions', 'funds_and_materials', 'government_assistance', 'consultation_results', 'other_affairs'];
const mine = (run: WatchdogRun) => run.outcomes.filter((o) => o.stream.endsWith(C) || o.stream === `meeting-${PET}` || o.stream === `meeting-${M}`);
const ids = (run: WatchdogRun, result?: string) => mine(run).filter((o) => result === undefined || o.result === result).map((o) => o.commandId).sort();

/** The planted misses due by the local date of D1 (2026-05-05): every due date before it. */
const DUE_BY_D1 = [
  `watchdog:community-${C}:village_representatives_meeting:2026-Q1`,
  `watchdog:meeting-${PET}:must-convene:2026-03-31`,
  `watchdog:supervision-${C}:rectification:rect-1:2026-04-30`,
  `watchdog:supervision-${C}:decision:${M}/elect:2026-03-31`,
  ...GENERAL.map((c) => `watchdog:supervision-${C}:${c}:2026-Q1:2026-03-31`),
  // Finance monthly under the policy in force in those months.
  `watchdog:supervision-${C}:finance:2026-01:2026-01-31`,
  `watchdog:supervision-${C}:finance:2026-02:2026-02-28`,
  `watchdog:supervision-${C}:finance:2026-03:2026-03-31`,
  `watchdog:supervision-${C}:finance:2026-04:2026-04-30`,
].sort();

/** Newly due by D2 (2027-01-10). */
const NEW_BY_D2 = [
  ...['2026-Q2', '2026-Q3', '2026-Q4'].map((q) => `watchdog:community-${C}:village_representatives_meeting:${q}`),
  `watchdog:supervision-${C}:rectification:rect-2:2026-06-30`,
  `watchdog:supervision-${C}:appraisal:2026-12-31`,
  ...GENERAL.flatMap((c) => [`${c}:2026-Q2:2026-06-30`, `${c}:2026-Q3:2026-09-30`, `${c}:2026-Q4:2026-12-31`].map((k) => `watchdog:supervision-${C}:${k}`)),
  // Monthly for May and June (policy v1), quarterly from July (policy v2): never today's policy for a past period.
  `watchdog:supervision-${C}:finance:2026-05:2026-05-31`,
  `watchdog:supervision-${C}:finance:2026-06:2026-06-30`,
  `watchdog:supervision-${C}:finance:2026-Q3:2026-09-30`,
  `watchdog:supervision-${C}:finance:2026-Q4:2026-12-31`,
].sort();

describe('the watchdog as of a past date (issue 11)', () => {
  it('as of D1 records exactly what was due then, even where a step was done late after D1; a rerun appends nothing; as of D2 adds exactly the newly due', async () => {
    const watchdog = app.get(DeadlineWatchdog);
    const head = await storage.eventStore.headPosition();

    const first = await watchdog.run(D1);
    expect(ids(first)).toEqual(DUE_BY_D1);
    expect(ids(first, 'recorded')).toEqual(DUE_BY_D1);
    expect(mine(first).every((o) => o.dueBy < '2026-05-05')).toBe(true);
    const appended = await storage.eventStore.readAll({ after: head });
    expect(appended).toHaveLength(DUE_BY_D1.length);
    expect(appended.every((e) => e.metadata.actor === 'system:watchdog' && e.metadata.occurredAt === D1.toISOString())).toBe(true);
    expect(new Set(appended.map((e) => e.type))).toEqual(new Set(['MeetingCadenceMissed', 'MustConveneNotHonoured', 'RectificationOverdue', 'PublicationObligationMissed', 'PublicationCadenceMissed']));

    // Rerun, before and after the read models caught up: nothing appended.
    const again = await watchdog.run(D1);
    expect(again.recorded).toBe(0);
    await catchUp();
    const settled = await watchdog.run(D1);
    expect(ids(settled)).toEqual([]);
    const afterD1 = await storage.eventStore.headPosition();
    expect(afterD1).toBe(appended.at(-1)!.globalPosition);

    const second = await watchdog.run(D2);
    expect(ids(second, 'recorded')).toEqual(NEW_BY_D2);
    expect(ids(second)).toEqual(NEW_BY_D2);
    await catchUp();
    expect((await watchdog.run(D2)).recorded).toBe(0);
    expect(ids(await watchdog.run(D2))).toEqual([]);
  }, 120_000);

  it('the read models show the recorded misses', async () => {
    const { TokenService: Tokens } = await import('../../src/infrastructure/auth/token.service');
    const supervisor = await app.get(Tokens).sign('p-a', [`supervision_committee@community:${C}`]);
    const get = (path: string) => request(app.getHttpServer()).get(`/api/v1${path}`).set('Authorization', `Bearer ${supervisor}`);
    const book = await get(`/communities/${C}/casebook?asOf=2027-01-10`).expect(200);
    expect(book.body.rectifications.map((r: { rectificationId: string; overdueRecordedBy: { stream: string } | null }) => [r.rectificationId, r.overdueRecordedBy?.stream])).toEqual([
      ['rect-1', `supervision-${C}`], ['rect-2', `supervision-${C}`],
    ]);
    const appraisals = await get(`/communities/${C}/appraisals`).expect(200);
    expect(appraisals.body.missedYears).toEqual([expect.objectContaining({ year: '2026', dueBy: '2026-12-31' })]);
    const obligations = await request(app.getHttpServer()).get(`/api/v1/communities/${C}/must-convene-obligations?status=discharged`).expect(200);
    expect(obligations.body.items).toEqual([expect.objectContaining({ meetingId: PET, missed: expect.objectContaining({ dueBy: '2026-03-31' }) })]);
  });
});
