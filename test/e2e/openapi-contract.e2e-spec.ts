import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage } from '../../src/infrastructure/storage/create-storage';
import { readFileSync } from 'node:fs';
import { ROLES_FILE, rolesMarkdown } from '../../scripts/generate-roles';

/**
 * The read contract, checked over the whole OpenAPI document of the service as it runs (every
 * procedure in PROCEDURES), so routes added later are covered without touching this file.
 */
type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; enum?: unknown[]; pattern?: string; maxLength?: number };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> }>;
  'x-roles'?: unknown;
  'x-reads'?: string;
};

/**
 * Routes that read the event log itself (transparency log, feed, audit, schemas) are not read-model
 * GETs (minPosition waits on read models) nor procedure steps (nothing is appended under a command
 * id); they declare it with `x-reads: event-log`. Their 200 bodies are typed like every other GET.
 */
const readsEventLog = (operation: Operation): boolean => operation['x-reads'] === 'event-log';
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

let app: NestFastifyApplication;
let document: Document;
const operations: { method: string; path: string; operation: Operation }[] = [];

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'silent' });
  app = await createApp({ config, storage: await createStorage({ dataDir: 'memory://' }), projections: { runInBackground: false } });
  await app.init();
  document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as Document;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) operations.push({ method: method.toUpperCase(), path, operation });
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const resolve = (schema: Schema | undefined): Schema | undefined => {
  if (schema?.$ref !== undefined) return document.components.schemas[schema.$ref.split('/').pop()!];
  return schema;
};

/** A schema that says what it holds: an object with properties, or an array of such, at every level it names. */
const bareRows = (schema: Schema | undefined, at: string): string[] => {
  const s = resolve(schema);
  if (s === undefined) return [`${at}: no schema`];
  if (s.allOf !== undefined) return [];
  if (s.type === 'array') return bareRows(s.items, `${at}[]`);
  if (s.type === 'object' || s.properties !== undefined) {
    if (s.properties === undefined || Object.keys(s.properties).length === 0) return [`${at}: bare object`];
    return Object.entries(s.properties)
      .filter(([, p]) => resolve(p)?.type === 'object' || resolve(p)?.type === 'array' || p.$ref !== undefined)
      .flatMap(([name, p]) => bareRows(p, `${at}.${name}`));
  }
  return [];
};

describe('OpenAPI read contract (every route of every procedure)', () => {
  it('lists the routes of the service', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.some((o) => o.method === 'GET' && o.path === '/api/v1/communities')).toBe(true);
    expect(operations.some((o) => o.method === 'GET' && o.path === '/api/v1/consultations/{id}')).toBe(true);
  });

  it('every operation has a summary, tags, a readable unique operationId and x-roles', () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const { method, path, operation } of operations) {
      const at = `${method} ${path}`;
      if (!operation.summary?.trim()) problems.push(`${at}: no summary`);
      if ((operation.tags ?? []).length === 0) problems.push(`${at}: no tags`);
      const id = operation.operationId ?? '';
      if (!/^[a-z][A-Za-z0-9_]*$/.test(id) || /Controller/.test(id)) problems.push(`${at}: operationId "${id}"`);
      if (ids.has(id)) problems.push(`${at}: operationId ${id} used twice`);
      ids.add(id);
      const roles = operation['x-roles'];
      if (!Array.isArray(roles) || roles.length === 0) problems.push(`${at}: no x-roles`);
      if (!/role|Public|token/.test(operation.description ?? '')) problems.push(`${at}: description does not say who may call it`);
    }
    expect(problems).toEqual([]);
  });

  it('every GET has a typed 200 response (no bare object rows)', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations.filter((o) => o.method === 'GET' && o.path.startsWith('/api/v1/'))) {
      const at = `${method} ${path}`;
      // JSON, or for a signed note or an event stream the one media type it declares.
      const content = operation.responses['200']?.content ?? {};
      const schema = content['application/json']?.schema ?? (Object.keys(content).length === 1 ? Object.values(content)[0]!.schema : undefined);
      if (schema === undefined) problems.push(`${at}: no 200 response schema`);
      else problems.push(...bareRows(schema, at));
    }
    expect(problems).toEqual([]);
  });

  it('every GET on the read models has the read-your-writes parameters', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations.filter((o) => o.method === 'GET' && o.path.startsWith('/api/v1/') && !readsEventLog(o.operation))) {
      const at = `${method} ${path}`;
      if (!(operation.parameters ?? []).some((p) => p.in === 'query' && p.name === 'minPosition')) problems.push(`${at}: no minPosition`);
      if (operation.responses['503'] === undefined) problems.push(`${at}: no 503 READ_MODEL.LAGGING`);
    }
    expect(problems).toEqual([]);
  });

  it('only the routes over the event log itself declare x-reads: event-log', () => {
    const declared = operations.filter((o) => readsEventLog(o.operation)).map((o) => o.path);
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((path) => !/^\/api\/v1\/(log|events|audit|schemas|reports)(\/|$)/.test(path))).toEqual([]);
  });

  it('every step documents X-Causation-Id, Idempotency-Key and If-Match', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations.filter((o) => o.method === 'POST' && !readsEventLog(o.operation))) {
      for (const header of ['Idempotency-Key', 'If-Match', 'X-Causation-Id']) {
        if (!(operation.parameters ?? []).some((p) => p.in === 'header' && p.name === header)) problems.push(`${method} ${path}: no ${header}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('problem codes are enumerated and the 412 body documents currentRevision', () => {
    const problem = document.components.schemas['ProblemDetailsDto']!;
    expect(problem.properties!['code']!.enum).toEqual(expect.arrayContaining(['CONSULTATION.NOTICE_TOO_SHORT', 'MEETING.QUORUM_NOT_MET', 'READ_MODEL.LAGGING', 'IDEMPOTENCY.KEY_REUSED']));
    expect(problem.properties!['currentRevision']).toBeDefined();
  });

  it('schemas carry the patterns and lengths the server enforces', () => {
    const register = document.components.schemas['RegisterCommunityDto']!;
    expect(register.properties!['communityId']!.pattern).toBeDefined();
    const withLength = Object.values(document.components.schemas).flatMap((s) => Object.values(s.properties ?? {})).filter((p) => p.maxLength !== undefined);
    expect(withLength.length).toBeGreaterThan(20);
    const list = operations.find((o) => o.method === 'GET' && o.path === '/api/v1/consultations')!.operation;
    expect(list.parameters!.find((p) => p.name === 'limit')!.schema).toMatchObject({ minimum: 1, maximum: 200 });
  });

  it('docs/roles.md is generated from the same x-roles (npm run docs:roles)', () => {
    expect(readFileSync(ROLES_FILE, 'utf8')).toBe(rolesMarkdown(document));
  });

  it('examples name real routes (no test aggregate)', () => {
    expect(JSON.stringify(document)).not.toMatch(/api\/v1\/notices|notice-n-1/);
  });
});
