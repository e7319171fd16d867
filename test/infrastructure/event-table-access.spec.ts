import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

/**
 * Events are read through the event store port, so every reader works on PostgreSQL and on
 * EventStoreDB alike (README "EventStoreDB mode"). Only the SQL store itself may name its table.
 */
describe('the SQL event table is the SQL event store\'s own', () => {
  it('no module outside src/infrastructure/event-store names cl_events', () => {
    const offenders = files(SRC)
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((path) => !path.startsWith('src/infrastructure/event-store/'))
      .filter((path) => /\bcl_events\b/.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
