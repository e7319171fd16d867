import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { STORAGE } from '../../src/application/command-handling/tokens';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import { createApp } from '../../src/infrastructure/nest/create-app';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { verifyBundle } from '../../src/transparency/proof-bundle';
import { startEsdbTarget, type EsdbTarget } from '../support/esdb-emulator/esdb-target';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';
import { CORRELATION_NAME, fetchBundle, M, NAME_IN_TEXT, PERSON, PHONE, recordPublicMeeting } from '../transparency/support/public-meeting';

const SEED = Uint8Array.from({ length: 32 }, (_, i) => 40 + i);
const LOG_ENV = { LOG_ORIGIN: 'civic-ledger.test/esdb-bundle', LOG_SIGNING_KEY: Buffer.from(SEED).toString('base64'), LOG_CHECKPOINT_INTERVAL_SECONDS: '0' };

type Bundle = { entries: { leafIndex: string; event: { type: string; hashScheme?: string } }[] };

/**
 * The public proof bundle of a meeting in EventStoreDB mode, over real gRPC (the emulator, or
 * EVENTSTORE_URL): the events come from EventStoreDB, their leaves and the signed tree from
 * PostgreSQL. The same record as test/transparency/public-bundle.e2e-spec.ts (embedded store).
 */
describePostgres('public proof bundles in EventStoreDB mode', () => {
  let target: EsdbTarget;
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let logKey: string;
  let bytes: Buffer;

  beforeAll(async () => {
    target = await startEsdbTarget();
    database = await createTestDatabase('cl_esdb_bundle');
    const config = loadConfig({ EVENTSTORE_URL: target.url, DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...LOG_ENV });
    app = await createApp({ config });
    await app.init();
    expect(app.get<Storage>(STORAGE).eventStore).toBeInstanceOf(EsdbEventStore);
    ({ logKey, bytes } = await recordPublicMeeting(app, app.get(TokenService)));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await target?.stop();
  });

  it('is served without a token and verifies offline, every event under field commitments, with the withheld fields as digests', () => {
    const verdict = verifyBundle(bytes, logKey);
    expect(verdict).toMatchObject({ ok: true, stream: `meeting-${M}`, record: { kind: 'meeting', id: M, view: 'public' }, events: 4, opaqueEvents: 0 });
    expect(verdict.ok && verdict.withheldFields).toBeGreaterThanOrEqual(4 * 4);
    const bundle = JSON.parse(bytes.toString('utf8')) as Bundle;
    expect(bundle.entries.map((e) => [e.event.type, e.event.hashScheme])).toEqual([
      ['MeetingConvened', 'sd-1'],
      ['AgendaItemAdded', 'sd-1'],
      ['AttendanceRecorded', 'sd-1'],
      ['VoteRecorded', 'sd-1'],
    ]);
  });

  it('a withheld value (phone number, name, person reference) appears nowhere in it; the auditors’ full bundle discloses them and verifies', async () => {
    const text = bytes.toString('utf8');
    for (const planted of [PHONE, NAME_IN_TEXT, CORRELATION_NAME, PERSON, 'clerk-']) expect(text).not.toContain(planted);
    const auditor = await app.get(TokenService).sign('auditor-1', ['auditor']);
    const full = await fetchBundle(app, `/log/bundles/meeting/${M}`, auditor);
    expect(full.status).toBe(200);
    expect(verifyBundle(full.body as Buffer, logKey)).toMatchObject({ ok: true, events: 4, withheldFields: 0, record: { view: 'full' } });
    expect((full.body as Buffer).toString('utf8')).toContain(PERSON);
  });
});
