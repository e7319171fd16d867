/**
 * `npx ts-node --transpile-only bench/audit-community-page.ts [--years 10]`: the audit pages' time on
 * a community with years of history (issue 12 target: the community page under 200 ms server time
 * with 10 years). Seeds over HTTP in-process (embedded PGlite): a village with a monthly finance
 * publication and a quarterly villagers' meeting per year, signs a checkpoint, then times
 * GET /audit/communities/{id} (first page of the history), a later history page and the township
 * page, 20 times each after a warm-up, beside two same-run references (/health and the public board
 * as JSON from the API). One JSON line per figure on stdout.
 */
import { Command } from 'commander';
import request from 'supertest';
import { TokenService } from '../src/infrastructure/auth/token.service';
import { loadConfig } from '../src/infrastructure/config/app-config';
import { createApp } from '../src/infrastructure/nest/create-app';
import { createStorage } from '../src/infrastructure/storage/create-storage';
import { TransparencyLog } from '../src/infrastructure/transparency/transparency-log';
import { PROJECTION_RUNNER } from '../src/application/command-handling/tokens';
import type { ProjectionRunner } from '../src/projections/projection-runner';
import { percentile } from './lib/stats';

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const pad = (n: number) => String(n).padStart(2, '0');

const main = async (years: number, runs: number) => {
  const startYear = 2026;
  const NOW = new Date(`${startYear + years}-01-10T02:00:00Z`);
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: 'bench-secret-bench-secret-bench-secret!!', LOG_LEVEL: 'silent' });
  const storage = await createStorage({ dataDir: 'memory://' });
  const app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { runInBackground: false } });
  await app.init();
  const tokens = app.get(TokenService);
  const C = 'c-bench';
  const committee = await tokens.sign('clerk', [`villagers_committee@community:${C}`]);
  const township = await tokens.sign('officer', ['township_government@township:t-bench']);
  let posts = 0;
  const post = async (path: string, token: string, body: Record<string, unknown>) => {
    posts++;
    const res = await request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const at = (d: string, h = 10) => `${d}T${pad(h)}:00:00+08:00`;
  const seedStart = performance.now();
  await post('/communities', township, { communityId: C, kind: 'village', name: '长青村', townshipRef: 't-bench', districtRef: 'd-1', occurredAt: at(`${startYear}-01-01`, 9) });
  await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census', effectiveFrom: `${startYear}-01-01`, adults: 100, households: 40, occurredAt: at(`${startYear}-01-01`, 11) });
  await post('/supervision-policies/t-bench/versions', township, {
    effectiveFrom: `${startYear}-01-02`, nearRelativeRelations: ['spouse'], extendedExclusions: [], publicationReviewRequired: false,
    financeMonthlyCommunityIds: [C], majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority', occurredAt: at(`${startYear}-01-02`),
  });
  for (let y = startYear; y < startYear + years; y++) {
    for (let m = 1; m <= 12; m++) {
      const next = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
      const id = `pub-${y}-${pad(m)}`;
      await post(`/communities/${C}/publications`, committee, { publicationId: id, category: 'finance', periodFrom: `${y}-${pad(m)}-01`, periodTo: `${y}-${pad(m)}-28`, title: `${y}年${m}月财务收支`, documentHash: 'a'.repeat(64), channels: ['public_board'], occurredAt: at(`${next}-02`, 9) });
      await post(`/publications/${id}/postings`, committee, { postedFrom: `${next}-02`, postedUntil: `${next}-20`, occurredAt: at(`${next}-02`, 10) });
      if (m % 3 === 0) {
        const mid = `m-${y}-${m}`;
        await post(`/communities/${C}/meetings`, committee, { meetingId: mid, kind: 'villagers_meeting', scheduledFor: at(`${y}-${pad(m)}-20`, 9), occurredAt: at(`${y}-${pad(m)}-05`, 9) });
        await post(`/meetings/${mid}/agenda-items`, committee, { itemId: 'i', title: '季度村务', matterType: 'other', occurredAt: at(`${y}-${pad(m)}-06`, 9) });
        await post(`/meetings/${mid}/attendance`, committee, { present: 60, householdsRepresented: 0, occurredAt: at(`${y}-${pad(m)}-20`, 10) });
      }
    }
  }
  await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
  await app.get(TransparencyLog).publish();
  out({ figure: 'seed', years, commands: posts, seconds: Number(((performance.now() - seedStart) / 1000).toFixed(1)) });
  // Same-run references: the public board as JSON from the API (same read model), and /health.
  const pages = [
    ['health (reference)', '/health'],
    ['public-board JSON API (reference)', `/api/v1/communities/${C}/public-board`],
    ['community page 1', `/audit/communities/${C}`],
    ['community page 5', `/audit/communities/${C}?page=5`],
    ['township', '/audit/townships/t-bench'],
  ] as const;
  for (const [name, path] of pages) {
    for (let i = 0; i < 3; i++) await request(app.getHttpServer()).get(path).expect(200);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await request(app.getHttpServer()).get(path).expect(200);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out({ figure: name, path, runs, medianMs: Number(percentile(times, 50).toFixed(1)), p95Ms: Number(percentile(times, 95).toFixed(1)), maxMs: Number(times[times.length - 1]!.toFixed(1)) });
  }
  await app.close();
};

const cli = new Command().option('--years <n>', 'years of history', '10').option('--runs <n>', 'timed requests per page', '20');
cli.parse();
const opts = cli.opts<{ years: string; runs: string }>();
main(Number(opts.years), Number(opts.runs)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
