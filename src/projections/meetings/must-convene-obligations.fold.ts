import { daysBetween, type ProjectedEvent } from '../../domain/shared';
import type { MeetingKind } from '../../domain/rules';
import { asMeetingEvent, attributionOf, MEETING_TYPES, meetingKey, provenanceOf, type Attribution, type EntryProvenance } from './meeting-read-model';

/**
 * Read model `meeting-obligations`: must-convene obligations (VM-2, VM-10, RM-2, RM-4). A row opens
 * on the first petition that reaches its threshold and stays open until the meeting is convened;
 * it is then kept as discharged, so the history of obligations stays queryable.
 */
export type MustConveneRow = {
  meetingId: string;
  communityId: string;
  kind: MeetingKind;
  status: 'open' | 'discharged';
  rule: string;
  openedAt: string;
  openedBy: Attribution;
  openedProvenance: EntryProvenance;
  petitionIds: readonly string[];
  signers: number;
  required: number;
  dischargedAt: string | null;
  /** Local date of the meeting that discharged it. */
  dischargedByMeetingOn: string | null;
  /** The watchdog's MustConveneNotHonoured: the last day to convene that passed, and the event. */
  missed: Readonly<{ dueBy: string; eventId: string }> | null;
};

export const canHandle: readonly string[] = MEETING_TYPES.filter((t) => t === 'ConveningPetitioned' || t === 'MeetingConvened' || t === 'MustConveneNotHonoured');
export const key = meetingKey;

export const evolve = (row: MustConveneRow | null, recorded: ProjectedEvent): MustConveneRow | null => {
  const event = asMeetingEvent(recorded);
  if (event === null) return row;
  if (event.type === 'ConveningPetitioned') {
    const d = event.data;
    if (!d.obliges || (row !== null && row.status === 'discharged')) return row;
    if (row !== null) return row.petitionIds.includes(d.petitionId) ? row : { ...row, petitionIds: [...row.petitionIds, d.petitionId] };
    return {
      meetingId: d.meetingId, communityId: d.communityId, kind: d.kind, status: 'open', rule: d.rule, openedAt: d.occurredAt,
      openedBy: attributionOf(recorded), openedProvenance: provenanceOf(recorded), petitionIds: [d.petitionId], signers: d.signers, required: d.required,
      dischargedAt: null, dischargedByMeetingOn: null, missed: null,
    };
  }
  if (event.type === 'MeetingConvened') {
    if (row === null || row.status === 'discharged') return row;
    return { ...row, status: 'discharged', dischargedAt: event.data.occurredAt, dischargedByMeetingOn: event.data.meetingDate };
  }
  if (event.type === 'MustConveneNotHonoured') {
    return row === null || row.missed !== null ? row : { ...row, missed: { dueBy: event.data.dueBy, eventId: recorded.eventId } };
  }
  return row;
};

/** Days an obligation has been open on a local date (for dashboards; the law sets no deadline). */
export const openForDays = (row: MustConveneRow, asOf: string): number | null =>
  row.status === 'open' ? Math.max(0, daysBetween(row.openedAt.slice(0, 10), asOf)) : null;
