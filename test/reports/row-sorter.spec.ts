import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRunStore } from '../../src/infrastructure/reports/file-run-store';
import { MemoryRunStore, RowSorter, type Row, type RunStore } from '../../src/reports';
import { compareRows } from '../../src/reports/section-fold';

/** A deterministic pseudo-random sequence (the same rows on every run). */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** Rows as the sections make them: text columns, a number column that may be '' (no value), duplicates. */
const rows = (n: number, seed = 7): Row[] => {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: n }, () => [
    pick(['consultation', 'meeting', 'publication', 'supervision']),
    pick(['rule a', 'rule b', 'rule c', 'rule ä']),
    `c-${Math.floor(next() * 50)}`,
    next() < 0.1 ? '' : Math.round(next() * 1000) / 10,
    pick(['a, "quoted"', 'line\nbreak', '中文', '', '=formula']),
  ]);
};

const drain = async (sorter: RowSorter): Promise<Row[]> => {
  const out: Row[] = [];
  for await (const row of sorter.sorted()) out.push(row);
  return out;
};

const sortedIn = (list: readonly Row[], runs: RunStore | undefined, runRows: number, fanIn?: number): Promise<Row[]> => {
  const sorter = new RowSorter(compareRows, { ...(runs === undefined ? {} : { runs }), runRows, ...(fanIn === undefined ? {} : { fanIn }) });
  for (const row of list) sorter.add(row);
  return drain(sorter);
};

describe('reports in bounded memory: the external merge sort of a section\'s rows', () => {
  it('spilled in runs of 3 and merged, the rows come out in the order an in-memory sort gives', async () => {
    const list = rows(1_000);
    const expected = [...list].sort(compareRows);
    const runs = new MemoryRunStore();
    const sorter = new RowSorter(compareRows, { runs, runRows: 3 });
    for (const row of list) sorter.add(row);
    expect(sorter.spilled).toBe(333);
    expect(await drain(sorter)).toEqual(expected);
    expect(runs.live).toBe(0); // every run removed once read
  });

  it('more runs than it merges at once: merged in passes first, same order', async () => {
    const list = rows(500, 11);
    const runs = new MemoryRunStore();
    expect(await sortedIn(list, runs, 4, 3)).toEqual([...list].sort(compareRows));
    expect(runs.opened).toBeGreaterThan(Math.ceil(500 / 4)); // the intermediate passes wrote runs of their own
    expect(runs.live).toBe(0);
  });

  it('without a run store, nothing spills: the rows are sorted in memory', async () => {
    const list = rows(50);
    expect(await sortedIn(list, undefined, 2)).toEqual([...list].sort(compareRows));
  });

  it('in temporary files: cells come back exactly (text with newlines and quotes, a row longer than the read buffer, NaN, -0, Infinity), and dispose removes the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-runs-test-'));
    const runs = new FileRunStore(dir);
    const list: Row[] = [...rows(2_000, 3), ['x', NaN, -0, Infinity, 'a\r\nb"c'], ['x', 1, 0, -Infinity, '\u2028'], ['y', 2, 0, 0, 'long '.repeat(50_000)]];
    const sorter = new RowSorter(compareRows, { runs, runRows: 7 });
    for (const row of list) sorter.add(row);
    expect(readdirSync(runs.path!).length).toBe(Math.floor(list.length / 7));
    const out = await drain(sorter);
    expect(out).toEqual([...list].sort(compareRows));
    expect(Object.is(out.find((r) => r[0] === 'x' && Number.isNaN(r[1]))![2], -0)).toBe(true);
    expect(readdirSync(runs.path!)).toEqual([]);
    runs.dispose();
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a reader that stops early (the client went away): dispose still removes every run file', async () => {
    const runs = new FileRunStore();
    const sorter = new RowSorter(compareRows, { runs, runRows: 5 });
    for (const row of rows(100)) sorter.add(row);
    const path = runs.path!;
    for await (const row of sorter.sorted()) if (row !== undefined) break;
    runs.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('texts kept for the whole history (closed consultations\' end events) spill to the same directory and come back exactly', () => {
    const runs = new FileRunStore();
    const texts = Array.from({ length: 3_000 }, (_, i) => JSON.stringify({ i, note: i % 7 === 0 ? '中文 "quoted"\n' : 'x'.repeat(i % 50) }));
    const handles = texts.map((t) => runs.put(t));
    expect(handles.map((h) => runs.get(h))).toEqual(texts);
    expect(readdirSync(runs.path!)).toEqual(['texts.bin']);
    const path = runs.path!;
    runs.dispose();
    expect(existsSync(path)).toBe(false);
  });
});
