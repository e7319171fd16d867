import request from 'supertest';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { loadLogSettings } from '../../src/infrastructure/transparency/log-settings';
import { toBase64 } from '../../src/transparency/bytes';
import { TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const SEED = toBase64(Uint8Array.from({ length: 32 }, (_, i) => 7 + i));

describe('the transparency log takes its settings from the configuration given to createApp', () => {
  it('loadConfig reads LOG_* into config.transparencyLog, and loadLogSettings checks them from there', () => {
    const config = loadConfig({ DATA_DIR: 'memory://', LOG_ORIGIN: 'ledger.test/log', LOG_SIGNATURE_PROFILE: 'ed25519', LOG_SIGNING_KEY: SEED, LOG_CHECKPOINT_INTERVAL_SECONDS: '0' });
    expect(config.transparencyLog).toEqual({ origin: 'ledger.test/log', signatureProfile: 'ed25519', signingKey: SEED, checkpointIntervalSeconds: '0' });
    expect(loadLogSettings(config)).toMatchObject({ origin: 'ledger.test/log', keySource: 'environment', checkpointIntervalSeconds: 0 });
    expect(() => loadLogSettings({ ...config, transparencyLog: { signatureProfile: 'rsa' } })).toThrow(/LOG_SIGNATURE_PROFILE=rsa/);
  });

  it('GET /log/key serves the configured origin, not the process environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { LOG_ORIGIN: 'from-process-env.test/log' });
    try {
      const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', LOG_ORIGIN: 'from-config.test/log', LOG_SIGNING_KEY: SEED });
      const app = await createApp({ config });
      await app.init();
      try {
        const key = await request(app.getHttpServer()).get('/api/v1/log/key').expect(200);
        expect(key.body).toMatchObject({ origin: 'from-config.test/log', profile: 'ed25519' });
      } finally {
        await app.close();
      }
    } finally {
      process.env = saved;
    }
  });
});
