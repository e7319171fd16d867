import { HttpException, HttpStatus } from '@nestjs/common';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import { NotFoundError, ValidationError, type RecordedEvent } from '../../domain/shared';
import type { AnyProjection } from '../../projections/projection';
import { foldEvent } from '../../projections/projection-fold';
import type { Aggregate } from '../procedures/procedure-definition';

/** Where to stop: at a global position (inclusive) or at an instant of occurredAt (inclusive). */
export type AsOf = Readonly<{ position: bigint } | { date: Date }>;

const PAGE = 1000;

const covers = (asOf: AsOf, event: RecordedEvent): boolean =>
  'position' in asOf ? event.globalPosition <= asOf.position : new Date(event.metadata.occurredAt).getTime() <= asOf.date.getTime();

/** States hold Maps, Sets, Dates and bigints: JSON that says what they held. */
export const toJson = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toJson(v)]));
  if (value instanceof Set) return [...value].map(toJson);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
};

/** The aggregate kept in a stream: the longest registered prefix wins (`supervision-policy-` over `supervision-`). */
export const aggregateOf = (aggregates: readonly Aggregate[], stream: string): Aggregate | undefined =>
  [...aggregates].sort((a, b) => b.streamPrefix.length - a.streamPrefix.length).find((a) => stream.startsWith(a.streamPrefix));

/**
 * Time travel over the one log (issue 10 "Audit API"): an aggregate's state as of a position or a
 * date, folded by its decider's `evolve`; a read model's rows as of a position, rebuilt in memory by
 * its pure fold, reading at most `maxEvents` events.
 */
export class TimeTravel {
  constructor(
    private readonly eventStore: EventStore,
    private readonly registry: EventTypeRegistry,
    private readonly aggregates: readonly Aggregate[],
    private readonly projections: readonly AnyProjection[],
    readonly maxEvents: number,
  ) {}

  async streamState(stream: string, asOf: AsOf) {
    const aggregate = aggregateOf(this.aggregates, stream);
    if (aggregate === undefined) throw new NotFoundError('AUDIT.NO_DECIDER', `no procedure keeps an aggregate in stream ${stream}`);
    const all = await this.eventStore.readStream(stream);
    if (all.length === 0) throw new NotFoundError('AUDIT.NO_SUCH_STREAM', `no events in stream ${stream}`);
    // A stream's events are in position order, and occurredAt may be stated late: stop at the first one not covered.
    const upTo = all.findIndex((e) => !covers(asOf, e));
    const events = (upTo === -1 ? all : all.slice(0, upTo)).map((e) => this.registry.upcast(e));
    const state = events.reduce((s, e) => aggregate.decider.evolve(s, { type: e.type, data: e.data }), aggregate.decider.initialState());
    const last = events[events.length - 1];
    return {
      stream,
      asOf: 'position' in asOf ? { position: asOf.position.toString() } : { date: asOf.date.toISOString() },
      eventsFolded: events.length,
      streamRevision: last === undefined ? null : last.streamRevision.toString(),
      globalPosition: last === undefined ? null : last.globalPosition.toString(),
      state: toJson(state),
    };
  }

  async readModelRows(name: string, position: bigint) {
    const projection = this.projections.find((p) => p.name === name);
    if (projection === undefined) throw new NotFoundError('AUDIT.NO_SUCH_READ_MODEL', `no read model named ${name}`);
    const rows = new Map<string, Record<string, unknown>>();
    let after = 0n;
    let read = 0;
    for (;;) {
      const page = await this.eventStore.readAll({ after, limit: PAGE, filter: { types: projection.canHandle } });
      for (const stored of page) {
        if (stored.globalPosition > position) return this.answer(name, position, read, rows);
        if (++read > this.maxEvents) {
          throw new HttpException(
            {
              code: 'AUDIT.TIME_TRAVEL_TOO_LONG',
              message: `rebuilding ${name} up to position ${position} reads more than AUDIT_TIME_TRAVEL_MAX_EVENTS=${this.maxEvents} events; ask for an earlier position`,
              maxEvents: this.maxEvents,
            },
            HttpStatus.UNPROCESSABLE_ENTITY,
          );
        }
        const event = this.registry.upcast(stored);
        const key = projection.key(event);
        if (key === null) continue;
        const { row, changed } = foldEvent(projection, rows.get(key) ?? null, event);
        if (!changed) continue;
        if (row === null) rows.delete(key);
        else rows.set(key, row);
      }
      if (page.length < PAGE) return this.answer(name, position, read, rows);
      after = page[page.length - 1]!.globalPosition;
    }
  }

  /** Rows as the read model stores them (provenance columns included), by key. */
  private answer(name: string, position: bigint, eventsRead: number, rows: Map<string, Record<string, unknown>>) {
    return {
      readModel: name,
      asOfPosition: position.toString(),
      eventsRead,
      rows: [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, row]) => ({ key, row: toJson(row) })),
    };
  }
}

/** asOfPosition xor asOfDate, from the query string. */
export const parseAsOf = (asOfPosition: string | undefined, asOfDate: string | undefined): AsOf => {
  if ((asOfPosition === undefined) === (asOfDate === undefined)) {
    throw new ValidationError('give exactly one of asOfPosition and asOfDate', [{ field: 'asOfPosition', message: 'exactly one of asOfPosition, asOfDate' }], 'AUDIT.BAD_AS_OF');
  }
  return asOfPosition !== undefined ? { position: BigInt(asOfPosition) } : { date: new Date(asOfDate!) };
};
