import type { RecordedEvent } from '../../domain/shared';
import { cadenceRule, cadenceStatus, type CadenceStatus, type MeetingKind } from '../../domain/rules';
import { asMeetingEvent, MEETING_TYPES } from './meeting-read-model';

/**
 * Read model `meeting-cadence`: per community and meeting kind, the dates quorate meetings were
 * held. The status (VM-4 yearly, VM-10 quarterly, RM-4 half-yearly) depends on "today", so it is
 * computed at query time by `cadenceOf`, from the same pure function the domain uses.
 */
export type MeetingCadenceRow = {
  cadenceId: string;
  communityId: string;
  kind: MeetingKind;
  rule: string;
  /** Sorted local dates; one entry per quorate meeting. */
  heldOn: readonly string[];
  meetingIds: readonly string[];
};

export const cadenceId = (communityId: string, kind: MeetingKind): string => `${communityId}/${kind}`;

export const canHandle: readonly string[] = MEETING_TYPES.filter((t) => t === 'AttendanceRecorded');

export const key = (event: RecordedEvent): string | null => {
  if (event.type !== 'AttendanceRecorded') return null;
  const { communityId, kind } = event.data as { communityId?: unknown; kind?: unknown };
  if (typeof communityId !== 'string' || typeof kind !== 'string') return null;
  return cadenceRule(kind as MeetingKind) === null ? null : cadenceId(communityId, kind as MeetingKind);
};

export const evolve = (row: MeetingCadenceRow | null, recorded: RecordedEvent): MeetingCadenceRow | null => {
  const event = asMeetingEvent(recorded);
  if (event === null || event.type !== 'AttendanceRecorded') return row;
  const d = event.data;
  const rule = cadenceRule(d.kind);
  if (!d.quorumMet || rule === null) return row;
  if (row !== null && row.meetingIds.includes(d.meetingId)) return row;
  const base: MeetingCadenceRow = row ?? { cadenceId: cadenceId(d.communityId, d.kind), communityId: d.communityId, kind: d.kind, rule: rule.rule, heldOn: [], meetingIds: [] };
  return { ...base, heldOn: [...base.heldOn, d.heldOn].sort(), meetingIds: [...base.meetingIds, d.meetingId] };
};

/** Cadence status from `from` (e.g. the start of the committee term) to `asOf`, judged period by period. */
export const cadenceOf = (row: MeetingCadenceRow, from: string, asOf: string, switchDate?: string): CadenceStatus | null =>
  cadenceStatus(row.kind, row.heldOn, from, asOf, switchDate);
