import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/infrastructure/config/app-config';

const SECRET = 'x'.repeat(32);
const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: 'memory://' });
    expect(config).toMatchObject({ port: 3000, storageMode: 'embedded', timeZone: 'Asia/Shanghai', organicLaw2025Effective: '2026-01-01', commandMaxRetries: 3, logLevel: 'info', logWrites: 'sync', projectionPollMs: 250 });
    expect(loadConfig({ DATA_DIR: 'memory://', LOG_WRITES: 'async' }).logWrites).toBe('async');
    expect(loadConfig({ DATA_DIR: 'memory://', PROJECTION_POLL_MS: '100' }).projectionPollMs).toBe(100);
    expect(() => loadConfig({ DATA_DIR: 'memory://', PROJECTION_POLL_MS: '0' })).toThrow(/PROJECTION_POLL_MS/);
  });

  it('names every bad setting', () => {
    const problems = problemsOf({ PORT: '70000', LOG_LEVEL: 'loud', LOG_WRITES: 'later', TIME_ZONE: 'Mars/Base', ORGANIC_LAW_2025_EFFECTIVE: '2026-13-01', COMMAND_MAX_RETRIES: '-1', DATABASE_URL: 'mysql://x' });
    expect(problems.map((p) => p.split(/[=:]/)[0])).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'LOG_WRITES', 'TIME_ZONE', 'ORGANIC_LAW_2025_EFFECTIVE', 'COMMAND_MAX_RETRIES', 'CIVIC_LEDGER_JWT_SECRET']);
  });

  it('reads the time-travel bound and the key settings from the environment it is given, never from process.env', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig({ DATA_DIR: 'memory://', AUDIT_TIME_TRAVEL_MAX_EVENTS: '500', REQUEST_FINGERPRINT_KEY: key, PERSON_DATA_MASTER_KEY: key });
    expect(config).toMatchObject({ auditTimeTravelMaxEvents: 500, keys: { requestFingerprint: key, personDataMaster: key } });
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { AUDIT_TIME_TRAVEL_MAX_EVENTS: '7', REQUEST_FINGERPRINT_KEY: key });
      expect(loadConfig({ DATA_DIR: 'memory://' })).toMatchObject({ auditTimeTravelMaxEvents: 100_000, keys: {} });
    } finally {
      process.env = saved;
    }
    const problems = problemsOf({ DATA_DIR: 'memory://', AUDIT_TIME_TRAVEL_MAX_EVENTS: '0', REQUEST_FINGERPRINT_KEY: 'short', PERSON_DATA_MASTER_KEY: 'c2hvcnQ=' });
    expect(problems.map((p) => p.split(/[=:]/)[0])).toEqual(['AUDIT_TIME_TRAVEL_MAX_EVENTS', 'REQUEST_FINGERPRINT_KEY', 'PERSON_DATA_MASTER_KEY']);
  });

  it('bounds every wait for the database: statement, lock, connect and health timeouts, with defaults', () => {
    expect(loadConfig({ DATA_DIR: 'memory://' }).database).toEqual({ statementTimeoutMs: 5000, lockTimeoutMs: 2000, connectTimeoutMs: 5000, healthTimeoutMs: 1500 });
    const set = loadConfig({ DATA_DIR: 'memory://', STATEMENT_TIMEOUT_MS: '800', LOCK_TIMEOUT_MS: '100', DATABASE_CONNECT_TIMEOUT_MS: '900', HEALTH_TIMEOUT_MS: '700' });
    expect(set.database).toEqual({ statementTimeoutMs: 800, lockTimeoutMs: 100, connectTimeoutMs: 900, healthTimeoutMs: 700 });
    const problems = problemsOf({ DATA_DIR: 'memory://', STATEMENT_TIMEOUT_MS: '0', LOCK_TIMEOUT_MS: 'soon', DATABASE_CONNECT_TIMEOUT_MS: '-5', HEALTH_TIMEOUT_MS: '999999' });
    expect(problems.map((p) => p.split('=')[0])).toEqual(['STATEMENT_TIMEOUT_MS', 'LOCK_TIMEOUT_MS', 'DATABASE_CONNECT_TIMEOUT_MS', 'HEALTH_TIMEOUT_MS']);
  });

  it('refuses EVENTSTORE_URL without DATABASE_URL and requires the secret in PostgreSQL mode and production', () => {
    expect(problemsOf({ EVENTSTORE_URL: 'esdb://localhost:2113', CIVIC_LEDGER_JWT_SECRET: SECRET })[0]).toMatch(/^EVENTSTORE_URL: needs DATABASE_URL/);
    expect(problemsOf({ DATABASE_URL: 'postgres://localhost/x' })).toEqual([expect.stringMatching(/^CIVIC_LEDGER_JWT_SECRET: required in PostgreSQL mode/)]);
    expect(problemsOf({ NODE_ENV: 'production', DATA_DIR: 'memory://' })).toEqual([expect.stringMatching(/NODE_ENV=production/)]);
    expect(problemsOf({ CIVIC_LEDGER_JWT_SECRET: 'short', DATA_DIR: 'memory://' })).toEqual([expect.stringMatching(/at least 32/)]);
  });

  it('generates the embedded development secret once and keeps it in DATA_DIR (mode 0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-config-'));
    try {
      const first = loadConfig({ DATA_DIR: dir });
      const second = loadConfig({ DATA_DIR: dir });
      expect(first.jwtSecretSource).toBe('generated');
      expect(second.jwtSecretSource).toBe('data-dir');
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(readFileSync(join(dir, '.jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
      expect(statSync(join(dir, '.jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
