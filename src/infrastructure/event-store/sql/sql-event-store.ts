import { ConcurrencyError, GENESIS_HASH, ValidationError, type EventWithoutMetadata, type ProjectedEvent, type RecordedEvent } from '../../../domain/shared';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllFilter,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  Subscription,
} from '../../../application/ports/event-store.port';
import { LRUCache } from 'lru-cache';
import { linkedEvent, linkEvents, type EnvelopeHasher, type NewEventScheme } from '../event-hash';
import { appendHasher } from './server-secrets';
import { EVENT_STORE_SCHEMA, TYPE_INDEX_SQL } from './event-store-schema';
import type { QueryOptions, SqlClient } from './sql-client';
import { pollingSubscription } from './polling-subscription';
import { groupCommitter, type GroupCommitter } from './group-commit';

type EventRow = {
  global_position: string | number | bigint;
  event_id: string;
  stream_id: string;
  stream_revision: string | number | bigint;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  prev_hash: string;
  hash: string;
};

type Head = { revision: bigint; hash: string };

/** What a transparency log leaf needs of an event: its position and hash (the leaf), its id (the leaf's row). */
export type EventLeafSource = Pick<RecordedEvent, 'globalPosition' | 'eventId' | 'hash'>;
const LEAF_COLUMNS = 'global_position, event_id, hash';

/** The envelope without its hash-chain links and metadata (EventWithoutMetadata). */
const DATA_COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, schema_version, data';
/** The envelope without its hash-chain links: what read models fold (ProjectedEvent). */
const PROJECTED_COLUMNS = `${DATA_COLUMNS}, metadata`;
const EVENT_COLUMNS = `${PROJECTED_COLUMNS}, prev_hash, hash`;
const HEAD_CACHE_SIZE = 100_000;
/** How far past its cursor one readAllPage looks at most (positions), so a rare filter cannot scan the whole log. */
export const SCAN_WINDOW = 50_000n;
/**
 * Flushes in flight at once per store on PostgreSQL; what arrives meanwhile is grouped. 4 was fastest
 * of 1/2/4/8 in bench W1 at 8 in flight before the client's CPU per append was cut; since, on the
 * 2-core bench machine (busy), CPU per append (client + backend, append-cpu.ts, 5 alternating rounds)
 * was 340 us with 1, 416 with 2, 653 with 4, and 2 beat 4 in wall time in 4 of 5 rounds (1: 3 of 5).
 * Since a free flush waits for the end of the turn (group-commit.ts), W1's closed loop of 8 comes back
 * together; DEFAULT_MIN_SHARE splits it into two flushes of 4 that overlap. Requests that trickle in
 * (HTTP) go into whichever flush is free.
 */
const DEFAULT_MAX_FLUSHES = 2;
/**
 * What waits is split between the two flushes when each gets at least this many (group-commit.ts
 * `minShare`). W1 at 8 in flight on PostgreSQL, bench alternating with no split (2026-11-30, idle,
 * AMD EPYC 2 cores): 1.035-1.167x against 0.869-0.927x the one-insert baseline; with one core kept
 * busy by another process 1.19-1.57x against 1.92-2.10x (bench/README "W1 at 8 in flight: two flushes of 4").
 */
const DEFAULT_MIN_SHARE = 4;
const MAX_BATCH = 64;

/** One append: its stream, its JSON for cl_append_batch (short keys: stream, head, command, fingerprint, events) and its last hash. */
type AppendRequest = Readonly<{ stream: string; wire: string; lastHash: string }>;
type AppendOutcome =
  | Readonly<{ status: 'ok'; revision: bigint; positions: readonly bigint[]; lastHash: string }>
  | Readonly<{ status: 'conflict' | 'duplicate_command' | 'duplicate_event' | 'hash_mismatch'; revision: bigint }>;

/**
 * An ERROR the database answered with: the statement, and its autocommit transaction, failed whole
 * and the session lives on. Not FATAL (a terminated session may have committed before it ended).
 */
const isDatabaseAnswer = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { severity, code } = error as { severity?: unknown; code?: unknown };
  return severity === 'ERROR' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const MAX_HEAD_RETRIES = 20;

/**
 * The store's statements are few and fixed in shape, over cl_events (whose columns only migrations
 * change), each an index lookup or range whatever the parameters: the session keeps them prepared
 * (QueryOptions.prepare, both stores).
 * Not a prefix filter (LIKE $n): only a plan for the given prefix can use the index for it.
 */
const PREPARE: QueryOptions = { prepare: true };

/**
 * A position or revision as the driver gives it (text for int8): through Number while that is exact,
 * ~2.5x cheaper than BigInt(text), and every event a reader or the runner reads has two of them.
 */
const big = (value: string | number | bigint): bigint => {
  if (typeof value === 'bigint') return value;
  const exact = Number(value);
  return Number.isSafeInteger(exact) ? BigInt(exact) : BigInt(value);
};
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** The one row mapping of the envelope; toProjectedEvent and toRecordedEvent set more on its result (no spread: see toRecordedEvent). */
const toEventWithoutMetadata = (row: Omit<EventRow, 'prev_hash' | 'hash' | 'metadata'>): EventWithoutMetadata => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: json(row.data) as Record<string, unknown>,
  stream: row.stream_id,
  streamRevision: big(row.stream_revision),
  globalPosition: big(row.global_position),
});

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The event without metadata with the metadata set on it (as toRecordedEvent sets the links). */
export const toProjectedEvent = (row: Omit<EventRow, 'prev_hash' | 'hash'>): ProjectedEvent => {
  const event = toEventWithoutMetadata(row) as Writable<ProjectedEvent>;
  event.metadata = json(row.metadata) as RecordedEvent['metadata'];
  return event;
};

/**
 * The projected event with its links set on it: spreading it into a new object instead cost
 * ~1-2 us an event in V8 (bench W2 read ~10 % fewer events a second).
 */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const event = toProjectedEvent(row) as Writable<RecordedEvent>;
  event.prevHash = row.prev_hash;
  event.hash = row.hash;
  return event;
};

/**
 * The first global position not yet final (see cl_read_horizon): a reader may see every row below it.
 * Read it in its own statement BEFORE the rows, so the rows' snapshot is taken after it and every
 * append that ended before it is seen. Every gap-safe reader of cl_events (readAll, the feed) uses it.
 */
export const readHorizon = async (sql: Pick<SqlClient, 'query'>): Promise<string> => {
  const { rows } = await sql.query<{ horizon: string }>('SELECT cl_read_horizon()::text AS horizon', [], PREPARE);
  const horizon = rows[0]?.horizon;
  if (horizon === undefined) throw new Error('cl_read_horizon returned no row');
  return horizon;
};

/** The event store on PostgreSQL or PGlite: one SQL, one append function (see event-store-schema.ts). */
export class SqlEventStore implements EventStore {
  /** Stream heads this process has seen; a stale entry only costs a retry, never correctness. */
  private readonly heads = new LRUCache<string, Head>({ max: HEAD_CACHE_SIZE });

  /** Appends go through group commit (see group-commit.ts and cl_append_batch). */
  private readonly submit: GroupCommitter<AppendRequest, AppendOutcome>;
  /** Whether migrate() creates the (type, position) index and type-filtered reads use it. */
  private readonly typeIndex: boolean;
  /** The scheme new events are hashed under (`legacy` only to compare costs, bench W1). */
  private readonly hashScheme: NewEventScheme | undefined;
  private hasher: Promise<EnvelopeHasher> | undefined;

  constructor(
    private readonly sql: SqlClient,
    options: Readonly<{ maxFlushes?: number; maxBatch?: number; minShare?: number; typeIndex?: boolean; hashScheme?: NewEventScheme }> = {},
  ) {
    this.typeIndex = options.typeIndex ?? false;
    this.hashScheme = options.hashScheme;
    this.submit = groupCommitter((requests) => this.appendBatch(requests), {
      // PGlite is one session: a second flush would only queue behind the first.
      maxFlushes: options.maxFlushes ?? (sql.dialect === 'pglite' ? 1 : DEFAULT_MAX_FLUSHES),
      maxBatch: options.maxBatch ?? MAX_BATCH,
      minShare: options.minShare ?? DEFAULT_MIN_SHARE,
      retryAlone: isDatabaseAnswer,
    });
  }

  async migrate(): Promise<void> {
    await this.sql.exec(EVENT_STORE_SCHEMA);
    if (this.typeIndex) await this.sql.exec(TYPE_INDEX_SQL);
  }

  /** The envelope hasher, with the commitment secret read (or created) once. */
  private envelopeHasher(): Promise<EnvelopeHasher> {
    this.hasher ??= appendHasher(this.sql, this.hashScheme).catch((error: unknown) => {
      this.hasher = undefined;
      throw error;
    });
    return this.hasher;
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError('an append needs at least one event', [{ field: 'events', message: 'empty' }]);
    const expected = options.expectedRevision;
    const hasher = await this.envelopeHasher();
    for (let attempt = 0; ; attempt++) {
      const head = await this.headFor(stream, expected, attempt > 0);
      if (!matchesExpected(expected, head.revision)) return this.conflict(stream, expected, head.revision, options.commandId);
      const outcome = await this.submit(this.request(hasher, stream, head, events, options.commandId, options.commandFingerprint));
      switch (outcome.status) {
        case 'ok':
          this.heads.set(stream, { revision: outcome.revision, hash: outcome.lastHash });
          return {
            stream,
            nextExpectedRevision: outcome.revision,
            positions: outcome.positions,
            eventIds: events.map((e) => e.eventId.toLowerCase()),
            duplicate: false,
          };
        case 'duplicate_command': {
          const earlier = options.commandId === undefined ? null : await this.findCommand(options.commandId);
          if (earlier !== null) return earlier;
          throw new Error(`command ${options.commandId ?? ''} recorded but not found`);
        }
        case 'duplicate_event':
          throw new ValidationError('an event id is already stored', [{ field: 'eventId', message: 'duplicate' }], 'STREAM.DUPLICATE_EVENT_ID');
        case 'hash_mismatch':
          throw new Error(`prevHash does not match the stored head of ${stream}`);
        case 'conflict': {
          this.heads.delete(stream);
          // 'any' and 'stream_exists' do not pin a revision: chain again on the new head.
          const pinned = typeof expected === 'bigint' || expected === 'no_stream';
          if (pinned || attempt >= MAX_HEAD_RETRIES) return this.conflict(stream, expected, outcome.revision, options.commandId);
        }
      }
    }
  }

  /** A repeated command finds the stream already moved by its own first append: a duplicate, not a conflict. */
  private async conflict(stream: string, expected: AppendOptions['expectedRevision'], actual: bigint, commandId?: string): Promise<AppendResult> {
    const earlier = commandId === undefined ? null : await this.findCommand(commandId);
    if (earlier !== null) return earlier;
    throw new ConcurrencyError(stream, String(expected), actual);
  }

  /** Chains the events on `head` (prevHash and hash of each, as every adapter chains them) and writes the request's JSON once. */
  private request(hasher: EnvelopeHasher, stream: string, head: Head, events: readonly EventToAppend[], commandId?: string, fingerprint?: string): AppendRequest {
    const payload = linkEvents(hasher, stream, head, events, linkedEvent);
    const lastHash = payload[payload.length - 1]?.hash ?? head.hash;
    const wire = JSON.stringify({ s: stream, h: head.revision.toString(), c: commandId ?? null, f: fingerprint ?? null, e: payload });
    return { stream, wire, lastHash };
  }

  /**
   * One transaction for every request (cl_append_batch), each checked and reported on its own.
   * Requests go in stream order, so two flushes that share streams wait for each other in one order.
   */
  private async appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const order = requests.map((_, index) => index);
    if (requests.length > 1) order.sort((a, b) => compare((requests[a] as AppendRequest).stream, (requests[b] as AppendRequest).stream) || a - b);
    const body = `[${order.map((index) => (requests[index] as AppendRequest).wire).join(',')}]`;
    const { rows } = await this.sql.query<{ out_index: number; out_status: AppendOutcome['status']; out_revision: string; out_positions: unknown }>(
      'SELECT * FROM cl_append_batch($1::jsonb)',
      [body],
      // Parsed once per connection (bench/diagnose/append-wire.ts: backend CPU per append 0.88x unprepared).
      PREPARE,
    );
    const outcomes = new Array<AppendOutcome>(requests.length);
    for (const row of rows) {
      const index = order[row.out_index] as number;
      const revision = big(row.out_revision);
      outcomes[index] =
        row.out_status === 'ok'
          ? { status: 'ok', revision, positions: toArray(row.out_positions).map((p) => big(p as string)), lastHash: (requests[index] as AppendRequest).lastHash }
          : { status: row.out_status, revision };
    }
    if (rows.length !== requests.length) throw new Error(`cl_append_batch returned ${rows.length} outcomes for ${requests.length} requests`);
    return outcomes;
  }

  private async headFor(stream: string, expected: AppendOptions['expectedRevision'], fresh: boolean): Promise<Head> {
    if (expected === 'no_stream' && !fresh) return { revision: -1n, hash: GENESIS_HASH };
    const cached = fresh ? undefined : this.heads.get(stream);
    if (cached !== undefined && (typeof expected !== 'bigint' || cached.revision === expected)) return cached;
    const { rows } = await this.sql.query<{ stream_revision: string; hash: string }>(
      'SELECT stream_revision, hash FROM cl_events WHERE stream_id = $1 ORDER BY stream_revision DESC LIMIT 1',
      [stream],
    );
    const row = rows[0];
    if (row === undefined) return { revision: -1n, hash: GENESIS_HASH };
    return { revision: big(row.stream_revision), hash: row.hash };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [stream];
    const where = ['stream_id = $1'];
    if (options.from !== undefined) {
      params.push(options.from.toString());
      where.push(`stream_revision ${backwards ? '<=' : '>='} $${params.length}`);
    }
    if (options.to !== undefined) {
      params.push(options.to.toString());
      where.push(`stream_revision ${backwards ? '>=' : '<='} $${params.length}`);
    }
    let sql = `SELECT ${EVENT_COLUMNS} FROM cl_events WHERE ${where.join(' AND ')} ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}`;
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      sql += ` LIMIT $${params.length}`;
    }
    const { rows } = await this.sql.query<EventRow>(sql, params, PREPARE);
    return rows.map(toRecordedEvent);
  }

  private horizon(): Promise<string> {
    return readHorizon(this.sql);
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    return (await this.readAllRows<EventRow>(EVENT_COLUMNS, options)).map(toRecordedEvent);
  }

  /**
   * As readAll, only what a transparency log leaf is made of (the position and the event's hash)
   * and the event id its leaf row keeps: the log builder's feed. Without the envelope's JSON
   * (data and metadata are most of a row's bytes, and turning jsonb into text most of the
   * server's work for a page), which on PGlite runs in the service's own thread.
   */
  async readAllLeaves(options: ReadAllOptions = {}): Promise<readonly EventLeafSource[]> {
    return (await this.readAllRows<Pick<EventRow, 'global_position' | 'event_id' | 'hash'>>(LEAF_COLUMNS, options)).map((row) => ({
      globalPosition: big(row.global_position),
      eventId: row.event_id,
      hash: row.hash,
    }));
  }

  /**
   * As readAll, without the hash-chain links (the projection runner's feed: no fold reads them).
   * The two hex hashes are about a sixth of a row's bytes; a page of 1000 costs ~15% less client
   * CPU to read (bench/README.md, "W3: pages without the hash links").
   */
  async readAllProjected(options: ReadAllOptions = {}): Promise<readonly ProjectedEvent[]> {
    return (await this.readAllRows<Omit<EventRow, 'prev_hash' | 'hash'>>(PROJECTED_COLUMNS, options)).map(toProjectedEvent);
  }

  /**
   * As readAllProjected, without the metadata either (the feed of read models that read none).
   * The metadata is ~350 of a row's ~620 bytes, and turning the jsonb into text is most of the
   * server's work for a page (bench/README.md, "W3: pages without the metadata").
   */
  async readAllWithoutMetadata(options: ReadAllOptions = {}): Promise<readonly EventWithoutMetadata[]> {
    return (await this.readAllRows<Omit<EventRow, 'prev_hash' | 'hash' | 'metadata'>>(DATA_COLUMNS, options)).map(toEventWithoutMetadata);
  }

  private async readAllRows<Row extends Record<string, unknown>>(columns: string, options: ReadAllOptions): Promise<Row[]> {
    const params: unknown[] = [(options.after ?? 0n).toString(), options.limit ?? 1000, await this.horizon()];
    const VISIBLE = 'global_position < $3';
    const types = options.filter?.types;
    const prefix = options.filter?.streamPrefix === undefined ? [] : [streamPrefixClause(options.filter.streamPrefix, params)];
    if (types === undefined || !this.typeIndex) {
      const where = ['global_position > $1', ...prefix];
      if (types !== undefined) {
        params.push([...types]);
        where.push(`type = ANY($${params.length}::text[])`);
      }
      // The horizon filters the limited page, not the scan: every row below it precedes every row
      // at or above it, so the result is the same, and the planner cannot turn the two-sided range
      // into a bitmap scan of the whole tail plus a sort (it did on a freshly loaded table without
      // statistics: 80 ms instead of 3 ms for a page of 1000 at 50k events, the bench's W3).
      const { rows } = await this.sql.query<Row>(
        `SELECT * FROM (SELECT ${columns} FROM cl_events WHERE ${where.join(' AND ')}
           ORDER BY global_position LIMIT $2) page WHERE ${VISIBLE} ORDER BY global_position`,
        params,
        prefix.length === 0 ? PREPARE : {},
      );
      return rows;
    }
    // One ordered, limited index range per type, merged: the cost stays bounded by
    // types x limit however far behind the reader is, whatever the planner's statistics say.
    params.push([...types]);
    const where = ['e.type = wanted.type', 'e.global_position > $1', VISIBLE, ...prefix];
    const { rows } = await this.sql.query<Row>(
      `SELECT page.* FROM unnest($${params.length}::text[]) AS wanted(type)
       CROSS JOIN LATERAL (
         SELECT ${columns} FROM cl_events e WHERE ${where.join(' AND ')} ORDER BY e.global_position LIMIT $2
       ) AS page
       ORDER BY page.global_position LIMIT $2`,
      params,
    );
    return rows;
  }

  /**
   * The page and the head (the highest position a reader may see now) come from one statement, so
   * every position up to the returned cursor is final: the head is read below the read horizon,
   * taken before the page's snapshot. A page looks at most SCAN_WINDOW positions past `after`.
   */
  async readAllPage(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? 0n;
    const limit = options.limit ?? 1000;
    const params: unknown[] = [after.toString(), limit, (after + SCAN_WINDOW).toString(), await this.horizon()];
    const where = ['e.global_position > $1', 'e.global_position <= h.head', 'e.global_position <= $3'];
    if (options.filter?.types !== undefined) {
      params.push([...options.filter.types]);
      where.push(`e.type = ANY($${params.length}::text[])`);
    }
    if (options.filter?.streamPrefix !== undefined) where.push(`e.${streamPrefixClause(options.filter.streamPrefix, params)}`);
    // One statement: the page and the head share a snapshot. The head row comes back even when no event matches.
    const { rows } = await this.sql.query<EventRow & { head: string | null }>(
      `WITH h AS (SELECT max(global_position) AS head FROM cl_events WHERE global_position < $4)
       SELECT h.head, p.* FROM h LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM cl_events e
          WHERE ${where.join(' AND ')} ORDER BY e.global_position LIMIT $2
       ) p ON true`,
      params,
      options.filter?.streamPrefix === undefined ? PREPARE : {},
    );
    const head = rows[0]?.head === null || rows[0]?.head === undefined ? 0n : big(rows[0].head);
    const events = rows.filter((row) => row.global_position !== null).map(toRecordedEvent);
    if (events.length === limit) return { events, scannedTo: events[events.length - 1]!.globalPosition };
    // A short page: everything up to the head (or the end of the scan window) has been examined.
    const windowEnd = after + SCAN_WINDOW;
    const reached = head < windowEnd ? head : windowEnd;
    return { events, scannedTo: reached > after ? reached : after };
  }

  async readAt(position: bigint): Promise<RecordedEvent | null> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM cl_events WHERE global_position = $1 AND global_position < $2`,
      [position.toString(), await this.horizon()],
      PREPARE,
    );
    return rows[0] === undefined ? null : toRecordedEvent(rows[0]);
  }

  subscribeToAll(options: Readonly<{ after?: bigint; filter?: ReadAllFilter; pollIntervalMs?: number }> = {}): Subscription {
    return pollingSubscription((after, limit) => this.readAll({ after, limit, ...(options.filter ? { filter: options.filter } : {}) }), {
      after: options.after ?? 0n,
      pollIntervalMs: options.pollIntervalMs ?? 50,
    });
  }

  async findCommand(commandId: string): Promise<AppendResult | null> {
    const { rows } = await this.sql.query<{ stream_id: string; revision: string; positions: unknown; event_ids: unknown; fingerprint: string | null }>(
      'SELECT stream_id, revision, positions, event_ids, fingerprint FROM cl_commands WHERE command_id = $1',
      [commandId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      stream: row.stream_id,
      nextExpectedRevision: big(row.revision),
      positions: toArray(row.positions).map((p) => big(p as string)),
      eventIds: toArray(row.event_ids).map(String),
      duplicate: true,
      ...(row.fingerprint === null ? {} : { commandFingerprint: row.fingerprint }),
    };
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.sql.query<{ global_position: string }>(
      'SELECT global_position FROM cl_events WHERE global_position < $1 ORDER BY global_position DESC LIMIT 1',
      [await this.horizon()],
    );
    return rows[0] === undefined ? 0n : big(rows[0].global_position);
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}

export const matchesExpected = (expected: AppendOptions['expectedRevision'], actual: bigint): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === -1n) ||
  (expected === 'stream_exists' && actual >= 0n) ||
  (typeof expected === 'bigint' && expected === actual);

const streamPrefixClause = (prefix: string, params: unknown[]): string => {
  params.push(prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%');
  return `stream_id LIKE $${params.length}`;
};

/** pg returns arrays parsed; PGlite may too. Accept a Postgres array literal as a fallback. */
const toArray = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const inner = value.replace(/^\{|\}$/g, '');
    return inner === '' ? [] : inner.split(',');
  }
  return [];
};
