import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STORAGE } from '../../src/application/command-handling/tokens';
import { runReport } from '../../src/infrastructure/cli/commands/run-report';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { toBase64 } from '../../src/transparency/bytes';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { PLANTED, eventIdOf, seedHistory } from './report-history.mother';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const ORIGIN = 'reports.test/log';
const NOW = new Date('2026-06-30T02:00:00Z');

let app: NestFastifyApplication;
let storage: Storage;
const tokens: Record<string, string> = {};
const api = (path: string) => `/api/v1${path}`;
const get = (path: string, who: string) => request(app.getHttpServer()).get(api(path)).set('Authorization', `Bearer ${tokens[who]}`);
const getBytes = (path: string, who: string) =>
  get(path, who).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const checkpoint = async (): Promise<string> => (await request(app.getHttpServer()).post(api('/log/checkpoints')).set('Authorization', `Bearer ${tokens.auditor}`).expect(201)).body.treeSize as string;
const append = async (history: ReturnType<typeof seedHistory>): Promise<void> => {
  for (const [stream, events] of history) await storage.eventStore.appendToStream(stream, events, { expectedRevision: 'any' });
};

type ComplianceRow = { procedure: string; rule: string; code: string; communityId: string; subject: string; eventIds: string };
const compliance = (body: { sections: { name: string; rows: ComplianceRow[] }[] }): ComplianceRow[] => body.sections.find((s) => s.name === 'compliance')!.rows;
const planted = (rows: ComplianceRow[]) => rows.map(({ procedure, rule, code, communityId, subject }) => ({ procedure, rule, code, communityId, subject }));
const byKey = <T extends { rule: string; code: string; subject: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => `${a.rule}${a.code}${a.subject}`.localeCompare(`${b.rule}${b.code}${b.subject}`));

let firstSize: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', LOG_SIGNING_KEY: toBase64(SEED), LOG_ORIGIN: ORIGIN, LOG_CHECKPOINT_INTERVAL_SECONDS: '0' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { runInBackground: false } });
  await app.init();
  const { TokenService } = await import('../../src/infrastructure/auth/token.service');
  const t = app.get(TokenService);
  tokens.auditor = await t.sign('aud-1', ['auditor']);
  tokens.resident = await t.sign('res-1', ['resident@community:v-1']);
  tokens.township1 = await t.sign('off-1', ['township_government@township:t-1']);
  tokens.supervisionV1 = await t.sign('sup-1', ['supervision_committee@community:v-1']);
  expect(app.get(STORAGE)).toBe(storage);
  await append(seedHistory());
  firstSize = await checkpoint();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('compliance reports from the event log', () => {
  it('the compliance report lists exactly the planted violations, each with the event that shows it', async () => {
    const res = await get('/reports/compliance?to=2026-06-30', 'auditor').expect(200).expect('Content-Type', /application\/json/);
    expect(res.body.header).toMatchObject({ report: 'compliance', origin: ORIGIN, treeSize: firstSize, signed: true, asOf: '2026-06-30' });
    expect(res.body.header.rootHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const rows = compliance(res.body);
    expect(byKey(planted(rows))).toEqual(byKey(PLANTED));
    const evidence = (code: string) => rows.find((r) => r.code === code)!.eventIds.split(' ');
    expect(evidence('CorrectionOrdered')).toEqual([eventIdOf('correction')]);
    expect(evidence('WORK_LIST.DECISION_LATE')).toEqual([eventIdOf('late-approval')]);
    expect(evidence('CONSULTATION.NO_FEEDBACK')).toEqual([eventIdOf('c-3:ConsultationClosed')]);
    expect(evidence('CONSULTATION.CORRECTION_NOT_ALLOWED')).toEqual([eventIdOf('late-correction')]);
  });

  it('the other sections aggregate per community: meetings, supervision, work lists, consultations, publication', async () => {
    const res = await get('/reports/all?to=2026-06-30', 'auditor').expect(200);
    const section = (name: string) => (res.body.sections as { name: string; rows: Record<string, unknown>[] }[]).find((s) => s.name === name)!.rows;
    expect(section('meetings')).toEqual([
      expect.objectContaining({ communityId: 'u-3', meetingKind: 'residents_meeting', held: 1, quorumMet: 1, adopted: 1, revokedByCourt: 1, corrected: 0 }),
      expect.objectContaining({ communityId: 'v-1', meetingKind: 'villagers_meeting', held: 1, quorumMet: 1, adopted: 1, corrected: 1 }),
      expect.objectContaining({ communityId: 'v-2', meetingKind: 'village_representatives_meeting', cadenceMissed: 1, held: 0 }),
      expect.objectContaining({ communityId: 'v-2', meetingKind: 'villagers_meeting', held: 1, quorumNotMet: 1 }),
    ]);
    expect(section('supervision')).toEqual([
      expect.objectContaining({ communityId: 'u-3', committeeInPlace: 'no' }),
      expect.objectContaining({
        communityId: 'v-1', committeeInPlace: 'yes', committeeId: 'sc-1', conflictsRecorded: 1, conflictsOpen: 1, inquiriesRaised: 2, inquiriesOpen: 1, inquiriesOverdue: 1,
        rectificationsOpen: 1, rectificationsOverdue: 1, appraisals: 1, competent: 1, incompetent: 1,
      }),
      expect.objectContaining({ communityId: 'v-2', committeeInPlace: 'no', committeeId: '', conflictsRecorded: 0 }),
    ]);
    expect(section('work-list-changes')).toEqual([
      expect.objectContaining({ jurisdictionId: 'j-1', filed: 3, approved: 1, rejected: 1, pending: 1, pendingOverdue: 1, decidedLate: 1, overdueRecorded: 1, meanDecisionDays: 23, maxDecisionDays: 36, meanAllowedDays: 31 }),
    ]);
    expect(section('work-list-admissions')).toEqual([expect.objectContaining({ departmentRef: 'dept-a', assignments: 3, admitted: 2, refused: 1, refusedNotOnList: 1, refusedByCommunity: 1, refusalShare: 0.3333 })]);
    expect(section('work-list-burden').map((r) => [r.version, r.itemCount, r.change])).toEqual([[1, 3, 3], [2, 4, 1]]);
    expect(section('consultations')).toEqual([
      expect.objectContaining({ communityId: 'u-3', opened: 1, closed: 1, implementationCompleted: 1, implementedShare: 1, feedbackGiven: 0, meanFeedbackDays: '' }),
      expect.objectContaining({ communityId: 'v-1', opened: 1, closed: 1, implementedShare: 1, feedbackGiven: 1, meanFeedbackDays: 13 }),
    ]);
    const publication = section('publication');
    expect(publication.find((r) => r.communityId === 'v-1' && r.category === 'finance' && r.period === '2026-Q1')).toMatchObject({ status: 'met', postings: 1, firstPostedOn: '2026-02-05', missRecorded: 'no' });
    expect(publication.find((r) => r.communityId === 'v-2' && r.category === 'finance' && r.period === '2026-Q1')).toMatchObject({ status: 'missed', postings: 0, missRecorded: 'yes' });
    expect(publication.filter((r) => r.communityId === 'u-3')).toEqual([]); // urban cadence: none without a locality policy
  });

  it('scope and dates filter: township t-2 sees only u-3; --from after the events sees nothing', async () => {
    const t2 = compliance((await get('/reports/compliance?township=t-2&to=2026-06-30', 'auditor').expect(200)).body);
    // u-3's own violations, and those of the list set that governs its county (no community).
    expect(planted(t2).map((r) => [r.communityId, r.code])).toEqual([['u-3', 'CONSULTATION.NO_FEEDBACK'], ['u-3', 'DecisionRevokedByCourt'], ['', 'ChangeRequestDecisionOverdue'], ['', 'WORK_LIST.DECISION_LATE']]);
    const late = compliance((await get('/reports/compliance?from=2026-05-01&to=2026-06-30', 'auditor').expect(200)).body);
    expect(late).toEqual([]);
  });

  it('the same checkpoint gives byte-identical JSON and CSV whatever was appended since', async () => {
    const json1 = (await getBytes(`/reports/compliance?at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    const csv1 = (await getBytes(`/reports/compliance?format=csv&at=${firstSize}`, 'auditor').expect(200).expect('Content-Type', /text\/csv/)).body as Buffer;
    const latest1 = (await getBytes('/reports/compliance', 'auditor').expect(200)).body as Buffer;
    expect(latest1.equals(json1)).toBe(true);
    // More history: a new missed cadence in v-1, then a newer checkpoint.
    const [, [missed]] = seedHistory().find(([, events]) => events[0]!.type === 'MeetingCadenceMissed')!;
    await append([['community-v-1', [{ ...missed!, data: { ...missed!.data, communityId: 'v-1' } }]]]);
    const secondSize = await checkpoint();
    expect(BigInt(secondSize)).toBeGreaterThan(BigInt(firstSize));
    const json2 = (await getBytes(`/reports/compliance?at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    const csv2 = (await getBytes(`/reports/compliance?format=csv&at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    expect(json2.equals(json1)).toBe(true);
    expect(csv2.equals(csv1)).toBe(true);
    expect(csv1.toString('utf8')).toContain(`# treeSize: ${firstSize}\r\n`);
    const latest = JSON.parse((await getBytes('/reports/compliance?to=2026-06-30', 'auditor').expect(200)).body.toString('utf8'));
    expect(latest.header.treeSize).toBe(secondSize);
    expect(compliance(latest).filter((r) => r.code === 'MeetingCadenceMissed').map((r) => r.communityId)).toEqual(['v-1', 'v-2']);
  });

  it('role checks: a resident is refused; a supervision committee reads its own community only; a township its own township', async () => {
    await get('/reports/compliance?community=v-1', 'resident').expect(403);
    await get('/reports/compliance?community=v-2', 'supervisionV1').expect(403);
    await get('/reports/compliance', 'supervisionV1').expect(403);
    const own = compliance((await get('/reports/compliance?community=v-1&to=2026-06-30', 'supervisionV1').expect(200)).body);
    expect(new Set(own.map((r) => r.communityId))).toEqual(new Set(['v-1', ''])); // '': the county's list set
    await get('/reports/compliance?township=t-1', 'township1').expect(200);
    await get('/reports/compliance?community=v-2', 'township1').expect(200);
    await get('/reports/compliance?township=t-2', 'township1').expect(403);
    const bad = await get('/reports/nonsense?from=2026-13-01', 'auditor').expect(400);
    expect(bad.body.code).toBe('VALIDATION.INVALID_INPUT');
    await get('/reports/all?format=csv', 'auditor').expect(400);
    await get('/reports/compliance?at=999999', 'auditor').expect(409);
  });

  it('XLSX over HTTP: one sheet per section with Chinese headers and English in the second row', async () => {
    const res = await getBytes(`/reports/all?format=xlsx&at=${firstSize}`, 'auditor').expect(200).expect('Content-Type', /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '程序合规', '公开及时性', '会议', '监督', '清单变更审批', '事项准入', '清单事项趋势', '协商']);
    const sheet = wb.getWorksheet('程序合规')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('规则编号');
    expect(sheet.getRow(2).getCell(2).value).toBe('rule ID');
    expect(sheet.rowCount).toBe(2 + PLANTED.length);
  });

  it('bounded memory: spilled in runs of one row (the CLI), the report is byte for byte the in-memory one, and the runs are removed, also when writing fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-report-spill-'));
    const runs = join(dir, 'runs');
    mkdirSync(runs);
    const env = { LOG_SIGNING_KEY: toBase64(SEED), LOG_ORIGIN: ORIGIN, DATA_DIR: 'memory://', REPORT_TMP_DIR: runs };
    const http = (await getBytes(`/reports/all?at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    await runReport('all', { format: 'json', out: join(dir, 'all.json'), at: firstSize, progress: false, runRows: 1 }, env, storage);
    expect(readFileSync(join(dir, 'all.json')).equals(http)).toBe(true);
    expect(JSON.parse(http.toString('utf8')).sections.find((s: { name: string }) => s.name === 'compliance').rows).toHaveLength(PLANTED.length);
    await runReport('compliance', { format: 'csv', out: join(dir, 'c.csv'), at: firstSize, progress: false, runRows: 2 }, env, storage);
    const csv = (await getBytes(`/reports/compliance?format=csv&at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    expect(readFileSync(join(dir, 'c.csv')).equals(csv)).toBe(true);
    expect(readdirSync(runs)).toEqual([]);
    await expect(runReport('all', { format: 'json', out: join(dir, 'no-such-dir', 'x.json'), at: firstSize, progress: false, runRows: 1 }, env, storage)).rejects.toThrow();
    expect(readdirSync(runs)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('CLI: csv of one section to a file, csv of all to a directory, xlsx read back with exceljs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-report-'));
    const env = { LOG_SIGNING_KEY: toBase64(SEED), LOG_ORIGIN: ORIGIN, DATA_DIR: 'memory://' };
    await runReport('compliance', { format: 'csv', out: join(dir, 'c.csv'), at: firstSize, progress: false }, env, storage);
    const http = (await getBytes(`/reports/compliance?format=csv&at=${firstSize}`, 'auditor').expect(200)).body as Buffer;
    expect(readFileSync(join(dir, 'c.csv')).equals(http)).toBe(true);
    await runReport('all', { format: 'csv', out: join(dir, 'all'), at: firstSize, progress: false }, env, storage);
    expect(readdirSync(join(dir, 'all')).sort()).toEqual(['compliance.csv', 'consultations.csv', 'meetings.csv', 'publication.csv', 'supervision.csv', 'work-list-admissions.csv', 'work-list-burden.csv', 'work-list-changes.csv']);
    expect(readFileSync(join(dir, 'all', 'meetings.csv'), 'utf8').split('\r\n')[11]).toBe('communityId,townshipRef,districtRef,meetingKind,petitions,petitionsObliging,convened,held,quorumMet,quorumNotMet,adopted,rejected,corrected,revokedByCourt,overruled,cadenceMissed,lastHeldOn');
    await runReport('supervision', { format: 'xlsx', out: join(dir, 's.xlsx'), township: 't-1', progress: false }, env, storage);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 's.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '监督']);
    expect(wb.getWorksheet('监督')!.getRow(1).values).toEqual(expect.arrayContaining(['村（社区）', '监督委员会在任', '整改逾期', '不称职']));
    expect(wb.created.toISOString()).toBe(wb.modified.toISOString());
    await expect(runReport('compliance', { format: 'pdf', progress: false }, env, storage)).rejects.toMatchObject({ fields: [{ field: 'format' }] });
  });
});
