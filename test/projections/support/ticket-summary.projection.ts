import { randomUUID } from 'node:crypto';
import type { ProjectedEvent } from '../../../src/domain/shared';
import type { EventToAppend } from '../../../src/application/ports/event-store.port';
import { defineProjection, type FoldRow } from '../../../src/projections/projection';
import { TicketSummary } from './ticket-summary.entity';

type Row = FoldRow<TicketSummary>;

export const ticketStream = (id: string): string => `ticket-${id}`;

const evolve = (row: Row | null, event: ProjectedEvent): Row | null => {
  const data = event.data as Record<string, string>;
  switch (event.type) {
    case 'TicketOpened':
      return row !== null
        ? row
        : { ticketId: String(data.ticketId), title: String(data.title), status: 'open', commentCount: 0, openedAt: new Date(event.metadata.occurredAt), labels: [] };
    case 'TicketCommented':
      return row === null ? null : { ...row, commentCount: row.commentCount + 1 };
    case 'TicketLabelled':
      return row === null ? null : { ...row, labels: [...row.labels, String(data.label)] };
    case 'TicketClosed':
      return row === null ? null : { ...row, status: 'closed' };
    case 'TicketDeleted':
      return null;
    default:
      return row;
  }
};

const definition = {
  name: 'test-ticket-summary',
  entity: TicketSummary,
  canHandle: ['TicketOpened', 'TicketCommented', 'TicketLabelled', 'TicketClosed', 'TicketDeleted'],
  key: (event: ProjectedEvent) => (typeof event.data.ticketId === 'string' ? event.data.ticketId : null),
  evolve,
};

export const ticketSummaryV1 = defineProjection<TicketSummary>({ ...definition, version: 1 });

/** Version 2 changes the fold (titles upper-cased), so it needs a new table built from position 0. */
export const ticketSummaryV2 = defineProjection<TicketSummary>({
  ...definition,
  version: 2,
  evolve: (row, event) => {
    const next = evolve(row, event);
    return next !== null && next !== row ? { ...next, title: next.title.toUpperCase() } : next;
  },
});

export const ticketEvent = (type: string, data: Record<string, unknown>): EventToAppend => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: 'tester',
    actorRoles: [],
    commandId: randomUUID(),
    correlationId: 'c',
    causationId: 'c',
    occurredAt: '2026-03-01T10:00:00+08:00',
    recordedAt: '2026-03-01T10:00:00+08:00',
  },
});
