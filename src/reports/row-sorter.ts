import type { Row } from './report-model';
import type { TextSpill } from './text-spill';

/** Where a section's rows go as they are made: in any order; they come out sorted. */
export interface RowSink {
  add(row: Row): void;
}

/** One sorted run being written: rows appended in order, then closed. */
export interface RunWriter {
  append(rows: readonly Row[]): void;
  close(): string;
}

/**
 * Storage for sorted runs (the infrastructure keeps them in temporary files, see file-run-store.ts).
 * Writes are synchronous, so a fold that makes a run full spills it before it reads on: the memory
 * held is one run per section, whatever the history.
 */
export interface RunStore {
  open(): RunWriter;
  read(run: string): AsyncIterable<Row>;
  remove(run: string): void;
}

export type SortOptions = Readonly<{
  /** Where full runs are spilled; without one every row stays in memory (small reports, tests). */
  runs?: RunStore;
  /** Where texts kept for the whole history go (closed consultations' end events); in memory without one. */
  texts?: TextSpill;
  /** Rows held before a run is sorted and spilled. */
  runRows?: number;
  /** Runs merged at once; more are merged in passes first. */
  fanIn?: number;
}>;

export const DEFAULT_RUN_ROWS = 4_000;
const DEFAULT_FAN_IN = 128;
const BATCH = 1_000;

type Head = { row: Row; run: number; rest: AsyncIterator<Row> };

/** A min-heap of the runs' current rows, ties broken by run order (so the merge is stable). */
class Heads {
  private readonly items: Head[] = [];
  constructor(private readonly compare: (a: Row, b: Row) => number) {}

  get size(): number {
    return this.items.length;
  }

  private less(a: Head, b: Head): boolean {
    const c = this.compare(a.row, b.row);
    return c < 0 || (c === 0 && a.run < b.run);
  }

  push(h: Head): void {
    const items = this.items;
    items.push(h);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Head | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
      if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
    return top;
  }
}

/** Merges sorted sources into one sorted sequence (k-way, by a heap). */
export async function* mergeSorted(sources: ReadonlyArray<AsyncIterable<Row>>, compare: (a: Row, b: Row) => number): AsyncGenerator<Row> {
  const heads = new Heads(compare);
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  try {
    for (const [run, rest] of iterators.entries()) {
      const first = await rest.next();
      if (first.done !== true) heads.push({ row: first.value, run, rest });
    }
    while (heads.size > 0) {
      const h = heads.pop()!;
      yield h.row;
      const next = await h.rest.next();
      if (next.done !== true) heads.push({ row: next.value, run: h.run, rest: h.rest });
    }
  } finally {
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}

/** Rows already in order, as a source for the merge. */
export async function* fromArray(rows: readonly Row[]): AsyncGenerator<Row> {
  yield* rows;
}

/**
 * An external merge sort of one section's rows: rows are held until `runRows` of them, then sorted
 * and spilled as a run; `sorted()` merges the runs (and what is still held) in order. The output is
 * the same sequence an in-memory sort gives: rows that compare equal are equal in every cell.
 */
export class RowSorter implements RowSink {
  private held: Row[] = [];
  private runs: string[] = [];
  private count = 0;
  private readonly runRows: number;
  private readonly fanIn: number;

  constructor(
    private readonly compare: (a: Row, b: Row) => number,
    private readonly options: SortOptions = {},
  ) {
    this.runRows = Math.max(1, options.runRows ?? DEFAULT_RUN_ROWS);
    this.fanIn = Math.max(2, options.fanIn ?? DEFAULT_FAN_IN);
  }

  /** Rows added so far. */
  get size(): number {
    return this.count;
  }

  /** Runs spilled so far. */
  get spilled(): number {
    return this.runs.length;
  }

  add(row: Row): void {
    this.held.push(row);
    this.count += 1;
    if (this.options.runs !== undefined && this.held.length >= this.runRows) this.spill(this.options.runs);
  }

  private spill(store: RunStore): void {
    const rows = this.held.sort(this.compare);
    this.held = [];
    const writer = store.open();
    for (let i = 0; i < rows.length; i += BATCH) writer.append(rows.slice(i, i + BATCH));
    this.runs.push(writer.close());
  }

  /** Every row added, in order; once (the runs are removed as they are read). */
  async *sorted(): AsyncGenerator<Row> {
    const store = this.options.runs;
    const held = this.held.sort(this.compare);
    this.held = [];
    if (store === undefined || this.runs.length === 0) {
      yield* held;
      return;
    }
    // Too many runs to open at once: merge just enough of them into longer runs first (each extra
    // pass reads and rewrites the rows it merges), so that the last merge takes at most `fanIn`.
    while (this.runs.length + 1 > this.fanIn) {
      const group = this.runs.splice(0, Math.min(this.fanIn, this.runs.length + 2 - this.fanIn));
      const writer = store.open();
      let batch: Row[] = [];
      for await (const row of mergeSorted(group.map((r) => store.read(r)), this.compare)) {
        batch.push(row);
        if (batch.length >= BATCH) {
          writer.append(batch);
          batch = [];
        }
      }
      writer.append(batch);
      for (const r of group) store.remove(r);
      this.runs.push(writer.close());
    }
    const runs = this.runs;
    this.runs = [];
    try {
      // The rows still held are the last run: ties go to the earlier runs, as a stable sort would.
      yield* mergeSorted([...runs.map((r) => store.read(r)), fromArray(held)], this.compare);
    } finally {
      for (const r of runs) store.remove(r);
    }
  }
}
