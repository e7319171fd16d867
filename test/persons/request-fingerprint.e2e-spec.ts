import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import canonicalize from 'canonicalize';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage, type StorageSettings } from '../../src/infrastructure/storage/create-storage';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const C = 'c-fingerprint';
const PHONE = '13912345678';
const BODY = { name: '王小明', phone: PHONE, idNumber: '22010219800101123X' };
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The plain hashes someone holding cl_commands could test guesses with (the fingerprint before it was keyed, and simpler ones). */
const plainHashes = (method: string, path: string, actor: string, body: object): string[] => [
  sha256(canonicalize({ method, path, actor, body })!),
  sha256(canonicalize(body)!),
  sha256(JSON.stringify(body)),
];

/**
 * The Idempotency-Key fingerprint (cl_commands, cl_command_refusals) is an HMAC under a server key
 * kept beside the data (cl_server_secrets; REQUEST_FINGERPRINT_KEY when configured): no stored
 * fingerprint is a plain hash of a body with a phone number, and retries still match after a restart.
 */
const fingerprintSpec = (mode: string, open: () => Promise<{ settings: StorageSettings; env: Record<string, string>; drop: () => Promise<void> }>) => {
  describe(`request fingerprints without personal data (${mode})`, () => {
    let settings: StorageSettings;
    let env: Record<string, string>;
    let drop: () => Promise<void>;
    let storage: Storage;
    let app: NestFastifyApplication;
    let clerk: string;

    const start = async () => {
      storage = await createStorage(settings);
      app = await createApp({ config: loadConfig({ ...env, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' }), storage, projections: { runInBackground: false } });
      await app.init();
      clerk = await app.get(TokenService).sign('clerk-1', [`villagers_committee@community:${C}`]);
    };
    const stop = async () => {
      await app.close();
      await storage.sql.close().catch(() => undefined);
    };
    const register = (key: string, body: object) =>
      request(app.getHttpServer()).post(`/api/v1/communities/${C}/persons`).set('Authorization', `Bearer ${clerk}`).set('Idempotency-Key', key).send(body);

    beforeAll(async () => {
      ({ settings, env, drop } = await open());
      await start();
      const township = await app.get(TokenService).sign('officer-1', ['township_government@township:t-1']);
      await request(app.getHttpServer()).post('/api/v1/communities').set('Authorization', `Bearer ${township}`)
        .send({ communityId: C, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: '2026-01-05T09:00:00+08:00' }).expect(201);
    });
    afterAll(async () => {
      await stop();
      await drop();
    });

    it('stores no plain hash of a body holding a phone number, accepted or refused, and matches retries across a restart', async () => {
      const accepted = await register('reg-phone', BODY).expect(201);
      // Registering the same reference again is refused (409) and the refusal is bound to its key.
      const duplicate = { ...BODY, personRef: accepted.body.personRef as string };
      const refused = await register('reg-refused', duplicate);
      expect(refused.status).toBe(409);
      const commands = (await storage.sql.query<{ fingerprint: string }>('SELECT fingerprint FROM cl_commands WHERE command_id = $1', ['reg-phone'])).rows;
      const refusals = (await storage.sql.query<{ fingerprint: string }>('SELECT fingerprint FROM cl_command_refusals')).rows;
      const stored = [...commands, ...refusals].map((r) => r.fingerprint);
      expect(commands).toHaveLength(1);
      expect(refusals).toHaveLength(1);
      expect(stored.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
      const guesses = [BODY, duplicate].flatMap((body) => plainHashes('POST', `/api/v1/communities/${C}/persons`, 'clerk-1', body));
      for (const f of stored) expect(guesses).not.toContain(f);

      // A restart: the key persists, so the same request with the same key is the same command again.
      await stop();
      await start();
      const again = await register('reg-phone', BODY).expect(201);
      expect(again.body.personRef).toBe(accepted.body.personRef);
      const refusedAgain = await register('reg-refused', duplicate);
      expect(refusedAgain.status).toBe(refused.status);
      expect(refusedAgain.body.code).toBe(refused.body.code);
      expect((await register('reg-phone', { ...BODY, phone: '13912345679' })).body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });
  });
};

fingerprintSpec('embedded PGlite in a data directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-fingerprint-'));
  return { settings: { dataDir: dir }, env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
});

describePostgres('on PostgreSQL', () => {
  fingerprintSpec('PostgreSQL', async () => {
    const database = await createTestDatabase('cl_fingerprint');
    return { settings: { databaseUrl: database.url, dataDir: 'unused' }, env: { DATABASE_URL: database.url }, drop: () => database.drop() };
  });
});
