import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { TransparencyLog } from '../../src/infrastructure/transparency/transparency-log';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { CONSULTATION, DECISION_MEETING, NOW, OTHER_VILLAGE, PUBLICATION_NOW, seedAuditHistory, TOWNSHIP, VILLAGE, WORK_LIST, type SeededTokens } from './audit-history';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAuditAssets } = require('../../bin/build-audit-assets') as { buildAuditAssets: () => void };

/**
 * The audit pages in a real browser: Debian's Chromium driven headless by playwright-core (no
 * browser download), against the app listening on 127.0.0.1 over the seeded history. Skips, and
 * says so, only when /usr/bin/chromium is absent (CI installs it: .ci/run).
 * UPDATE_SCREENSHOTS=1 rewrites docs/screenshots/*.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) process.stderr.write(`audit-pages.browser.e2e-spec: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does)\n`);
const describeInBrowser = hasChromium ? describe : describe.skip;

const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const updateScreenshots = process.env['UPDATE_SCREENSHOTS'] === '1';

let app: NestFastifyApplication;
let base: string;
let context: BrowserContext;
let userDataDir: string;
let seeded: SeededTokens;
const requests: string[] = [];
/** Person references and actor ids of the seeded history that public pages must never show. */
const PERSONAL = ['p-a', 'p-b', 'p-chair', 'p-sec', 'p-1', 'p-2', 'clerk-1', 'party-actor', 'officer-9', '暴雨损坏路灯', '意见分歧较大'];

const open = async (pathAndQuery: string, width = 1280): Promise<Page> => {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const response = await page.goto(`${base}${pathAndQuery}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  return page;
};

const bodyText = (page: Page) => page.locator('body').innerText();

const shoot = async (name: string, pathAndQuery: string): Promise<void> => {
  if (!updateScreenshots) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    const page = await open(pathAndQuery, width);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    await page.close();
  }
};

const verifyFirstRecord = async (page: Page): Promise<string> => {
  const block = page.locator('[data-proof-stream]').first();
  await block.locator('button.verify').click();
  await page.waitForFunction(() => document.querySelector('[data-proof-stream]')?.getAttribute('data-verdict') !== null, undefined, { timeout: 20_000 });
  return block.locator('.verify-result').innerText();
};

/** Clicks "核验公开证明包" of the record `stream` (default: the page's first record) and returns what its status line then says. */
const verifyPublicBundle = async (page: Page, stream?: string): Promise<string> => {
  const selector = stream === undefined ? '[data-proof-stream]' : `[data-proof-stream="${stream}"]`;
  const block = page.locator(selector).first();
  await block.locator('button.verify-bundle').click();
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-bundle-verdict') !== null, selector, { timeout: 20_000 });
  return block.locator('.verify-result').innerText();
};

beforeAll(async () => {
  if (!hasChromium) return;
  buildAuditAssets();
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  const storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { runInBackground: false } });
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  seeded = await seedAuditHistory(app);
  await app.get(TransparencyLog).publish();
  userDataDir = mkdtempSync(path.join(tmpdir(), 'civic-ledger-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (r) => requests.push(r.url()));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await app?.close();
  if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
});

describeInBrowser('audit pages in Chromium over the seeded history', () => {
  it("shows a township's communities at a glance: committee in place or missing", async () => {
    const page = await open(`/audit/townships/${TOWNSHIP}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator(`tr[data-community="${VILLAGE}"]`).innerText()).toContain('已在任');
    expect(await page.locator(`tr[data-community="${OTHER_VILLAGE}"]`).innerText()).toContain('未设立');
    expect(await page.locator('main h1').count()).toBe(1);
    await page.close();
    await shoot('township', `/audit/townships/${TOWNSHIP}`);
  });

  it('shows the public board: posted now with its posting period, the history, no personal data', async () => {
    const page = await open(`/audit/communities/${VILLAGE}`);
    const now = await page.locator('section[aria-labelledby="now"]').innerText();
    expect(now).toContain('2026年5月财务收支');
    expect(now).toContain('2026-06-02 – 2026-06-17');
    expect(await page.locator('section[aria-labelledby="hist"]').innerText()).toContain('2026年2月财务收支');
    expect(await page.locator(`#pub-${PUBLICATION_NOW} .proof-state.covered`).count()).toBe(1);
    const text = await bodyText(page);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    await page.close();
    await shoot('community', `/audit/communities/${VILLAGE}`);
  });

  it("shows a consultation's timeline in procedure order with deviation, meeting decision, publication; verifies it in the browser", async () => {
    const page = await open(`/audit/consultations/${CONSULTATION}`);
    const steps = await page.locator('ol.timeline > li h3').allInnerTexts();
    expect(steps[0]).toContain('OpinionsSolicited');
    expect(steps.length).toBeGreaterThan(10);
    // Procedure order: each step's occurredAt is on or after the one before; recorded time shown beside it.
    const occurred = await page.locator('ol.timeline > li time.occurred').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(occurred).toHaveLength(steps.length);
    expect([...occurred].sort()).toEqual(occurred);
    expect(await page.locator('.deviation').first().innerText()).toContain('NoticeLeadTime');
    expect(await page.locator('.decision a').first().getAttribute('href')).toBe(`/audit/meetings/${DECISION_MEETING}`);
    const text = await bodyText(page);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    expect(await verifyFirstRecord(page)).toMatch(/^验证通过/);
    await page.close();
    await shoot('consultation', `/audit/consultations/${CONSULTATION}`);
  });

  it("shows a meeting's record: notice, attendance against quorum, votes against the threshold", async () => {
    const page = await open(`/audit/meetings/${DECISION_MEETING}`);
    const text = await bodyText(page);
    expect(text).toContain('达到法定人数');
    expect(await page.locator('table.vote').innerText()).toMatch(/赞成\s+40/);
    expect(text).toContain('通过');
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    expect(await verifyFirstRecord(page)).toMatch(/^验证通过/);
    await page.close();
    await shoot('meeting', `/audit/meetings/${DECISION_MEETING}`);
  });

  it('says 验证失败 when the served proof does not match (a proof hash tampered in transit)', async () => {
    const page = await open(`/audit/meetings/${DECISION_MEETING}`);
    await page.route('**/api/v1/log/proofs/inclusion**', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { hashes: string[] };
      body.hashes[0] = Buffer.alloc(32, 7).toString('base64');
      await route.fulfill({ response, json: body });
    });
    expect(await verifyFirstRecord(page)).toMatch(/^验证失败/);
    expect(await page.locator('.verify-result.failed').count()).toBe(1);
    await page.close();
  });

  it('says 验证失败 when a leaf hash does not match (an event hash changed)', async () => {
    const page = await open(`/audit/consultations/${CONSULTATION}`);
    await page.route('**/api/v1/log/proofs/inclusion**', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { eventHash: string };
      body.eventHash = `${body.eventHash.slice(0, 63)}${body.eventHash.endsWith('0') ? '1' : '0'}`;
      await route.fulfill({ response, json: body });
    });
    expect(await verifyFirstRecord(page)).toMatch(/^验证失败/);
    await page.close();
  });

  /** Each public record kind, the page that shows it, and its proof block's stream `<kind>-<id>`. */
  const PUBLIC_RECORDS: readonly (readonly [kind: string, id: string, pagePath: string])[] = [
    ['consultation', CONSULTATION, `/audit/consultations/${CONSULTATION}`],
    ['meeting', DECISION_MEETING, `/audit/meetings/${DECISION_MEETING}`],
    ['publication', PUBLICATION_NOW, `/audit/communities/${VILLAGE}`],
    ['work-list-set', WORK_LIST, `/audit/work-lists/${WORK_LIST}?from=1&to=3`],
  ];

  it.each(PUBLIC_RECORDS)("offers the %s's public proof bundle (relative link) and verifies it in the browser: withheld fields counted, no personal data", async (kind, id, pagePath) => {
    const bundlePath = `/api/v1/log/bundles/${kind}/${id}/public`;
    const stream = `${kind}-${id}`;
    const page = await open(pagePath);
    const link = page.locator(`[data-proof-stream="${stream}"] a.bundle-download`);
    expect(await link.getAttribute('href')).toBe(bundlePath);
    const download = await page.request.get(`${base}${bundlePath}`);
    expect(download.status()).toBe(200);
    const bundle = JSON.parse(await download.text()) as { record: { kind: string; id: string; view: string } };
    expect(bundle.record).toMatchObject({ kind, id, view: 'public' });
    const result = await verifyPublicBundle(page, stream);
    expect(result).toMatch(/^公开证明包验证通过：\d+ 个事件.*；\d+ 个字段未公开/);
    expect(Number(/；(\d+) 个字段未公开/.exec(result)?.[1])).toBeGreaterThan(0);
    expect(await page.locator(`[data-proof-stream="${stream}"] .verify-result.verified`).count()).toBe(1);
    const text = await bodyText(page);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    await page.close();
  });

  it.each(PUBLIC_RECORDS.filter(([kind]) => kind !== 'consultation'))('says 验证失败 when one byte of a disclosed value in the %s public bundle is changed in transit', async (kind, id, pagePath) => {
    const page = await open(pagePath);
    let tampered = '';
    await page.route('**/api/v1/log/bundles/**/public', async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      // The first disclosed string value ({"salt":"…","value":"…"}): change its first character, JSON stays canonical.
      const at = /"salt":"[0-9a-f]{64}","value":"([A-Za-z0-9])/.exec(text);
      if (at === null) throw new Error('no disclosed string value in the public bundle');
      const i = at.index + at[0].length - 1;
      tampered = at[1]!;
      await route.fulfill({ response, body: `${text.slice(0, i)}${tampered === 'x' ? 'y' : 'x'}${text.slice(i + 1)}` });
    });
    const result = await verifyPublicBundle(page, `${kind}-${id}`);
    expect(tampered).not.toBe('');
    expect(result).toMatch(/^验证失败：.*does not hash to its hash/);
    expect(await page.locator('.verify-result.failed').count()).toBe(1);
    await page.close();
  });

  it('says in English that the public bundle verified, with ?lang=en', async () => {
    const page = await open(`/audit/consultations/${CONSULTATION}?lang=en`);
    expect(await page.locator('button.verify-bundle').innerText()).toBe('Verify the public proof bundle');
    expect(await verifyPublicBundle(page)).toMatch(/^Public proof bundle verified: its \d+ events .* \d+ fields withheld/);
    await page.close();
  });

  it('shows the work-item list in force, the diff of two versions and the burden trend as an inline SVG', async () => {
    const page = await open(`/audit/work-lists/${WORK_LIST}?from=1&to=3`);
    expect(await page.locator('#inforce').innerText()).toMatch(/现行版本 3/);
    const diff = await page.locator('section[aria-labelledby="diff"]').innerText();
    expect(diff).toContain('D-1');
    expect(await page.locator('figure.chart svg path').count()).toBeGreaterThan(0);
    await page.close();
    await shoot('work-list', `/audit/work-lists/${WORK_LIST}?from=1&to=3`);
  });

  it('shows the compliance view by rule ID with links to the events', async () => {
    const page = await open('/audit/compliance');
    const groups = await page.locator('section.rule-group').count();
    if (groups > 0) expect(await page.locator('a.event-link').first().getAttribute('href')).toMatch(/^\/audit\/consultations\/.+#ev-/);
    else expect(await bodyText(page)).toContain('没有发现违规');
    await page.close();
    await shoot('compliance', '/audit/compliance');
  });

  it('serves English with ?lang=en and keeps the language on links', async () => {
    const page = await open(`/audit/communities/${VILLAGE}?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('main h1').innerText()).toBe('Public board of 西山村');
    expect(await page.locator('header nav a').first().getAttribute('href')).toBe('/audit?lang=en');
    await page.close();
  });

  it('lets a committee member sign in with the API token (HttpOnly cookie, never in a URL) and then shows personal data', async () => {
    const page = await open('/audit/sign-in');
    await page.fill('#token', seeded.party);
    await Promise.all([page.waitForURL(`${base}/audit`), page.click('form.sign-in button')]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.goto(`${base}/audit/consultations/${CONSULTATION}`);
    expect(await bodyText(page)).toContain('暴雨损坏路灯');
    expect(page.url()).not.toContain(seeded.party.slice(0, 20));
    await page.click('header form.inline button');
    await page.goto(`${base}/audit/consultations/${CONSULTATION}`);
    expect(await bodyText(page)).not.toContain('暴雨损坏路灯');
    await page.close();
  });

  it('never requested anything outside 127.0.0.1 and never carried a token in a URL', () => {
    expect(requests.length).toBeGreaterThan(10);
    for (const url of requests) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(url).not.toContain(seeded.party.slice(0, 20));
    }
  });
});
