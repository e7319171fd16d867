import { GENESIS_HASH, type RecordedEvent } from '../../../src/domain/shared';
import type { MeetingEvent } from '../../../src/domain/meeting';

/** Stores meeting events as the event store would: per-stream revisions, global positions, envelope. */
export class RecordedLog {
  private position = 100n;
  private readonly revisions = new Map<string, bigint>();
  readonly events: RecordedEvent[] = [];

  append(events: readonly MeetingEvent[], env: { actor?: string; roles?: readonly string[]; recordedAt?: string } = {}): RecordedEvent[] {
    const out = events.map((event) => {
      const stream = `meeting-${event.data.meetingId}`;
      const revision = this.revisions.get(stream) ?? -1n;
      this.revisions.set(stream, revision + 1n);
      this.position += 1n;
      return {
        eventId: `ev-${this.position}`,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        stream,
        streamRevision: revision + 1n,
        globalPosition: this.position,
        metadata: {
          actor: env.actor ?? 'actor-1',
          actorRoles: env.roles ?? ['villagers_committee'],
          commandId: `cmd-${this.position}`,
          correlationId: 'corr',
          causationId: `cmd-${this.position}`,
          occurredAt: event.data.occurredAt,
          recordedAt: env.recordedAt ?? event.data.occurredAt,
        },
        prevHash: GENESIS_HASH,
        hash: 'f'.repeat(64),
      } as RecordedEvent;
    });
    this.events.push(...out);
    return out;
  }
}

type Fold<Row> = Readonly<{
  canHandle: readonly string[];
  key: (event: RecordedEvent) => string | null;
  evolve: (row: Row | null, event: RecordedEvent) => Row | null;
}>;

export type WithProvenance<Row> = Row & { lastStream: string; lastStreamRevision: string; lastGlobalPosition: string; lastEventId: string };

/**
 * The runner's contract (src/projections/projection-writer.ts applyBatch) in memory: rows keyed by
 * `key`, events at or below a row's position skipped, provenance stamped only when the fold changed the row.
 */
export const project = <Row>(fold: Fold<Row>, events: readonly RecordedEvent[], rows = new Map<string, WithProvenance<Row>>()): Map<string, WithProvenance<Row>> => {
  for (const event of events) {
    if (!fold.canHandle.includes(event.type)) continue;
    const k = fold.key(event);
    if (k === null) continue;
    const before = rows.get(k) ?? null;
    if (before !== null && BigInt(before.lastGlobalPosition) >= event.globalPosition) continue;
    const next = fold.evolve(before, event);
    if (next === before) continue;
    if (next === null) rows.delete(k);
    else
      rows.set(k, {
        ...next,
        lastStream: event.stream,
        lastStreamRevision: event.streamRevision.toString(),
        lastGlobalPosition: event.globalPosition.toString(),
        lastEventId: event.eventId,
      });
  }
  return rows;
};
