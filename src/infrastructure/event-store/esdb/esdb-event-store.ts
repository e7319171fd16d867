import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { ConcurrencyError, GENESIS_HASH, ValidationError, type RecordedEvent } from '../../../domain/shared';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllFilter,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  Subscription,
} from '../../../application/ports/event-store.port';
import { linkedEvent, linkEvents, type EnvelopeHasher } from '../event-hash';
import { appendHasher, SERVER_SECRETS_SCHEMA } from '../sql/server-secrets';
import { matchesExpected } from '../sql/sql-event-store';
import type { SqlClient } from '../sql/sql-client';
import { EsdbCommandLedger, type LedgerRow } from './esdb-command-ledger';
import { allFrom, globalPosition, matchesFilter, toEsdbEvent, toRecordedEvent, type EsdbAppendIntent } from './esdb-envelope';
import { esdbSubscription } from './esdb-subscription';

const MAX_HEAD_RETRIES = 20;
const ALL_PAGE = 1000;
/** How many `$all` records one readAllPage examines at most, so a rare filter cannot read the whole log. */
export const PAGE_SCAN = 10_000;

type Head = Readonly<{ revision: bigint; hash: string }>;
type WriteOutcome = Readonly<{ written: AppendResult }> | Readonly<{ actual: bigint }>;

/** The client reports a missing stream as 'no_stream'; the port's actual revision for it is -1. */
const actualRevision = (error: WrongExpectedVersionError): bigint =>
  typeof error.actualVersion === 'bigint' ? error.actualVersion : -1n;

/**
 * The event store port on EventStoreDB (KurrentDB) over gRPC. Events and their order live in
 * EventStoreDB; the command ledger and the event-id index live in PostgreSQL (see
 * esdb-command-ledger.ts), as do read models and projection checkpoints.
 *
 * Every append is pinned to the exact revision the hash chain was computed on: 'any' and
 * 'stream_exists' are checked against the head read from the leader, then sent as that exact
 * revision and retried on the new head if another writer got there first; 'no_stream' and an
 * exact revision go to EventStoreDB as they are, so EventStoreDB refuses a stale one itself.
 */
export class EsdbEventStore implements EventStore {
  private readonly ledger: EsdbCommandLedger;
  private hasher: Promise<EnvelopeHasher> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly sql: SqlClient,
  ) {
    this.ledger = new EsdbCommandLedger(sql);
  }

  /** `esdb://host:port?tls=false`, `esdb+discover://...` for a cluster (the client's connection string). */
  static connect(url: string, sql: SqlClient): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(url), sql);
  }

  async migrate(): Promise<void> {
    await this.ledger.migrate();
    await this.sql.exec(SERVER_SECRETS_SCHEMA);
  }

  /** The envelope hasher; the commitment secret lives in the PostgreSQL database beside EventStoreDB. */
  private envelopeHasher(): Promise<EnvelopeHasher> {
    this.hasher ??= appendHasher(this.sql).catch((error: unknown) => {
      this.hasher = undefined;
      throw error;
    });
    return this.hasher;
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError('an append needs at least one event', [{ field: 'events', message: 'empty' }]);
    const ids = events.map((e) => e.eventId.toLowerCase());
    if (new Set(ids).size !== ids.length) {
      throw new ValidationError('an event id appears twice in the batch', [{ field: 'eventId', message: 'duplicate' }], 'STREAM.DUPLICATE_EVENT_ID');
    }
    const expected = options.expectedRevision;
    const hasher = await this.envelopeHasher();
    for (let attempt = 0; ; attempt++) {
      const head = expected === 'no_stream' && attempt === 0 ? { revision: -1n, hash: GENESIS_HASH } : await this.head(stream);
      if (!matchesExpected(expected, head.revision)) return this.conflict(stream, expected, head.revision, options.commandId);
      const intent: EsdbAppendIntent = { stream, expectedRevision: head.revision, events: linkEvents(hasher, stream, head, events, linkedEvent) };
      let token: string | undefined;
      if (options.commandId === undefined) {
        await this.ledger.claimEventIds(intent.events);
      } else {
        token = (await this.ledger.reserve(options.commandId, intent, options.commandFingerprint)) ?? undefined;
        if (token === undefined) {
          const earlier = await this.findCommand(options.commandId);
          if (earlier !== null) return earlier;
          if (attempt >= MAX_HEAD_RETRIES) return this.conflict(stream, expected, head.revision, options.commandId);
          continue; // the earlier intent was dead and is released: try again with ours
        }
      }
      const outcome = await this.write(intent);
      if ('written' in outcome) {
        if (options.commandId !== undefined && token !== undefined) await this.ledger.complete(options.commandId, token, outcome.written);
        return outcome.written;
      }
      await this.ledger.release(intent.events, options.commandId === undefined || token === undefined ? undefined : { commandId: options.commandId, token });
      const pinned = typeof expected === 'bigint' || expected === 'no_stream';
      if (pinned || attempt >= MAX_HEAD_RETRIES) return this.conflict(stream, expected, outcome.actual, options.commandId);
    }
  }

  /** A repeated command finds the stream moved by its own first append: a duplicate, not a conflict. */
  private async conflict(stream: string, expected: ExpectedRevision, actual: bigint, commandId?: string): Promise<AppendResult> {
    const earlier = commandId === undefined ? null : await this.findCommand(commandId);
    if (earlier !== null) return earlier;
    throw new ConcurrencyError(stream, String(expected), actual);
  }

  /**
   * Appends the intent at its exact revision. EventStoreDB answers success also when the same
   * event ids already sit right after that revision (its idempotent write), so an intent lands
   * once whoever sends it; a wrong expected version means the revision went to other events.
   */
  private async write(intent: EsdbAppendIntent): Promise<WriteOutcome> {
    try {
      await this.client.appendToStream(intent.stream, intent.events.map(toEsdbEvent), {
        expectedRevision: intent.expectedRevision === -1n ? NO_STREAM : intent.expectedRevision,
        requiresLeader: true,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { actual: actualRevision(error) };
      throw error;
    }
    const first = intent.expectedRevision + 1n;
    const stored = await this.readStream(intent.stream, { from: first, maxCount: intent.events.length });
    const eventIds = intent.events.map((e) => e.eventId.toLowerCase());
    if (stored.map((e) => e.eventId.toLowerCase()).join() !== eventIds.join()) {
      throw new Error(`EventStoreDB acknowledged an append to ${intent.stream} at ${first} but holds other events there`);
    }
    return {
      written: {
        stream: intent.stream,
        nextExpectedRevision: intent.expectedRevision + BigInt(intent.events.length),
        positions: stored.map((e) => e.globalPosition),
        eventIds: intent.events.map((e) => e.eventId),
        duplicate: false,
      },
    };
  }

  private async head(stream: string): Promise<Head> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last === undefined ? { revision: -1n, hash: GENESIS_HASH } : { revision: last.streamRevision, hash: last.hash };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { from, to } = options;
    let maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (from !== undefined && to !== undefined) {
      const span = backwards ? from - to : to - from;
      if (span < 0n) return [];
      maxCount = Math.min(maxCount, Number(span) + 1);
    } else if (to !== undefined && !backwards) {
      maxCount = Math.min(maxCount, Number(to) + 1);
    }
    if (maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        fromRevision: from ?? (backwards ? END : 'start'),
        direction: backwards ? BACKWARDS : FORWARDS,
        maxCount,
        requiresLeader: true,
      });
      await consume(read, (resolved) => {
        const event = toRecordedEvent(resolved);
        if (event === null) return true;
        if (to !== undefined && (backwards ? event.streamRevision < to : event.streamRevision > to)) return false;
        events.push(event);
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    return (await this.scanAll(options, Number.POSITIVE_INFINITY)).events;
  }

  /**
   * `$all` holds only committed events and a commit position is never given to an earlier event
   * later, so the last position read is final: it is the cursor. A page examines at most
   * PAGE_SCAN events (system events included).
   */
  async readAllPage(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return this.scanAll(options, PAGE_SCAN);
  }

  private async scanAll(options: ReadAllOptions, maxScan: number): Promise<ReadAllPage> {
    const limit = options.limit ?? 1000;
    const events: RecordedEvent[] = [];
    let after = options.after ?? 0n;
    let examined = 0;
    // Ask for what the page still needs (+1: a read from a position includes it), doubling while a
    // filter or system events leave it short: the server streams every record asked for.
    let want = Math.min(ALL_PAGE, limit + 1);
    for (;;) {
      const read = this.client.readAll({ fromPosition: allFrom(after), direction: FORWARDS, maxCount: want });
      const seen = await consume(read, (resolved) => {
        const position = globalPosition(resolved);
        // Reads from a position include it; the port's `after` excludes it.
        if (position === undefined || position <= after) return true;
        after = position;
        examined++;
        const event = toRecordedEvent(resolved);
        if (event !== null && matchesFilter(event, options.filter)) events.push(event);
        return events.length < limit && examined < maxScan;
      });
      if (events.length >= limit || examined >= maxScan || seen < want) return { events, scannedTo: after };
      want = Math.min(ALL_PAGE, want * 2);
    }
  }

  async readAt(position: bigint): Promise<RecordedEvent | null> {
    if (position <= 0n) return null;
    let found: RecordedEvent | null = null;
    const read = this.client.readAll({ fromPosition: { commit: position, prepare: position }, direction: FORWARDS, maxCount: 1 });
    await consume(read, (resolved) => {
      if (globalPosition(resolved) === position) found = toRecordedEvent(resolved);
      return false;
    });
    return found;
  }

  subscribeToAll(options: Readonly<{ after?: bigint; filter?: ReadAllFilter; pollIntervalMs?: number }> = {}): Subscription {
    return esdbSubscription(this.client, { after: options.after ?? 0n, ...(options.filter === undefined ? {} : { filter: options.filter }) });
  }

  async findCommand(commandId: string): Promise<AppendResult | null> {
    const row = await this.ledger.find(commandId);
    if (row === null) return null;
    const result = row.result ?? (await this.settle(row));
    if (result === null) return null;
    return { ...result, duplicate: true, ...(row.fingerprint === null ? {} : { commandFingerprint: row.fingerprint }) };
  }

  /** A pending command: land its intent (or find it landed), or release it when its revision was taken. */
  private async settle(row: LedgerRow): Promise<LedgerRow['result']> {
    const outcome = await this.write(row.intent);
    if ('written' in outcome) {
      await this.ledger.complete(row.commandId, row.token, outcome.written);
      return outcome.written;
    }
    await this.ledger.release(row.intent.events, { commandId: row.commandId, token: row.token });
    return null;
  }

  async headPosition(): Promise<bigint> {
    let before: bigint | undefined;
    for (;;) {
      let head: bigint | undefined;
      const read = this.client.readAll({
        fromPosition: before === undefined ? END : { commit: before, prepare: before },
        direction: BACKWARDS,
        maxCount: ALL_PAGE,
      });
      const seen = await consume(read, (resolved) => {
        const position = globalPosition(resolved);
        if (position === undefined || (before !== undefined && position >= before)) return true;
        before = position;
        if (toRecordedEvent(resolved) !== null) head = position;
        return head === undefined;
      });
      if (head !== undefined) return head;
      if (seen < ALL_PAGE) return 0n;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
    await this.sql.close();
  }
}

/**
 * Feeds a read to `take` until it returns false, then cancels the gRPC call rather than leaving it
 * open on the channel. Returns how many events the server sent.
 */
const consume = async (read: StreamingRead<ResolvedEvent>, take: (resolved: ResolvedEvent) => boolean): Promise<number> => {
  let seen = 0;
  for await (const resolved of read) {
    seen++;
    if (!take(resolved as ResolvedEvent)) {
      await read.cancel();
      break;
    }
  }
  return seen;
};

