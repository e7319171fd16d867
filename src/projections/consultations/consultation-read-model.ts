import { daysBetween, localDate, type ProjectedEvent } from '../../domain/shared';
import { CONSULTATION_EVENT_TYPES, type ConsultationEvent } from '../../domain/consultation/consultation.events';

/** Shared pieces of the consultation read models. Pure code; the TypeORM writers come later. */

export { provenanceOf, type EntryProvenance } from '../projection';

export type RecordedConsultationEvent = ProjectedEvent<ConsultationEvent>;

const TYPES: ReadonlySet<string> = new Set(CONSULTATION_EVENT_TYPES);

/** Narrows a raw event to a consultation event, or null for every other type. */
export const asConsultationEvent = (event: ProjectedEvent): ConsultationEvent | null =>
  TYPES.has(event.type) ? ({ type: event.type, data: event.data } as ConsultationEvent) : null;

export const consultationKey = (event: ProjectedEvent): string | null => {
  const id = (event.data as { consultationId?: unknown }).consultationId;
  return TYPES.has(event.type) && typeof id === 'string' ? id : null;
};

/** Role names without their scope (`community_committee@community:c-1` -> `community_committee`). */
export const roleNames = (roles: readonly string[]): string[] => roles.map((r) => (r.includes('@') ? r.slice(0, r.indexOf('@')) : r));

/** Local days between when a step happened and when it was recorded (0 = same day). */
export const recordingDelayDays = (event: ProjectedEvent, timeZone?: string): number => {
  const occurred = localDate(new Date(event.metadata.occurredAt), timeZone);
  const recorded = localDate(new Date(event.metadata.recordedAt), timeZone);
  return Math.max(0, daysBetween(occurred, recorded));
};

export type ConsultationStatus = 'preparing' | 'referred' | 'settled' | 'closed' | 'withdrawn';
