import type { DataSource } from 'typeorm';
import type { ProjectedEvent } from '../domain/shared';
import type { EventFeed, ProjectionSql } from './projection-ports';
import { readsMetadata, type AnyProjection } from './projection';
import type { ProjectionLocks } from './projection-locks';
import { projectionLag, type ProjectionLag } from './projection-metrics';
import { nextPollMs } from './projection-poll';
import { quoteIdent, tableModelOf, type TableModel } from './projection-table';
import { foldBatch, groupByRow, loadRows, moveCheckpoints, writeBatch, type CheckpointMove, type FoldedBatch, type KnownRows } from './projection-writer';
import {
  buildKey,
  ensureBuild,
  listBuilds,
  migrateProjectionSchema,
  swapIfCaughtUp,
  type ProjectionBuild,
} from './projection-store';

export type ProjectionRunnerOptions = Readonly<{
  sql: ProjectionSql;
  feed: EventFeed;
  /** Holds the projections' entities; used for their table metadata. */
  dataSource: DataSource;
  projections: readonly AnyProjection[];
  locks: ProjectionLocks;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Projections stepped at once in a pass (default 1); each uses up to three sessions while catching up. */
  concurrency?: number;
  /** Brings stored events to the current schema version (the event-type registry's upcast). */
  upcast?: (event: ProjectedEvent) => ProjectedEvent;
  onError?: (error: unknown, projection: string) => void;
}>;

export class ProjectionOwnershipLost extends Error {
  constructor(readonly build: string) {
    super(`projection build ${build} was moved by another runner or retired; batch rolled back`);
  }
}

type DrainResult = { caughtUp: boolean; head: bigint };

/** A page folded into the batch that moves the checkpoint to `to`, and the rows it started from. */
type FoldedPage = { to: bigint; full: boolean; batch: FoldedBatch; keys: string[]; rows: KnownRows };
/** A full page with nothing for the projection, read up to `skipped`: no write of its own. */
type SkippedPage = { skipped: bigint };

/** A checkpoint-only move is written at the latest after this many skipped pages in a row. */
const MAX_SKIPPED_PAGES = 20;

const NOTHING: FoldedBatch = { upserts: [], deletes: [] };

/**
 * Every key a build's table can hold a row for, while the build is young: the keys this runner
 * wrote since the build started at position 0 (an empty table), as of the checkpoint `position`.
 * A key outside it has no row, so a page's first-seen keys need no load. Valid only while the
 * build's checkpoint is still `position` (nobody else wrote since: every write moves it).
 */
type WrittenKeys = { position: bigint; keys: Set<string> };

/** Keys tracked per build at most; past it the build loads rows as usual (memory stays bounded). */
const MAX_TRACKED_KEYS = 50_000;

/**
 * What one pass shares between its projections: the builds (one query), the head (read once,
 * before any page) and the pages read (every projection at the same checkpoint reads the same page).
 */
type Pass = Readonly<{
  builds: Map<string, ProjectionBuild[]>;
  head: bigint;
  /** Undefined when at most one build has anything to read: nobody to share with, and pages kept for the whole pass are garbage the GC copies and promotes. */
  pages: Map<string, Promise<readonly ProjectedEvent[]>> | undefined;
  /** Checkpoint-only moves of active builds (a last page with nothing for them), written together after the pass. */
  moves: Array<{ projection: string; move: CheckpointMove }>;
}>;

/**
 * Keeps every registered projection up to date from the global feed. A batch and its checkpoint
 * move commit together; a newer version builds beside the active one and is swapped in once it has
 * caught up (blue/green). One runner owns a build at a time (see ProjectionLocks).
 */
export class ProjectionRunner {
  private readonly models = new Map<string, TableModel>();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly busy = new Set<string>();
  private readonly growth = new Map<string, { written: number; next: number }>();
  private readonly writtenKeys = new Map<string, WrittenKeys>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private migrated = false;
  /** The head and start time of the last pass, and the events that arrived since the one before it (the poll after it). */
  private lastPass: { head: bigint; at: number; events: number; elapsedMs: number } | undefined;
  /** Whether the pages a pass shares carry the metadata: when any registered read model reads it (any may read them). */
  private readonly passMetadata: boolean;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.passMetadata = options.projections.some(readsMetadata);
    const names = new Set<string>();
    for (const projection of options.projections) {
      if (names.has(projection.name)) throw new Error(`projection ${projection.name} registered twice`);
      names.add(projection.name);
      this.models.set(projection.name, tableModelOf(options.dataSource, projection));
    }
  }

  /**
   * Creates the bookkeeping tables and each projection's table and view (so queries work at once),
   * then polls in the background.
   */
  async start(): Promise<void> {
    if (this.loop !== undefined) return;
    await this.prepare();
    this.stopping = false;
    this.loop = this.run();
  }

  /** Creates the bookkeeping tables and each projection's table and view, without applying anything. */
  async prepare(): Promise<void> {
    await this.migrate();
    for (const projection of this.options.projections) await this.buildsOf(projection);
  }

  /** Finishes the batch in flight, stops polling and releases ownership. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.options.locks.close();
  }

  /** Runs passes until every build this runner owns has caught up with the head (tests, CLI). */
  async catchUp(): Promise<void> {
    await this.migrate();
    while (!(await this.runOnce(true))) {
      // keep going: each pass applies at most a bounded number of batches per build
    }
  }

  /**
   * The global position every registered read model has applied: the lowest checkpoint among their
   * active builds (0 while one has none yet). A read made after this returns reflects every event at
   * or below it.
   */
  async appliedPosition(): Promise<bigint> {
    await this.migrate();
    const names = new Set(this.options.projections.map((p) => p.name));
    const active = (await listBuilds(this.options.sql)).filter((b) => b.status === 'active' && names.has(b.name));
    if (names.size === 0) return await this.options.feed.headPosition();
    if (new Set(active.map((b) => b.name)).size < names.size) return 0n;
    return active.reduce((min, b) => (b.position < min ? b.position : min), active[0]!.position);
  }

  /** The feed's head: the position of the last stored event. */
  headPosition(): Promise<bigint> {
    return this.options.feed.headPosition();
  }

  /** Ends the current poll interval now (a reader is waiting for a position). */
  poke(): void {
    this.wake?.();
  }

  /** Lag per live build; the service polls this for its metrics. */
  lag(): Promise<ProjectionLag[]> {
    return projectionLag(this.options.sql, this.options.feed);
  }

  /**
   * Builds the projection again from position 0 into a new table beside the active one and swaps
   * it in when caught up. Resolves with the new build once it is active.
   */
  async rebuild(name: string, onProgress?: (position: bigint, head: bigint) => void): Promise<ProjectionBuild> {
    const projection = this.projection(name);
    await this.migrate();
    const build = await ensureBuild(this.options.sql, projection, this.model(name), true);
    if (build === null) throw new Error(`could not start a rebuild of ${name}`);
    const key = buildKey(build);
    this.busy.add(key);
    try {
      if (!(await this.options.locks.tryAcquire(key))) throw new Error(`${key} is owned by another runner`);
      for (;;) {
        const result = await this.drain(projection, build, Number.MAX_SAFE_INTEGER, onProgress);
        if (result.caughtUp && build.status === 'active') return build;
        if (result.caughtUp && (await swapIfCaughtUp(this.options.sql, build, result.head))) return { ...build, status: 'active' };
      }
    } finally {
      this.busy.delete(key);
    }
  }

  private async migrate(): Promise<void> {
    if (this.migrated) return;
    await migrateProjectionSchema(this.options.sql);
    this.migrated = true;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      // Never let the loop die (a rejected loop would be an unhandled rejection): errors wait a poll.
      const caughtUp = await this.runOnce(false).catch((error: unknown) => {
        this.options.onError?.(error, '*');
        return true;
      });
      const last = this.lastPass;
      if (caughtUp && !this.stopping) await this.sleep(last === undefined ? this.pollIntervalMs : nextPollMs(this.pollIntervalMs, last.events, last.elapsedMs));
      // PGlite resolves every query as a microtask: yield so timers and I/O still run during a backlog.
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * One pass over every projection (at most 20 batches per build); true when everything this
   * runner owns has caught up. Errors are thrown when `throwErrors`, otherwise reported to onError.
   */
  async runOnce(throwErrors = true): Promise<boolean> {
    await this.migrate();
    let allCaughtUp = true;
    let pass: Pass;
    try {
      const builds = new Map<string, ProjectionBuild[]>();
      for (const build of await listBuilds(this.options.sql)) builds.set(build.name, [...(builds.get(build.name) ?? []), build]);
      // Read after the builds: a checkpoint listed above is never ahead of this head.
      const head = await this.options.feed.headPosition();
      const at = performance.now();
      const previous = this.lastPass;
      this.lastPass = {
        head,
        at,
        events: previous === undefined || head < previous.head ? 0 : Number(head - previous.head),
        elapsedMs: previous === undefined ? 0 : at - previous.at,
      };
      const names = new Set(this.options.projections.map((p) => p.name));
      const readers = [...builds.values()].flat().filter((b) => names.has(b.name) && b.status !== 'retired' && b.position < head).length;
      pass = { builds, head, pages: readers > 1 ? new Map() : undefined, moves: [] };
    } catch (error) {
      if (throwErrors) throw error;
      this.options.onError?.(error, '*');
      return true;
    }
    // Projections step side by side (each its own build, table and statements; pages are shared
    // through the pass): with 19 read models one after the other, a pass was 19 round trips or more.
    const queue = [...this.options.projections];
    const errors: unknown[] = [];
    const worker = async (): Promise<void> => {
      for (let projection = queue.shift(); projection !== undefined && !this.stopping; projection = queue.shift()) {
        try {
          if (!(await this.step(projection, pass))) allCaughtUp = false;
        } catch (error) {
          if (throwErrors) errors.push(error);
          else this.options.onError?.(error, projection.name);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    try {
      // Every active build whose last page had nothing for it: one statement for all of them.
      for (const lost of await moveCheckpoints(this.options.sql, pass.moves.map((m) => m.move))) {
        const projection = pass.moves.find((m) => m.move === lost)?.projection ?? '*';
        const error = new ProjectionOwnershipLost(buildKey(lost));
        if (throwErrors) errors.push(error);
        else this.options.onError?.(error, projection);
      }
    } catch (error) {
      if (throwErrors) errors.push(error);
      else this.options.onError?.(error, '*');
    }
    if (errors.length > 0) throw errors[0];
    if (this.stopping) return true;
    return allCaughtUp;
  }

  /** The projection's builds, after starting one for its code version if that is newer than the active one. */
  private async buildsOf(projection: AnyProjection, listed?: readonly ProjectionBuild[]): Promise<ProjectionBuild[]> {
    const builds = listed === undefined ? await listBuilds(this.options.sql, projection.name) : [...listed];
    const active = builds.find((b) => b.status === 'active');
    const needsBuild =
      (active === undefined || active.version < projection.version) &&
      !builds.some((b) => b.status === 'building' && b.version === projection.version);
    if (!needsBuild) return builds;
    await ensureBuild(this.options.sql, projection, this.model(projection.name));
    return listBuilds(this.options.sql, projection.name);
  }

  private async step(projection: AnyProjection, pass: Pass): Promise<boolean> {
    const builds = await this.buildsOf(projection, pass.builds.get(projection.name) ?? []);
    let caughtUp = true;
    for (const build of builds) {
      const key = buildKey(build);
      if (build.status === 'retired') {
        await this.options.locks.release(key);
        continue;
      }
      // A runner only drives builds of the fold it has; older code leaves newer versions alone.
      if (build.version !== projection.version || this.busy.has(key)) continue;
      if (!(await this.options.locks.tryAcquire(key))) continue;
      // Nothing new since the pass began: no read, no transaction.
      const result = build.position >= pass.head ? { caughtUp: true, head: pass.head } : await this.drain(projection, build, 20, undefined, pass);
      if (!result.caughtUp) caughtUp = false;
      else if (build.status === 'building') await swapIfCaughtUp(this.options.sql, build, result.head);
    }
    return caughtUp;
  }

  /** Applies up to `maxBatches` batches to `build` (whose position it updates). */
  private async drain(
    projection: AnyProjection,
    build: ProjectionBuild,
    maxBatches: number,
    onProgress?: (position: bigint, head: bigint) => void,
    pass?: Pass,
  ): Promise<DrainResult> {
    const { sql, feed } = this.options;
    const model = this.model(projection.name);
    // Every position at or below a head read before a page is final, so a short page lets the
    // checkpoint move to that head even when nothing in between was for this projection.
    const head = pass?.head ?? (await feed.headPosition());
    // Unfiltered pages, filtered here by canHandle: on PostgreSQL a `type = ANY(...)` filter
    // makes the planner sort the whole type index per page (10x slower at 100k events).
    // Within a pass every page is read after the pass's head, so projections share them.
    // Pages come upcast (the registry's current schema versions).
    const upcast = this.options.upcast;
    // Without the metadata when no fold that reads these pages reads it (their types do not have it):
    // pages a pass shares may be read by any registered read model, other pages by this one only.
    const withoutMetadata = !(pass?.pages === undefined ? readsMetadata(projection) : this.passMetadata);
    const fetch = (after: bigint): Promise<readonly ProjectedEvent[]> =>
      feed
        .readAll(withoutMetadata ? { after, limit: this.batchSize, metadata: false } : { after, limit: this.batchSize })
        .then((page) => (upcast === undefined ? page : page.map(upcast)));
    const read = (after: bigint): Promise<readonly ProjectedEvent[]> => {
      const pages = pass?.pages;
      if (pages === undefined) return fetch(after);
      const key = after.toString();
      let page = pages.get(key);
      if (page === undefined) {
        page = fetch(after);
        pages.set(key, page);
      }
      return page;
    };
    let next = read(build.position);
    // When the runner stops before awaiting it (the store may be closing), its failure is nobody's.
    next.catch(() => undefined);
    // The table's rows for some keys at the checkpoint `build.position`: the rows the last batch
    // loaded or wrote. Every table write moves the checkpoint in the same statement, and a
    // checkpoint never comes back, so these stay true for as long as our compare-and-set succeeds;
    // if another writer got in between, our next write finds the checkpoint moved and writes nothing.
    let known: KnownRows = new Map();
    // The rows of the next page's keys that `known` will not hold, loaded while this page is written.
    let preloaded: Promise<KnownRows> | undefined;
    // A young build's written keys: a key outside them has no row, so it needs no load.
    const trackingKey = buildKey(build);
    let tracked = this.trackedKeys(build);
    const load = async (keys: readonly string[]): Promise<KnownRows> => {
      if (tracked === undefined) return loadRows(sql, model, build.tableName, keys);
      const absent = tracked.keys;
      const rows = await loadRows(sql, model, build.tableName, keys.filter((key) => absent.has(key)));
      for (const key of keys) if (!rows.has(key)) rows.set(key, null);
      return rows;
    };
    // Read up to `at`; the checkpoint (build.position) moves only when something is written. Pages
    // with nothing for this projection write nothing of their own: their move rides with the next
    // batch's compare-and-set (from the checkpoint to that page's end), or is written once when the
    // drain ends, with the pass's other moves when it can. One statement per such page and read
    // model was 613 of 5 s on PGlite under W6 at 32 in flight (8% of the service's thread).
    let at = build.position;
    let skipped = 0;
    // An active build in a pass leaves its move to the pass (a pass drains at most 20 pages).
    const defers = pass !== undefined && build.status === 'active';
    const committed = (to: bigint): void => {
      build.position = to;
      if (tracked !== undefined) tracked.position = to;
      skipped = 0;
    };
    /** Writes the move of the pages skipped since the last write (now, or with the pass's moves). */
    const settle = async (): Promise<void> => {
      if (at === build.position) return;
      if (defers) {
        pass?.moves.push({ projection: projection.name, move: { ...build, from: build.position, to: at } });
        return;
      }
      const outcome = await writeBatch(sql, model, build.tableName, NOTHING, { ...build, from: build.position, to: at });
      if (!outcome.checkpointMoved) throw new ProjectionOwnershipLost(buildKey(build));
      committed(at);
      onProgress?.(at, head > at ? head : at);
    };
    const caughtUp = async (): Promise<DrainResult> => {
      await settle();
      // Caught up: later pages are short, their loads cheap; keep no keys for builds at rest.
      this.writtenKeys.delete(trackingKey);
      return { caughtUp: true, head };
    };
    /**
     * The next page folded into a batch, or the drain's result when there is nothing to write. Its
     * own frame holds the page: the events are garbage once the batch is folded, not kept through
     * the write (pages that outlive two scavenges are promoted, and copying them was most of the GC).
     */
    const nextBatch = async (more: boolean): Promise<FoldedPage | SkippedPage | DrainResult> => {
      const page = await next;
      const last = page[page.length - 1]?.globalPosition ?? at;
      const full = page.length === this.batchSize;
      const to = full || last > head ? last : head;
      if (to === at) return caughtUp();
      // Read the next page while this one is applied (another connection on PostgreSQL).
      if (full && more) {
        next = read(to);
        next.catch(() => undefined);
      }
      const groups = groupByRow(projection, page);
      if (groups.size === 0) {
        at = to;
        // Loaded for this page's keys: none.
        preloaded = undefined;
        // The last page: its move (and the skipped pages' before it) is settled with the result.
        return full ? { skipped: to } : caughtUp();
      }
      const pending = preloaded === undefined ? new Map<string, null>() : await preloaded;
      preloaded = undefined;
      const missing = [...groups.keys()].filter((key) => !known.has(key) && !pending.has(key));
      const rows: KnownRows = new Map([...known, ...pending, ...(await load(missing))]);
      return { to, full, batch: foldBatch(projection, model, groups, rows), keys: [...groups.keys()], rows };
    };
    for (let i = 0; i < maxBatches && !this.stopping; i++) {
      const more = i + 1 < maxBatches;
      const folded = await nextBatch(more);
      if ('skipped' in folded) {
        // A long run of such pages (a rebuild of a read model whose events are rare) still moves
        // the checkpoint now and then, so that a restart does not read them all again.
        if (++skipped >= MAX_SKIPPED_PAGES && !defers) await settle();
        continue;
      }
      if (!('batch' in folded)) return folded;
      const { to, full, batch, keys, rows } = folded;
      at = to;
      const writing = writeBatch(sql, model, build.tableName, batch, { ...build, from: build.position, to });
      writing.catch(() => undefined);
      // After the write we know this page's keys.
      const kept: ReadonlySet<string> = new Set(keys);
      // The next page's other rows are not touched by this write: read them while it runs.
      if (full && more) {
        preloaded = next.then((following) => load([...groupByRow(projection, following).keys()].filter((key) => !kept.has(key))));
        preloaded.catch(() => undefined);
      }
      const outcome = await writing;
      if (!outcome.checkpointMoved) throw new ProjectionOwnershipLost(buildKey(build));
      if (tracked !== undefined && tracked.keys.size + keys.length > MAX_TRACKED_KEYS) {
        this.writtenKeys.delete(trackingKey);
        tracked = undefined;
      } else if (tracked !== undefined) {
        for (const key of keys) tracked.keys.add(key);
      }
      committed(to);
      // Bounded by one page: only this page's rows are carried to the next.
      const after: KnownRows = new Map();
      for (const key of kept) after.set(key, outcome.written.has(key) ? (outcome.written.get(key) ?? null) : (rows.get(key) ?? null));
      known = after;
      await this.analyzeWhenGrown(build, outcome.upserted);
      onProgress?.(to, head > to ? head : to);
      if (!full) return caughtUp();
    }
    await settle();
    return { caughtUp: false, head: at };
  }

  /**
   * The keys written into a build since it started at 0, when this runner knows them: the build is
   * still at the checkpoint its last write here left (nobody else wrote since), or starts now.
   */
  private trackedKeys(build: ProjectionBuild): WrittenKeys | undefined {
    const key = buildKey(build);
    const tracked = this.writtenKeys.get(key);
    if (tracked !== undefined && tracked.position === build.position) return tracked;
    this.writtenKeys.delete(key);
    if (build.position !== 0n) return undefined;
    const fresh: WrittenKeys = { position: 0n, keys: new Set() };
    this.writtenKeys.set(key, fresh);
    return fresh;
  }

  /**
   * A new build's table has no statistics, so the planner would seq-scan it for every batch's row
   * lookup (quadratic rebuilds). ANALYZE it each time its size has roughly quadrupled.
   */
  private async analyzeWhenGrown(build: ProjectionBuild, upserted: number): Promise<void> {
    const key = buildKey(build);
    const state = this.growth.get(key) ?? { written: 0, next: 500 };
    state.written += upserted;
    if (state.written >= state.next) {
      state.next = state.written * 4;
      await this.options.sql.query(`ANALYZE ${quoteIdent(build.tableName)}`);
    }
    this.growth.set(key, state);
  }

  private projection(name: string): AnyProjection {
    const projection = this.options.projections.find((p) => p.name === name);
    if (projection === undefined) throw new Error(`unknown projection ${name}`);
    return projection;
  }

  private model(name: string): TableModel {
    const model = this.models.get(name);
    if (model === undefined) throw new Error(`unknown projection ${name}`);
    return model;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
