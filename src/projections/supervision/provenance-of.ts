import type { RecordedEvent } from '../../domain/shared';

/** The provenance shape every nested entry carries (docs/api.md "Provenance"): positions as strings. */
export type EntryProvenance = Readonly<{ stream: string; streamRevision: string; globalPosition: string; eventId: string }>;

export const provenanceOf = (event: RecordedEvent): EntryProvenance => ({
  stream: event.stream,
  streamRevision: event.streamRevision.toString(),
  globalPosition: event.globalPosition.toString(),
  eventId: event.eventId,
});
