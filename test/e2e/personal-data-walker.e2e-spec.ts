import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { personStory, registryStory, representationStory } from '../support/mothers/community.story';
import { consultationStory, localityPolicyStory, referredConsultationStory } from '../support/mothers/consultation.story';
import { logStory } from '../support/mothers/log.story';
import { representativeMeetingStory, villagersMeetingStory } from '../support/mothers/meeting.story';
import { complaintStory, publicationStory } from '../support/mothers/publication.story';
import { Kept, type Step } from '../support/mothers/story';
import { casebookStory, committeeStory, expenditureStory, supervisionPolicyStory } from '../support/mothers/supervision.story';
import { JURISDICTION, workListStory } from '../support/mothers/work-list.story';
import { openApiExamples, type Document, type Schema } from '../support/openapi-examples';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { everyRole } from '../support/tokens';

/**
 * Public views carry no personal data (issue 7, docs/architecture.md "Faults and public views").
 * Every procedure's story (test/support/mothers/*.story.ts) is played over HTTP, each step in an order
 * in which it is accepted, and in every step every free-text and reference field carries planted
 * personal data (a mainland mobile number, a resident ID number, a Chinese name), so the planted data
 * is stored through every write route. Then every public GET (no token) is read, and no planted marker
 * may appear in any answer. Fields that are published content by nature (a title, a published summary,
 * a community's name, ...) are named below and get no marker. A field the server refuses (400) falls
 * back: person-reference fields refuse phone and ID shapes, so they fall back to a name, then to a
 * marker reference (`pii-ref-<the story's ref>`, so the steps still refer to one another), which must
 * not appear publicly either; the person registry's phone and ID number take the phone and ID markers
 * alone. A write route no story reaches is tried with its example body and counts as unreached.
 */
const PHONE = '13900001111';
const ID_NUMBER = '220102198001011234';
const NAME = '王秀英';
const REF = 'pii-ref-';
const MARKERS = [PHONE, ID_NUMBER, NAME, REF];
/** The share of write routes the stories must reach (accepted with planted data); the walk fails below it. */
const MIN_WRITE_COVERAGE = 0.95;

/** Published content by nature: shown to the public on purpose (the issue's "a title, a published opinion"). */
const PUBLISHED = /^(title|name|reviewingBody|approvingBody|summary|milestone|catalogueEntry|contentClass|category|subcategory|responsibleDepartment|channel|channels|form|field|commissioner|legalBasis|extraConsultationForms|matterType|level|rule|departmentRef|jurisdictionId|covers|step|kind|position|timeZone)$/;


/** Every procedure's story, played in the order of their dates (steps without a date last, in story order). */
const STORIES: readonly Step[] = [
  ...registryStory(), ...localityPolicyStory(), ...supervisionPolicyStory(), ...workListStory(), ...personStory(),
  ...villagersMeetingStory(), ...representationStory(), ...representativeMeetingStory(),
  ...committeeStory(), ...casebookStory(), ...expenditureStory(), ...publicationStory(), ...complaintStory(),
  ...consultationStory(), ...referredConsultationStory(), ...logStory(),
];
const dateOf = (step: Step): number => {
  const occurredAt = typeof step.body === 'function' ? undefined : step.body['occurredAt'];
  return typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.POSITIVE_INFINITY;
};
const chronological = STORIES.map((step, i) => ({ step, i })).sort((a, b) => dateOf(a.step) - dateOf(b.step) || a.i - b.i).map(({ step }) => step);

let app: NestFastifyApplication;
let token: string;
let document: Document;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  app = await createApp({ config, storage: await createStorage({ dataDir: 'memory://' }), projections: { runInBackground: false } });
  await app.init();
  token = await app.get(TokenService).sign('walker', everyRole());
  document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as Document;
}, 90_000);
afterAll(async () => {
  await app?.close();
});

type Planted = { path: string; level: number };
/**
 * What a planted field holds at each fallback level: all three markers, then a name, a phone number
 * alone, an ID number alone (a field that must hold one), then a marker reference, then the example.
 */
const valueAt = (level: number, original: unknown): unknown =>
  [`${NAME} ${PHONE} ${ID_NUMBER}`, NAME, PHONE, ID_NUMBER, `${REF}${typeof original === 'string' ? original.replace(/[^A-Za-z0-9-]/g, '') || 'x' : 'x'}`][level] ?? original;

/**
 * References to places, bodies and documents, not persons (the redaction policy's person references
 * are `personRef` and plural `…Refs`; a cadre and a relative are persons too): they must keep linking
 * the records together.
 */
const PLACE_REFERENCE = /^((?!(personRef|cadreRef|relativeRef|residentRef|signerRef|memberRef|complainantRef|appellantRef|officeHolderRef|invokedByRef)$)[a-zA-Z]+Ref|coveredAreaRefs|code)$/;

const isPlantable = (key: string, schema: Schema, value: unknown): boolean =>
  !PUBLISHED.test(key) && !PLACE_REFERENCE.test(key) && !/(Id|Ids|At|On|From|Until|To|Hash|Due|Date)$/.test(key) && schema.enum === undefined &&
  schema.format === undefined && typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value);

/** The example body with the step's fields over it (`undefined` drops one). */
const merged = (example: unknown, fields: Readonly<Record<string, unknown>>): unknown => {
  const out: Record<string, unknown> = example !== null && typeof example === 'object' && !Array.isArray(example) ? { ...(example as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete out[key]; else out[key] = value;
  return out;
};

it('plants personal data through every write route and finds none of it in any public GET', async () => {
  const server = app.getHttpServer();
  const { resolve, example, exampleUrl } = openApiExamples(document);
  const writes = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m]) => ['post', 'put', 'patch'].includes(m)).map(([method, op]) => ({ path, method, op })));
  const publicGets = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m, op]) => m === 'get' && JSON.stringify(op['x-roles'] ?? []).includes('public') && !path.endsWith('/stream')).map(([, op]) => ({ path, op })));
  const schemaOf = (path: string) => document.paths[path]?.['post']?.requestBody?.content?.['application/json']?.schema;

  /** The body with markers in every plantable string (never in a kept value), and the paths planted. */
  const plantedBody = (raw: Schema | undefined, body: unknown, levels: Map<string, number>): { body: unknown; planted: Planted[] } => {
    const planted: Planted[] = [];
    const walk = (schemaRaw: Schema | undefined, value: unknown, path: string, key: string): unknown => {
      if (value instanceof Kept) return value.value;
      const schema = resolve(schemaRaw);
      if (Array.isArray(value)) return value.map((item, i) => walk(schema.items, item, `${path}[${i}]`, key));
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(schema.properties?.[k], v, path === '' ? k : `${path}.${k}`, k)]));
      }
      if (!isPlantable(key, schema, value)) return value;
      const level = levels.get(path.replace(/\[\d+\]/g, '[]')) ?? 0;
      planted.push({ path, level });
      return valueAt(level, value);
    };
    return { body: walk(raw, body, '', ''), planted };
  };

  const accepted = new Set<string>();
  const refusals = new Map<string, string>();
  const plantedFields = new Set<string>();
  /** Fields that refused every marker and kept their example (shown, so a gap in planting is visible). */
  const unplanted = new Set<string>();
  /** Fallback levels per route and field (`[]` for any index), learnt from the server's 400s. */
  const levelsByRoute = new Map<string, Map<string, number>>();
  const failedSteps: string[] = [];
  const play = async (path: string, url: string, fields: Readonly<Record<string, unknown>> | undefined): Promise<void> => {
    const route = `POST ${path}`;
    const schema = schemaOf(path);
    const levels = levelsByRoute.get(route) ?? new Map<string, number>();
    levelsByRoute.set(route, levels);
    const extra = new Map<string, undefined>();
    for (let attempt = 0; attempt < 8; attempt++) {
      const { body, planted } = plantedBody(schema, merged(merged(example(schema), fields ?? {}), Object.fromEntries(extra)), levels);
      const response = await request(server).post(url).set('Authorization', `Bearer ${token}`).send(body as object);
      if (response.status < 300) {
        accepted.add(route);
        refusals.delete(route);
        for (const p of planted) if (p.level < 5) plantedFields.add(`${path} ${p.path}`); else unplanted.add(`${path} ${p.path}`);
        return;
      }
      const refusal = `${response.status} ${String(response.body.code)} ${String(response.body.detail).slice(0, 100)} ${JSON.stringify(response.body.errors ?? []).slice(0, 160)}`;
      if (!accepted.has(route)) refusals.set(route, refusal);
      if (response.status !== 400 || attempt === 7) {
        if (fields !== undefined) failedSteps.push(`  ${url}: ${refusal}`);
        return;
      }
      // A field the server refused (a person reference shaped like a phone number) falls back one level;
      // an example field the server says does not belong here is dropped.
      const errors = (response.body.errors ?? []) as { field: string; message: string }[];
      const hit = planted.filter((p) => errors.some(({ field: f }) => p.path === f || p.path.startsWith(`${f}[`) || p.path.startsWith(`${f}.`) || f.startsWith(`${p.path}[`) || f.startsWith(`${p.path}.`)));
      for (const p of hit) levels.set(p.path.replace(/\[\d+\]/g, '[]'), p.level + 1);
      let dropped = false;
      for (const e of errors) if (/only for|should not exist/.test(e.message) && !extra.has(e.field)) { extra.set(e.field, undefined); dropped = true; }
      if (hit.length === 0 && !dropped) {
        if (fields !== undefined) failedSteps.push(`  ${url}: ${refusal}`);
        return;
      }
    }
  };

  for (const step of chronological) {
    const url = step.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(step.params[name] ?? 'x-1'));
    const fields = typeof step.body === 'function' ? await step.body({ app, token }) : step.body;
    await play(step.path, url, fields);
  }
  // A write route no story reaches: its example body, so it is listed with the server's answer.
  for (const { path, method } of writes) if (method === 'post' && !STORIES.some((s) => s.path === path)) await play(path, exampleUrl(path), undefined);
  await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();

  // Public GETs: at the story's records (the example ids are the stories' ids), with the queries a read needs.
  const latest = (await request(server).get('/api/v1/log/checkpoints/latest')).body as { treeSize?: string };
  const QUERIES: Readonly<Record<string, string>> = {
    '/api/v1/work-lists/{jurisdictionId}/diff': '?from=1&to=2',
    '/api/v1/log/proofs/inclusion': '?position=1',
    '/api/v1/log/proofs/consistency': `?from=1&to=${latest.treeSize ?? '1'}`,
    '/api/v1/events': '?limit=1000',
  };
  const URLS: Readonly<Record<string, readonly string[]>> = {
    '/api/v1/schemas/{type}/{version}': ['/api/v1/schemas/CommunityRegistered/1'],
    '/api/v1/consultations/{id}/public': ['cons-2026-001', 'cons-b', 'cons-c'].map((id) => `/api/v1/consultations/${id}/public`),
    '/api/v1/meetings/{meetingId}': ['m-1', 'm-2', 'm-reps', 'm-appeal', 'm-pet'].map((id) => `/api/v1/meetings/${id}`),
    '/api/v1/log/bundles/{kind}/{id}/public': [
      'consultation/cons-2026-001', 'meeting/m-1', 'publication/pub-2026-02-finance', `work-list-set/${JURISDICTION}`,
    ].map((record) => `/api/v1/log/bundles/${record}/public`),
  };
  /** What each public view must show of the stories (so a 200 is the stories' records, not an empty page). */
  const RECORDS: Readonly<Record<string, string>> = {
    '/health': '"status":"ok"',
    '/api/v1/consultations/{id}/public': '"status":"closed"',
    '/api/v1/communities': '"termId":"term-12"',
    '/api/v1/communities/{communityId}': '"censusEffectiveFrom":"2026-01-01"',
    '/api/v1/communities/{communityId}/meetings': '"meetingId":"m-reps"',
    '/api/v1/communities/{communityId}/decisions': '"statusRule":"VM-12"',
    '/api/v1/communities/{communityId}/must-convene-obligations': '"meetingId":"m-pet"',
    '/api/v1/communities/{communityId}/meeting-cadence': '"lastHeldOn":"2026-03-18"',
    '/api/v1/meetings/{meetingId}': '"petitionId":"pet-1"',
    '/api/v1/communities/{communityId}/publication-obligations': 'decision:m-1/funds',
    '/api/v1/communities/{communityId}/public-board': '"correctionId":"fix-1"',
    '/api/v1/communities/{communityId}/publication-cadence': '"policyLocalityId":"t-1"',
    '/api/v1/work-lists/{jurisdictionId}': '"changeRequestId":"cr-2"',
    '/api/v1/work-lists/{jurisdictionId}/items': '"itemId":"M-1"',
    '/api/v1/work-lists/{jurisdictionId}/diff': '"itemId":"M-1"',
    '/api/v1/work-lists/{jurisdictionId}/burden-trend': '"total":2',
    '/api/v1/log/checkpoint': 'civic-ledger.local/log',
    '/api/v1/log/checkpoints/latest': '"witness":"supervision.example/c-17"',
    '/api/v1/log/key': '"verifierKey"',
    '/api/v1/log/bundles/{kind}/{id}/public': '"view":"public"',
    '/api/v1/log/proofs/inclusion': '"leafIndex":"0"',
    '/api/v1/log/proofs/consistency': '"hashes"',
    '/api/v1/log/witnesses': '"lastCosignedSize"',
    '/api/v1/events': '"type":"AssignmentRefusedByCommunity"',
    '/api/v1/schemas': '"type":"CommunityRegistered"',
    '/api/v1/schemas/{type}/{version}': '"CommunityRegistered v1"',
  };
  const missingRecords: string[] = [];
  const leaks: string[] = [];
  const read = new Set<string>();
  const notRead: string[] = [];
  for (const { path } of publicGets) {
    let shown = '';
    for (const url of URLS[path] ?? [`${exampleUrl(path)}${QUERIES[path] ?? ''}`]) {
      const response = await request(server).get(url);
      if (response.status === 200) read.add(path);
      else notRead.push(`${url} ${response.status} ${String(response.body?.code)}`);
      const text = JSON.stringify(response.body) + (response.text ?? '') + JSON.stringify(response.headers);
      shown += text;
      for (const marker of MARKERS) if (text.includes(marker)) leaks.push(`${url} (${response.status}) shows ${marker}: …${text.slice(Math.max(0, text.indexOf(marker) - 160), text.indexOf(marker) + 40)}…`);
    }
    if (!shown.includes(RECORDS[path] ?? '')) missingRecords.push(`${path} lacks ${RECORDS[path] ?? ''}`);
    if (RECORDS[path] === undefined) missingRecords.push(`${path}: no record named in RECORDS`);
  }

  const unreached = writes.filter((w) => !accepted.has(`POST ${w.path}`));
  process.stdout.write(
    `personal-data walker: write routes accepted ${accepted.size}/${writes.length} (${((100 * accepted.size) / writes.length).toFixed(0)}%), ` +
      `fields planted ${plantedFields.size}, public GETs 200 ${read.size}/${publicGets.length} (${((100 * read.size) / publicGets.length).toFixed(0)}%)\n` +
      `not accepted:\n${unreached.map((w) => `  ${w.path}: ${refusals.get(`POST ${w.path}`) ?? ''}`).join('\n')}\n` +
      `public GETs not 200: ${notRead.join(', ')}\n` +
      `fields that refused every marker: ${[...unplanted].filter((f) => !plantedFields.has(f)).join(', ') || 'none'}\n` +
      `story steps refused (${failedSteps.length}):\n${failedSteps.join('\n')}\n` +
      `leaks (${leaks.length}):\n${leaks.map((l) => `  ${l.slice(0, 160)}`).join('\n')}\n`,
  );
  expect(leaks).toEqual([]);
  expect(accepted.size / writes.length).toBeGreaterThanOrEqual(MIN_WRITE_COVERAGE);
  expect(notRead).toEqual([]);
  expect(missingRecords).toEqual([]);
}, 300_000);
