import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '../../src/infrastructure/storage/create-storage';

const APPENDER = join(__dirname, '../support/processes/pglite-appender.ts');
const ACKNOWLEDGED_BEFORE_KILL = 40;

/**
 * The embedded store in a data directory (the service's default) loses no acknowledged event when
 * its process is killed: a child appends one event at a time, printing each acknowledged revision,
 * and is killed with SIGKILL mid-stream; the directory opened again holds every acknowledged event,
 * gapless.
 */
describe('PGlite data directory after a kill', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-pglite-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append', async () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', APPENDER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let buffered = '';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`appender exited early (${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acknowledged += lines.length;
        if (acknowledged >= ACKNOWLEDGED_BEFORE_KILL) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;
    const storage = await createStorage({ dataDir: dir });
    try {
      const events = await storage.eventStore.readStream('crash-1');
      expect(events.length).toBeGreaterThanOrEqual(acknowledged);
      expect(events.map((e) => Number(e.streamRevision))).toEqual(events.map((_, i) => i));
    } finally {
      await storage.eventStore.close();
    }
  }, 120_000);
});
