import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TokenService } from '../../src/infrastructure/auth/token.service';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'civic-ledger.js');
const { ensureBuilt } = require(join(ROOT, 'bin', 'build.js')) as { ensureBuilt: () => void };

type Run = { code: number; stdout: string; stderr: string };

/** The installed command as a user runs it: compiled code from dist/, a clean environment, its own working directory. */
const civicLedger = (args: readonly string[], env: Record<string, string>, cwd: string): Promise<Run> =>
  new Promise((done) => {
    const base = { PATH: process.env.PATH ?? '', HOME: cwd };
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });

describe('civic-ledger (the compiled CLI)', () => {
  let dir: string;
  beforeAll(() => {
    // dist/ is built by npm install (prepare); after a source change this rebuilds it once.
    ensureBuilt();
  }, 300_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists the commands', async () => {
    const run = await civicLedger(['--help'], {}, dir);
    expect(run.code).toBe(0);
    for (const command of ['token', 'verify', 'projections', 'watchdog']) expect(run.stdout).toContain(command);
  });

  it('token with no secret anywhere refuses, names DATA_DIR and CIVIC_LEDGER_JWT_SECRET, and creates nothing', async () => {
    const run = await civicLedger(['token', '--actor', 'u-1', '--role', 'auditor'], {}, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('DATA_DIR');
    expect(run.stderr).toContain('CIVIC_LEDGER_JWT_SECRET');
    expect(run.stderr).toContain('--create-secret');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('token --create-secret creates DATA_DIR/.jwt-secret and signs with it; the next call reuses it', async () => {
    const dataDir = join(dir, 'service-data');
    const created = await civicLedger(['token', '--actor', 'u-1', '--role', 'auditor', '--create-secret'], { DATA_DIR: dataDir }, dir);
    expect(created.code).toBe(0);
    const secret = readFileSync(join(dataDir, '.jwt-secret'), 'utf8').trim();
    await expect(new TokenService(secret).verify(created.stdout.trim())).resolves.toMatchObject({ actorId: 'u-1', roles: ['auditor'] });
    const again = await civicLedger(['token', '--actor', 'u-2', '--role', 'auditor'], { DATA_DIR: dataDir }, dir);
    expect(again.code).toBe(0);
    await expect(new TokenService(secret).verify(again.stdout.trim())).resolves.toMatchObject({ actorId: 'u-2' });
  });

  it('token signs with CIVIC_LEDGER_JWT_SECRET when it is set', async () => {
    const secret = 's'.repeat(40);
    const run = await civicLedger(['token', '--actor', 'u-3', '--role', 'villagers_committee@community:c-17'], { CIVIC_LEDGER_JWT_SECRET: secret }, dir);
    expect(run.code).toBe(0);
    await expect(new TokenService(secret).verify(run.stdout.trim())).resolves.toMatchObject({ actorId: 'u-3', roles: ['villagers_committee@community:c-17'] });
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('token refuses a body of one place without its scope (a township government must name its township), and signs it with one', async () => {
    const env = { CIVIC_LEDGER_JWT_SECRET: 's'.repeat(40) };
    const refused = await civicLedger(['token', '--actor', 'u-4', '--role', 'auditor', '--role', 'township_government'], env, dir);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('role "township_government" is the body of one township: name it, e.g. township_government@township:ID');
    const scoped = await civicLedger(['token', '--actor', 'u-4', '--role', 'auditor', '--role', 'township_government@township:t-1'], env, dir);
    expect(scoped.code).toBe(0);
  });
});
