/**
 * The transaction log of the emulated EventStoreDB node: streams, `$all` positions and the commit
 * check of an append, following EventStoreDB's documented semantics. Test support, not product.
 */

export type StoredRecord = Readonly<{
  stream: string;
  revision: bigint;
  /** Log position: commit and prepare are both this for events written over gRPC. */
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  /** .NET ticks (100 ns since 0001-01-01), as EventStoreDB stores `created`. */
  created: bigint;
  data: Uint8Array;
  metadata: Uint8Array;
}>;

export type ProposedEvent = Omit<StoredRecord, 'stream' | 'revision' | 'position' | 'created'>;

export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | Readonly<{ kind: 'written' | 'idempotent'; currentRevision: bigint; position: bigint }>
  | Readonly<{ kind: 'wrong_expected_version'; currentRevision: bigint }>;

const FIRST_POSITION = 1024n;
const RECORD_OVERHEAD = 96n;
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;

export class EmulatedLog {
  readonly all: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  /** EventStoreDB keeps a cache of committed event ids for idempotent `any`/`stream_exists` writes. */
  private readonly committed = new Map<string, StoredRecord>();
  private readonly listeners = new Set<(record: StoredRecord) => void>();
  private nextPosition = FIRST_POSITION;

  stream(name: string): readonly StoredRecord[] | undefined {
    return this.streams.get(name);
  }

  currentRevision(name: string): bigint {
    return BigInt((this.streams.get(name)?.length ?? 0) - 1);
  }

  onCommit(listener: (record: StoredRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * EventStoreDB's commit check (IndexCommitter.CheckCommit): an exact expected revision older
   * than the stream is idempotent when exactly these event ids follow it, a wrong expected version
   * otherwise (also when only some match); `any`/`stream_exists` are idempotent when the event ids
   * are already committed to this stream.
   */
  append(stream: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome {
    const current = this.currentRevision(stream);
    const stored = this.streams.get(stream) ?? [];
    const wrong = { kind: 'wrong_expected_version', currentRevision: current } as const;
    if (expected === 'stream_exists' && current < 0n) return wrong;
    if (expected === 'any' || expected === 'stream_exists') {
      const found = events.map((e) => this.committed.get(e.id));
      if (found[0] !== undefined && found[0].stream === stream) {
        if (found.some((f) => f === undefined || f.stream !== stream)) return wrong;
        const last = found[found.length - 1]!;
        return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
      }
      return this.write(stream, stored, events);
    }
    const pinned = expected === 'no_stream' ? -1n : expected;
    if (pinned > current) return wrong;
    if (pinned < current) {
      const following = events.map((e, i) => stored[Number(pinned) + 1 + i]);
      if (!following.every((record, i) => record !== undefined && record.id === events[i]!.id)) return wrong;
      const last = following[following.length - 1]!;
      return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
    }
    return this.write(stream, stored, events);
  }

  private write(stream: string, stored: StoredRecord[], events: readonly ProposedEvent[]): AppendOutcome {
    const created = BigInt(Date.now()) * 10_000n + TICKS_AT_UNIX_EPOCH;
    const records = events.map((event, i): StoredRecord => {
      const position = this.nextPosition;
      this.nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length + Buffer.byteLength(stream + event.type));
      return { ...event, stream, revision: BigInt(stored.length + i), position, created };
    });
    stored.push(...records);
    this.streams.set(stream, stored);
    for (const record of records) {
      this.all.push(record);
      this.committed.set(record.id, record);
      for (const listener of this.listeners) listener(record);
    }
    const last = records[records.length - 1]!;
    return { kind: 'written', currentRevision: last.revision, position: last.position };
  }
}
