import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CommandBus } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WorkListFacts } from '../../src/application/work-item-lists/work-list-facts';
import { latestVersion } from '../../src/domain/work-item-lists';
import { runImport } from '../../src/infrastructure/cli/commands/run-work-lists';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { importWorkList } from '../../src/infrastructure/work-list-import/import-work-list';
import { COLUMNS, readRows } from '../../src/infrastructure/work-list-import/read-rows';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const SAMPLE = join(__dirname, '../../samples/work-items/district-sample.csv');
const HEADER = COLUMNS.join(',');

describe('work-list import: readers', () => {
  it('reads the sample: 7 categories, 39 subcategories, 183 items, with line numbers past the header comment', async () => {
    const rows = await readRows(SAMPLE, 'csv');
    expect(rows).toHaveLength(183);
    expect(new Set(rows.map((r) => r.values['category'])).size).toBe(7);
    expect(new Set(rows.map((r) => `${r.values['category']}/${r.values['subcategory']}`)).size).toBe(39);
    expect(rows[0]).toMatchObject({ line: 5, values: { itemId: 'XLT-01-01-01', list: 'duty' } });
  });

  it('reads XLSX (first sheet, header row) and JSON ({ items } with nested funding)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cl-import-'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('清单');
    sheet.addRow([...COLUMNS]);
    sheet.addRow(['A-1', 'assistance', '社会保障', '养老', '高龄津贴初审', 'dept-ca', '《老年人权益保障法》', 'commissioning_department', 'dept-ca']);
    await workbook.xlsx.writeFile(join(dir, 'list.xlsx'));
    expect(await readRows(join(dir, 'list.xlsx'), 'xlsx')).toEqual([{ line: 2, values: expect.objectContaining({ itemId: 'A-1', fundingDepartment: 'dept-ca' }) }]);
    await writeFile(join(dir, 'list.json'), JSON.stringify({ items: [{ itemId: 'D-1', list: 'duty', category: 'c', subcategory: 's', title: 't', responsibleDepartment: 'd', legalBasis: '', funding: { kind: 'unfunded', departmentRef: '' } }] }));
    expect(await readRows(join(dir, 'list.json'), 'json')).toEqual([{ line: 1, values: expect.objectContaining({ itemId: 'D-1', fundingKind: 'unfunded' }) }]);
  });
});

describe('work-list import: dry run and real run', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    app = await createApp({ config, storage: await createStorage({ dataDir: 'memory://' }), projections: { projections: [], runInBackground: false } });
    await app.init();
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  it("refuses --community-kind outside the registry's kinds (the lists' old 'urban') before opening the store", async () => {
    await expect(runImport(SAMPLE, { format: 'csv', jurisdiction: 'j-kind', source: 'doc', effectiveFrom: '2026-12-01', actor: 'a', communityKind: 'urban', covered: 'd-1' }, {}))
      .rejects.toThrow('--community-kind: urban_community, village');
  });

  it('a dry run reports every bad row (line, column, reason: shape, WL-1, duplicates) and imports nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cl-import-'));
    const file = join(dir, 'bad.csv');
    await writeFile(file, `# comment\n${HEADER}\nA-1,assistance,c,s,t,dept-a,,commissioning_department,dept-a\nA-1,dutyx,c,s,,dept-a,x,unfunded,\nA-2,duty,c,s,t,dept-a,x,unfunded,\n`);
    const lines: string[] = [];
    const report = await runImport(file, { format: 'csv', jurisdiction: 'j-1', source: 'doc', effectiveFrom: '2026-12-01', actor: 'a', dryRun: true }, {}, (l) => lines.push(l));
    expect(report.problems).toEqual([
      { line: 3, column: 'legalBasis', reason: expect.stringContaining('WL-1') },
      { line: 4, column: 'list', reason: expect.any(String) },
      { line: 4, column: 'title', reason: 'must not be empty' },
      { line: 4, column: 'itemId', reason: 'duplicate of line 3' },
    ]);
    expect(lines[0]).toBe('line 3, column legalBasis: WL-1: an assistance item needs a legal basis (a law or regulation citation)');
    expect(report).toMatchObject({ appended: 0, published: null });
    const good = await importWorkList(app.get(CommandBus), app.get(WorkListFacts), (await readRows(SAMPLE, 'csv')).slice(0, 3), { jurisdictionId: 'j-dry', sourceDocument: 'doc', effectiveFrom: '2026-12-01', actorId: 'a', actorRoles: ['list_approval_body@jurisdiction:j-dry'], dryRun: true, occurredAt: new Date() });
    expect(good).toMatchObject({ problems: [], appended: 0, published: null });
    expect((await app.get(WorkListFacts).listSet('j-dry')).established).toBeNull();
  });

  it('a real run interrupted after 5 items resumes without duplicates and publishes one version with every item, attributed to the importer', async () => {
    const rows = (await readRows(SAMPLE, 'csv')).slice(0, 12);
    const options = {
      jurisdictionId: 'district-xlt', sourceDocument: '兴隆台区社区工作事项清单（示例）', effectiveFrom: '2026-12-01', actorId: 'importer-1',
      actorRoles: ['list_approval_body@jurisdiction:district-xlt'], dryRun: false, occurredAt: new Date(),
      establish: { name: '兴隆台区', communityKind: 'urban_community' as const, level: 'district' as const, coveredAreaRefs: ['d-xlt'], levelDeviationReason: '市授权区制定清单' },
    };
    await expect(importWorkList(app.get(CommandBus), app.get(WorkListFacts), rows, options, (done) => {
      if (done === 5) throw new Error('interrupted');
    })).rejects.toThrow('interrupted');
    expect(latestVersion(await app.get(WorkListFacts).listSet('district-xlt'))).toBeUndefined();
    const resumed = await importWorkList(app.get(CommandBus), app.get(WorkListFacts), rows, options);
    expect(resumed).toMatchObject({ appended: 7, alreadyImported: 5, problems: [] });
    const set = await app.get(WorkListFacts).listSet('district-xlt');
    expect(set.versions).toHaveLength(1);
    expect(Object.keys(latestVersion(set)!.items)).toHaveLength(12);
    const again = await importWorkList(app.get(CommandBus), app.get(WorkListFacts), rows, options);
    expect(again).toMatchObject({ appended: 0, alreadyImported: 12, published: { duplicate: true } });
    const { EVENT_STORE } = await import('../../src/application/command-handling/tokens');
    const events = await app.get<{ readStream: (s: string) => Promise<readonly { type: string; metadata: { actor: string }; data: { sourceDocument?: string } }[]> }>(EVENT_STORE).readStream('work-list-set-district-xlt');
    const imported = events.filter((e) => e.type === 'WorkItemImported');
    expect(imported).toHaveLength(12);
    expect(imported.every((e) => e.metadata.actor === 'importer-1' && e.data.sourceDocument === '兴隆台区社区工作事项清单（示例）')).toBe(true);
  }, 120_000);
});
