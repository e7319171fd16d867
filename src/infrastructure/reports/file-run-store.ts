import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Row, RunStore, RunWriter, TextSpill } from '../../reports';

type Encoded = string | number | { n: string };

/** JSON keeps strings and finite numbers exactly; NaN, ±Infinity and -0 are spelled out. */
const encode = (row: Row): string =>
  JSON.stringify(row.map((c): Encoded => (typeof c === 'number' && (!Number.isFinite(c) || Object.is(c, -0)) ? { n: Object.is(c, -0) ? '-0' : String(c) } : c)));

const decode = (line: string): Row => (JSON.parse(line) as Encoded[]).map((c) => (typeof c === 'object' ? Number(c.n) : c));

const READ_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

/**
 * A run file read line by line (one row a line; JSON escapes every newline inside a cell) through
 * one buffer of its own, reused: only the row being read becomes a string. (Reading the file as a
 * stream of text chunks kept each chunk alive while its run waited in the merge, long enough to be
 * promoted to the old generation: the whole run data turned into old garbage.)
 */
async function* readRun(file: string): AsyncGenerator<Row> {
  const handle = await open(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(READ_BYTES);
    let filled = 0;
    let position = 0;
    for (;;) {
      if (filled === buffer.length) {
        // A row longer than the buffer: grow it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      position += bytesRead;
      filled += bytesRead;
      let start = 0;
      for (let end = buffer.indexOf(NEWLINE, start); end !== -1 && end < filled; end = buffer.indexOf(NEWLINE, start)) {
        yield decode(buffer.toString('utf8', start, end));
        start = end + 1;
      }
      if (bytesRead === 0) {
        if (start < filled) yield decode(buffer.toString('utf8', start, filled));
        return;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Sorted runs in temporary files, one file a run (JSON lines), and spilled texts in one more file
 * (texts.bin), in a directory of their own under
 * `os.tmpdir()` (or `dir`), made on the first spill. `dispose()` removes the directory: call it when
 * the report is written, and when it failed.
 */
export class FileRunStore implements RunStore, TextSpill {
  private directory: string | undefined;
  private next = 0;
  private readonly open_ = new Set<number>();
  /** The spilled texts: one file, appended; each text's offset and length (8 bytes each a text). */
  private texts: { fd: number; size: number; offsets: Float64Array; lengths: Float64Array; count: number } | undefined;

  constructor(private readonly dir: string = tmpdir()) {}

  /** The directory holding the runs (undefined until the first spill). */
  get path(): string | undefined {
    return this.directory;
  }

  private ensureDirectory(): string {
    this.directory ??= mkdtempSync(join(this.dir, 'civic-ledger-report-'));
    return this.directory;
  }

  put(text: string): number {
    if (this.texts === undefined) {
      const fd = openSync(join(this.ensureDirectory(), 'texts.bin'), 'w+');
      this.open_.add(fd);
      this.texts = { fd, size: 0, offsets: new Float64Array(1024), lengths: new Float64Array(1024), count: 0 };
    }
    const t = this.texts;
    if (t.count === t.offsets.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      t.offsets = grow(t.offsets);
      t.lengths = grow(t.lengths);
    }
    const bytes = Buffer.from(text, 'utf8');
    writeSync(t.fd, bytes, 0, bytes.length, t.size);
    t.offsets[t.count] = t.size;
    t.lengths[t.count] = bytes.length;
    t.size += bytes.length;
    return t.count++;
  }

  get(handle: number): string {
    const t = this.texts;
    if (t === undefined || handle < 0 || handle >= t.count) throw new Error(`no spilled text ${handle}`);
    const bytes = Buffer.allocUnsafe(t.lengths[handle]!);
    readSync(t.fd, bytes, 0, bytes.length, t.offsets[handle]!);
    return bytes.toString('utf8');
  }

  open(): RunWriter {
    this.ensureDirectory();
    const file = join(this.ensureDirectory(), `run-${String(this.next++).padStart(6, '0')}.jsonl`);
    const fd = openSync(file, 'w');
    this.open_.add(fd);
    return {
      append: (rows) => {
        if (rows.length === 0) return;
        writeSync(fd, `${rows.map(encode).join('\n')}\n`);
      },
      close: () => {
        this.open_.delete(fd);
        closeSync(fd);
        return file;
      },
    };
  }

  read(run: string): AsyncIterable<Row> {
    return readRun(run);
  }

  remove(run: string): void {
    rmSync(run, { force: true });
  }

  dispose(): void {
    for (const fd of this.open_) closeSync(fd);
    this.open_.clear();
    this.texts = undefined;
    if (this.directory !== undefined) rmSync(this.directory, { recursive: true, force: true });
    this.directory = undefined;
  }
}
