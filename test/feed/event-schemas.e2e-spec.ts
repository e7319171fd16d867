import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_SCHEMA_SOURCES } from '../../src/infrastructure/feed/event-schema-sources';
import { PROCEDURES } from '../../src/infrastructure/procedures/procedures';
import schemas from '../../src/infrastructure/feed/event-schemas.json';
import { schemaProblems } from '../support/event-schema-validator';
import { createTestApp } from '../support/test-aggregate/test-app';

describe('event JSON Schemas (/api/v1/schemas)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    ({ app } = await createTestApp());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('has a schema for every registered event type and every version up to the current one, and nothing else', () => {
    const registered = EVENT_SCHEMA_SOURCES.flatMap(({ schema }) => Object.entries(schema));
    // The sources name exactly the event types the procedures register (procedures.ts).
    const procedureTypes = PROCEDURES.flatMap((p) => p.events.flatMap(({ schema }) => Object.entries(schema)));
    expect(registered.sort()).toEqual(procedureTypes.sort());
    expect(Object.keys(schemas).sort()).toEqual(registered.map(([type]) => type).sort());
    for (const [type, current] of registered) {
      expect(Object.keys((schemas as Record<string, object>)[type]!).map(Number)).toEqual(Array.from({ length: current }, (_, i) => i + 1));
    }
  });

  it('serves the index and each schema; an unknown one is 404', async () => {
    const index = (await request(app.getHttpServer()).get('/api/v1/schemas').expect(200)).body;
    expect(index.items).toContainEqual({ type: 'CommunityRegistered', currentVersion: 1, versions: [1], href: '/api/v1/schemas/CommunityRegistered/1' });
    const schema = (await request(app.getHttpServer()).get('/api/v1/schemas/CommunityRegistered/1').expect(200)).body;
    expect(schema.properties.data.required).toContain('communityId');
    await request(app.getHttpServer()).get('/api/v1/schemas/CommunityRegistered/9').expect(404);
  });

  it('refuses data that does not match (the check used on every decider spec can fail)', () => {
    expect(schemaProblems({ type: 'CommunityRegistered', data: { communityId: 'c-1' } })).not.toEqual([]);
    expect(schemaProblems({ type: 'CommunityRegistered', data: { communityId: 'c-1', kind: 'village', name: 'x', townshipRef: 't', districtRef: 'd', timeZone: 'Asia/Shanghai', occurredAt: '2026-01-01T00:00:00+08:00', extra: 1 } })).not.toEqual([]);
  });
});
