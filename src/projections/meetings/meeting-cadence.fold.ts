import type { MeetingCadenceMissed } from '../../domain/community';
import type { ProjectedEvent } from '../../domain/shared';
import { cadenceRule, cadenceStatus, type CadenceStatus, type MeetingKind } from '../../domain/rules';
import { asMeetingEvent, MEETING_TYPES, provenanceOf, type EntryProvenance } from './meeting-read-model';

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
  /** Periods the watchdog recorded as missed (MeetingCadenceMissed), each with the event that shows it. */
  recordedMisses: readonly RecordedCadenceMiss[];
};

export type RecordedCadenceMiss = Readonly<{ period: string; rule: string; dueBy: string; detectedOn: string; provenance: EntryProvenance }>;

export const cadenceId = (communityId: string, kind: MeetingKind): string => `${communityId}/${kind}`;

export const canHandle: readonly string[] = [...MEETING_TYPES.filter((t) => t === 'AttendanceRecorded'), 'MeetingCadenceMissed'];

export const key = (event: ProjectedEvent): string | null => {
  if (event.type !== 'AttendanceRecorded' && event.type !== 'MeetingCadenceMissed') return null;
  const data = event.data as { communityId?: unknown; kind?: unknown; meetingKind?: unknown };
  const communityId = data.communityId;
  const kind = event.type === 'AttendanceRecorded' ? data.kind : data.meetingKind;
  if (typeof communityId !== 'string' || typeof kind !== 'string') return null;
  return cadenceRule(kind as MeetingKind) === null ? null : cadenceId(communityId, kind as MeetingKind);
};

const emptyRow = (communityId: string, kind: MeetingKind, rule: string): MeetingCadenceRow =>
  ({ cadenceId: cadenceId(communityId, kind), communityId, kind, rule, heldOn: [], meetingIds: [], recordedMisses: [] });

const recordMiss = (row: MeetingCadenceRow | null, recorded: ProjectedEvent): MeetingCadenceRow | null => {
  const d = recorded.data as MeetingCadenceMissed['data'];
  const rule = cadenceRule(d.meetingKind);
  if (rule === null) return row;
  const base = row ?? emptyRow(d.communityId, d.meetingKind, rule.rule);
  if (base.recordedMisses.some((m) => m.period === d.period)) return row;
  const miss: RecordedCadenceMiss = { period: d.period, rule: d.rule, dueBy: d.dueBy, detectedOn: d.detectedOn, provenance: provenanceOf(recorded) };
  return { ...base, recordedMisses: [...base.recordedMisses, miss].sort((a, b) => a.dueBy.localeCompare(b.dueBy)) };
};

export const evolve = (row: MeetingCadenceRow | null, recorded: ProjectedEvent): MeetingCadenceRow | null => {
  if (recorded.type === 'MeetingCadenceMissed') return recordMiss(row, recorded);
  const event = asMeetingEvent(recorded);
  if (event === null || event.type !== 'AttendanceRecorded') return row;
  const d = event.data;
  const rule = cadenceRule(d.kind);
  if (!d.quorumMet || rule === null) return row;
  if (row !== null && row.meetingIds.includes(d.meetingId)) return row;
  const base: MeetingCadenceRow = row ?? emptyRow(d.communityId, d.kind, rule.rule);
  return { ...base, heldOn: [...base.heldOn, d.heldOn].sort(), meetingIds: [...base.meetingIds, d.meetingId] };
};

/** Cadence status from `from` (e.g. the start of the committee term) to `asOf`, judged period by period. */
export const cadenceOf = (row: MeetingCadenceRow, from: string, asOf: string, switchDate?: string): CadenceStatus | null =>
  cadenceStatus(row.kind, row.heldOn, from, asOf, switchDate);
