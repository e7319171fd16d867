import type { ProjectedEvent } from '../../domain/shared';
import { MEETING_EVENT_TYPES, type MeetingEvent } from '../../domain/meeting/meeting.events';

/** Shared pieces of the meeting read models. Pure code; the TypeORM entities and writers come later. */

export { provenanceOf, type EntryProvenance } from '../projection';

/** Who did it, as attributed by the envelope (never by the request body). */
export type Attribution = Readonly<{ actor: string; actorRoles: readonly string[]; occurredAt: string; recordedAt: string }>;

export const attributionOf = (event: ProjectedEvent): Attribution => ({
  actor: event.metadata.actor,
  actorRoles: event.metadata.actorRoles,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
});

export const MEETING_TYPES: readonly string[] = MEETING_EVENT_TYPES;
const TYPES: ReadonlySet<string> = new Set(MEETING_EVENT_TYPES);

/** Narrows a raw event to a meeting event, or null for every other type. */
export const asMeetingEvent = (event: ProjectedEvent): MeetingEvent | null =>
  TYPES.has(event.type) ? ({ type: event.type, data: event.data } as MeetingEvent) : null;

export const meetingKey = (event: ProjectedEvent): string | null => {
  const id = (event.data as { meetingId?: unknown }).meetingId;
  return TYPES.has(event.type) && typeof id === 'string' ? id : null;
};

export const later = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);
