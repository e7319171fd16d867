import type { RecordedEvent } from '../../domain/shared';
import type { StoredNode } from '../../transparency/merkle-tree';
import type { SqlClient } from '../event-store/sql/sql-client';
import { SqlEventStore, type EventLeafSource } from '../event-store/sql/sql-event-store';
import { LOG_SCHEMA } from './log-schema';
import { readFrontier, readLogState, writeLeaves, writeNodes, type LogState } from './log-tree-store';
import { appendToFrontier, eventLeaf, rootOfFrontier } from './node-merkle-hash';

/**
 * The part of the event store the log reads: the gap-safe global feed (of what a leaf needs; any
 * EventStore's readAll gives more), and one whole event by position (proofs).
 */
export interface LogFeed {
  readAll(options: Readonly<{ after: bigint; limit: number }>): Promise<readonly EventLeafSource[]>;
  readAt(position: bigint): Promise<RecordedEvent | null>;
}

/** The log's feed over a store: on the SQL store, pages of the leaf columns only; any other store as it is. */
export const logFeedOf = (eventStore: LogFeed): LogFeed =>
  eventStore instanceof SqlEventStore
    ? { readAll: (options) => eventStore.readAllLeaves(options), readAt: (position) => eventStore.readAt(position) }
    : eventStore;

/** A batch's outcome when another builder extended the tree first (its batch rolled back). */
const MOVED = 'moved';

export class LogStateMoved extends Error {
  constructor() {
    super('the transparency log was extended by another builder; batch rolled back');
  }
}

type Tip = LogState & { frontier: Uint8Array[] };

export type LogBuilderOptions = Readonly<{ batchSize?: number; pollIntervalMs?: number; onError?: (error: unknown) => void }>;

/**
 * Appends every committed event, in global order, as a leaf of the Merkle tree. It reads through
 * the store's gap-safe readAll (never past an event that may still commit), and writes a batch's
 * nodes, leaves and its own position in one transaction guarded by compare-and-set on the tree
 * size: a crash loses nothing, a restart or a second builder never adds a leaf twice.
 */
export class LogBuilder {
  private tip: Tip | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly sql: SqlClient, readonly feed: LogFeed, private readonly options: LogBuilderOptions = {}) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async migrate(): Promise<void> {
    await this.sql.exec(LOG_SCHEMA);
    await this.backfillEventIds();
  }

  /** Leaves written before cl_log_leaves kept the event id get it, read in global order from the store. */
  private async backfillEventIds(): Promise<void> {
    // Start after the leaf before the first one without an id: positions are the store's own (on EventStoreDB not contiguous).
    const { rows } = await this.sql.query<{ before: string | null; last: string | null }>(
      `SELECT (SELECT p.global_position::text FROM cl_log_leaves p WHERE p.leaf_index = min(l.leaf_index) - 1) AS before, max(l.global_position)::text AS last
         FROM cl_log_leaves l WHERE l.event_id IS NULL`,
    );
    if (rows[0]?.last === null || rows[0]?.last === undefined) return;
    let after = BigInt(rows[0].before ?? '0');
    const last = BigInt(rows[0].last);
    while (after < last) {
      const events = await this.feed.readAll({ after, limit: this.batchSize });
      if (events.length === 0) return;
      await this.sql.query(
        `UPDATE cl_log_leaves l SET event_id = e.event_id FROM unnest($1::bigint[], $2::text[]) AS e(position, event_id)
          WHERE l.global_position = e.position AND l.event_id IS NULL`,
        [events.map((e) => e.globalPosition.toString()), events.map((e) => e.eventId.toLowerCase())],
      );
      after = events[events.length - 1]!.globalPosition;
    }
  }

  /** Size and root of the tree as built so far. */
  async head(): Promise<{ treeSize: bigint; lastPosition: bigint; rootHash: Uint8Array }> {
    const tip = await this.loadTip();
    return { treeSize: tip.treeSize, lastPosition: tip.lastPosition, rootHash: rootOfFrontier(tip.frontier) };
  }

  /**
   * Appends until the feed has nothing more; returns the tree size. A batch that lost to another
   * builder (the background loop, another process) is read again from the new tip: the other may
   * have read its page before the newest events were committed, so losing is not "nothing more"
   * (a checkpoint signed right after a command could leave that command's events out).
   */
  async catchUp(): Promise<bigint> {
    for (;;) {
      const appended = await this.tryStep();
      if (appended !== MOVED && appended < this.batchSize) return (await this.loadTip()).treeSize;
    }
  }

  /** One batch; returns how many leaves it appended (0 when another builder moved the tree first). */
  async step(): Promise<number> {
    const appended = await this.tryStep();
    return appended === MOVED ? 0 : appended;
  }

  private async tryStep(): Promise<number | typeof MOVED> {
    const tip = await this.loadTip();
    const events = await this.feed.readAll({ after: tip.lastPosition, limit: this.batchSize });
    if (events.length === 0) return 0;
    let size = tip.treeSize;
    let frontier = tip.frontier;
    const nodes: StoredNode[] = [];
    for (const event of events) {
      const appended = appendToFrontier(size, frontier, eventLeaf(event.globalPosition, event.hash));
      nodes.push(...appended.created);
      frontier = appended.frontier;
      size++;
    }
    const lastPosition = events[events.length - 1]!.globalPosition;
    try {
      await this.sql.transaction(async (tx) => {
        const { rows } = await tx.query(
          'UPDATE cl_log_state SET tree_size = $1, last_position = $2 WHERE id = 1 AND tree_size = $3 AND last_position = $4 RETURNING id',
          [size.toString(), lastPosition.toString(), tip.treeSize.toString(), tip.lastPosition.toString()],
        );
        if (rows.length !== 1) throw new LogStateMoved();
        await writeNodes(tx, nodes);
        await writeLeaves(tx, tip.treeSize, events);
      });
    } catch (error) {
      this.tip = undefined;
      if (error instanceof LogStateMoved) return MOVED;
      throw error;
    }
    this.tip = { treeSize: size, lastPosition, frontier };
    return events.length;
  }

  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Forgets the cached tip (after a rollback elsewhere, or in tests). */
  reset(): void {
    this.tip = undefined;
  }

  private async loadTip(): Promise<Tip> {
    if (this.tip !== undefined) return this.tip;
    const state = await readLogState(this.sql);
    this.tip = { ...state, frontier: await readFrontier(this.sql, state.treeSize) };
    return this.tip;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let appended = 0;
      try {
        appended = await this.step();
      } catch (error) {
        this.tip = undefined;
        this.options.onError?.(error);
      }
      if (appended < this.batchSize && !this.stopping) await this.sleep(this.pollIntervalMs);
      else await new Promise((resolve) => setImmediate(resolve));
    }
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
