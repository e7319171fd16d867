import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_TYPE_REGISTRY } from '../../src/application/command-handling/tokens';
import type { EventTypeRegistry } from '../../src/application/ports/event-type-registry.port';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { registerCommunity } from '../support/mothers/community.mother';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

/**
 * One notion of community: a consultation opens only for a registered community, and its kind (in
 * the registry's vocabulary), township, locality and time zone come from the community's stream.
 */
const NOW = new Date('2026-07-01T12:00:00+08:00');
const at = (date: string): string => `${date}T10:00:00+08:00`;
let app: NestFastifyApplication;
let storage: Storage;
let party: string;
let township: string;

const post = (path: string, body: object, token = party) => request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const open = (consultationId: string, communityId: string, extra: object = {}) => post('/consultations', {
  consultationId, communityId, channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 4, occurredAt: at('2026-03-11'), ...extra,
});
const policy = {
  occurredAt: at('2026-02-01'), effectiveFrom: '2026-02-01', catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }],
  noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10, channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34,
};
const topic = { title: 'Bike shed', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false, occurredAt: at('2026-03-12') };
const firstEventData = async (consultationId: string): Promise<Record<string, unknown>> => {
  const [first] = await storage.eventStore.readStream(`consultation-${consultationId}`);
  return app.get<EventTypeRegistry>(EVENT_TYPE_REGISTRY).upcast(first!).data as Record<string, unknown>;
};

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  storage = await createStorage({ dataDir: 'memory://' });
  app = await createApp({ config, storage, clock: { now: () => NOW }, projections: { runInBackground: false } });
  await app.init();
  const tokens = app.get(TokenService);
  party = await tokens.sign('party-actor', ['community_party_organisation@community:c-urban', 'community_party_organisation@community:c-village', 'community_party_organisation@community:c-ghost']);
  township = await tokens.sign('township-actor', ['township_government@township:t-9']);
  await registerCommunity(app, { communityId: 'c-urban', kind: 'urban_community', townshipRef: 't-9', districtRef: 'd-9', timeZone: 'Asia/Urumqi' });
  await registerCommunity(app, { communityId: 'c-village', kind: 'village', townshipRef: 't-8', districtRef: 'd-9' });
  // Township t-9 adopted a consultation policy; t-8 did not, so its district's applies.
  await post('/locality-policies/t-9/versions', policy, township).expect(201);
  await post('/locality-policies/d-9/versions', policy, await tokens.sign('district-actor', ['township_government@township:t-8'])).expect(201);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe('a consultation refers to a registered community (one notion of community)', () => {
  it('is refused for a community never registered: 404 COMMUNITY.NOT_FOUND, nothing stored', async () => {
    const refused = await open('cons-ghost', 'c-ghost').expect(404);
    expect(refused.body).toMatchObject({ code: 'COMMUNITY.NOT_FOUND' });
    expect(await storage.eventStore.readStream('consultation-cons-ghost')).toEqual([]);
    const deviation = await post('/consultations/cons-ghost-2/deviations', { step: 'OpinionsSolicited', reason: 'urgent', communityId: 'c-ghost', occurredAt: at('2026-03-11') }).expect(404);
    expect(deviation.body).toMatchObject({ code: 'COMMUNITY.NOT_FOUND' });
  });

  it('takes kind, township, locality and time zone from the community stream, in the registry vocabulary', async () => {
    await open('cons-urban', 'c-urban').expect(201);
    expect(await firstEventData('cons-urban')).toMatchObject({ communityId: 'c-urban', communityKind: 'urban_community', townshipId: 't-9', localityId: 't-9', timeZone: 'Asia/Urumqi' });
    await post('/consultations/cons-village/deviations', { step: 'OpinionsSolicited', reason: 'urgent repair', communityId: 'c-village', occurredAt: at('2026-03-11') }).expect(201);
    expect(await firstEventData('cons-village')).toMatchObject({ communityKind: 'village', townshipId: 't-8', localityId: 'd-9', timeZone: 'Asia/Shanghai' });
    // The locality read from the stream is the one whose policy judges the next step.
    await post('/consultations/cons-village/topic', topic).expect(201);
  });

  it('refuses the facts in the body (400): kind, township, locality and time zone are never the caller\'s to say', async () => {
    const refused = await open('cons-body', 'c-urban', { communityKind: 'urban', townshipId: 't-1', localityId: 'loc-1', timeZone: 'UTC' }).expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['communityKind', 'localityId', 'timeZone', 'townshipId']);
  });

  it("reads a stored v1 opening with the old kind 'urban' as 'urban_community' and carries on", async () => {
    const metadata = { actor: 'importer', actorRoles: ['community_party_organisation@community:c-urban'], commandId: randomUUID(), correlationId: 'import', causationId: 'import', occurredAt: at('2026-03-11'), recordedAt: at('2026-03-11') };
    await storage.eventStore.appendToStream('consultation-cons-v1', [{
      eventId: randomUUID(), type: 'OpinionsSolicited', schemaVersion: 1, metadata,
      data: { consultationId: 'cons-v1', communityId: 'c-urban', townshipId: 't-9', localityId: 't-9', communityKind: 'urban', channel: 'x', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 1, occurredAt: new Date(at('2026-03-11')).toISOString() },
    }], { expectedRevision: 'no_stream' });
    expect(await firstEventData('cons-v1')).toMatchObject({ communityKind: 'urban_community', timeZone: 'Asia/Shanghai' });
    await post('/consultations/cons-v1/topic', topic, party).expect(201);
  });
});
