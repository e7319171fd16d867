import { copyWith, type ProjectedEvent } from '../domain/shared';
import type { AnyProjection } from './projection';

type Row = Record<string, unknown>;

export const withProvenance = (row: Row, event: ProjectedEvent): Row =>
  copyWith(row, {
    lastStream: event.stream,
    lastStreamRevision: event.streamRevision.toString(),
    lastGlobalPosition: event.globalPosition.toString(),
    lastEventId: event.eventId,
  });

/**
 * One event applied to one row as the writer stores it: the fold's result with the event as its
 * provenance; an unchanged row still takes the provenance of an event of its own stream (so a
 * one-stream resource's provenance revision is the stream's revision, usable as If-Match).
 * The writer and the audit API's time travel share it, so both give the same rows.
 */
export const foldEvent = (projection: AnyProjection, row: Row | null, event: ProjectedEvent): { row: Row | null; changed: boolean } => {
  const next = projection.evolve(row, event) as Row | null;
  if (next === row) return row !== null && row['lastStream'] === event.stream ? { row: withProvenance(row, event), changed: true } : { row, changed: false };
  return { row: next === null ? null : withProvenance(next, event), changed: true };
};
