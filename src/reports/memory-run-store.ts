import type { Row } from './report-model';
import { fromArray, type RunStore, type RunWriter } from './row-sorter';

/** Runs kept in memory: the same merge without files (tests). */
export class MemoryRunStore implements RunStore {
  private readonly stored = new Map<string, Row[]>();
  private next = 0;
  opened = 0;

  open(): RunWriter {
    const id = `run-${this.next++}`;
    const rows: Row[] = [];
    this.opened += 1;
    return {
      append: (batch) => void rows.push(...batch),
      close: () => {
        this.stored.set(id, rows);
        return id;
      },
    };
  }

  read(run: string): AsyncIterable<Row> {
    return fromArray(this.stored.get(run) ?? []);
  }

  remove(run: string): void {
    this.stored.delete(run);
  }

  get live(): number {
    return this.stored.size;
  }
}
