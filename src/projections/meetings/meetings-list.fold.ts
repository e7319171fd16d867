import type { ProjectedEvent } from '../../domain/shared';
import type { MeetingKind } from '../../domain/rules';
import { asMeetingEvent, later, MEETING_TYPES, meetingKey } from './meeting-read-model';

/**
 * Read model `meetings`: one row per meeting for the list (community, kind, status, dates,
 * quorum, how many items adopted). Rows open on a petition or on convening. The runner adds provenance.
 */
export type MeetingListStatus = 'petitioned' | 'convened' | 'held' | 'inquorate' | 'closed';

export type MeetingListRow = {
  meetingId: string;
  communityId: string;
  communityKind: string;
  kind: MeetingKind;
  groupId: string | null;
  status: MeetingListStatus;
  /** An obliging petition is waiting for convening (VM-2, RM-2, VM-10, RM-4). */
  mustConvene: boolean;
  noticeDate: string | null;
  meetingDate: string | null;
  noticeDays: number | null;
  urgencyReason: string | null;
  ruleText: string | null;
  heldOn: string | null;
  present: number | null;
  observers: number | null;
  quorumMet: boolean | null;
  quorumRule: string | null;
  items: number;
  adopted: number;
  rejected: number;
  /** Corrections, court revocations and higher-meeting overrulings recorded against its decisions (VM-8, VM-12, VM-13, RM-8). */
  interventions: number;
  lastStep: string;
  lastOccurredAt: string;
};

export const canHandle: readonly string[] = MEETING_TYPES;
export const key = meetingKey;

export const evolve = (row: MeetingListRow | null, recorded: ProjectedEvent): MeetingListRow | null => {
  const event = asMeetingEvent(recorded);
  if (event === null) return row;
  const { occurredAt } = event.data;
  if (row === null) {
    if (event.type !== 'ConveningPetitioned' && event.type !== 'MeetingConvened') return null;
    const d = event.data;
    row = {
      meetingId: d.meetingId, communityId: d.communityId, communityKind: d.communityKind, kind: d.kind, groupId: null,
      status: 'petitioned', mustConvene: false, noticeDate: null, meetingDate: null, noticeDays: null, urgencyReason: null, ruleText: null,
      heldOn: null, present: null, observers: null, quorumMet: null, quorumRule: null, items: 0, adopted: 0, rejected: 0, interventions: 0,
      lastStep: event.type, lastOccurredAt: occurredAt,
    };
  }
  const r: MeetingListRow = { ...row, lastStep: event.type, lastOccurredAt: later(row.lastOccurredAt, occurredAt) };
  switch (event.type) {
    case 'ConveningPetitioned':
      return { ...r, mustConvene: r.mustConvene || (r.status === 'petitioned' && event.data.obliges) };
    case 'MeetingConvened': {
      const d = event.data;
      return { ...r, status: 'convened', mustConvene: false, groupId: d.groupId, noticeDate: d.noticeDate, meetingDate: d.meetingDate, noticeDays: d.noticeDays, urgencyReason: d.urgencyReason, ruleText: d.ruleText };
    }
    case 'AgendaItemAdded':
      return { ...r, items: r.items + 1 };
    case 'AttendanceRecorded': {
      const d = event.data;
      return { ...r, status: d.quorumMet ? 'held' : 'inquorate', heldOn: d.heldOn, present: d.present, observers: d.observers, quorumMet: d.quorumMet, quorumRule: d.quorumRule };
    }
    case 'VoteRecorded':
      return event.data.outcome === 'adopted' ? { ...r, adopted: r.adopted + 1 } : { ...r, rejected: r.rejected + 1 };
    case 'MeetingClosed':
      return { ...r, status: 'closed' };
    case 'CorrectionOrdered':
    case 'DecisionRevokedByCourt':
    case 'DecisionOverruledByHigherMeeting':
      return { ...r, interventions: r.interventions + 1 };
    case 'PartyPreDeliberationRecorded':
    case 'SupervisionObserverAdmitted':
      return r;
    case 'MustConveneNotHonoured':
      return row; // shown by the meeting-obligations read model
    case 'SupervisionObserverRefused':
      // SV-5: a report about the meeting, not a step of it.
      return row;
  }
};

export type MeetingListFilter = Partial<Pick<MeetingListRow, 'communityId' | 'kind' | 'status' | 'mustConvene'>> & { from?: string; to?: string };

/** The list's filters as a pure predicate, so the query handler and tests agree on them. */
export const matchesMeetingFilter = (row: MeetingListRow, f: MeetingListFilter): boolean =>
  (f.communityId === undefined || row.communityId === f.communityId) &&
  (f.kind === undefined || row.kind === f.kind) &&
  (f.status === undefined || row.status === f.status) &&
  (f.mustConvene === undefined || row.mustConvene === f.mustConvene) &&
  (f.from === undefined || (row.meetingDate !== null && row.meetingDate >= f.from)) &&
  (f.to === undefined || (row.meetingDate !== null && row.meetingDate <= f.to));
