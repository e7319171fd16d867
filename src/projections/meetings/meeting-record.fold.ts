import type { ProjectedEvent } from '../../domain/shared';
import type {
  AttendanceRecorded,
  ConveningPetitioned,
  MeetingConvened,
  VoteRecorded,
} from '../../domain/meeting/meeting.events';
import type { MatterType } from '../../domain/rules';
import { asMeetingEvent, attributionOf, later, MEETING_TYPES, meetingKey, provenanceOf, type Attribution, type EntryProvenance } from './meeting-read-model';

/**
 * Read model `meeting-records`: one meeting's full record for auditors: petitions, convening and
 * notice, agenda with Party pre-deliberation, attendance (observers apart), votes, and every later
 * correction or revocation with who and why. Every entry carries the event behind it.
 */
type Traced = Readonly<{ provenance: EntryProvenance; attribution: Attribution }>;

export type DecisionAction = Traced &
  Readonly<{
    action: 'correction_ordered' | 'revoked_by_court' | 'revoked_by_higher_meeting' | 'changed_by_higher_meeting';
    rule: string;
    by: string;
    reason: string;
    reference: string;
    changeSummary: string | null;
  }>;

export type AgendaItemRecord = Traced &
  Readonly<{
    itemId: string;
    title: string;
    matterType: MatterType;
    reserved: boolean;
    important: boolean;
    authorisationId: string | null;
    partyPreDeliberation: (Traced & Readonly<{ deliberatedOn: string; partyOrganisationRef: string; minutesRef: string }>) | null;
    vote: (Traced & Omit<VoteRecorded['data'], 'meetingId' | 'itemId' | 'communityId' | 'kind' | 'matterType' | 'reserved'>) | null;
    decisionStatus: 'in_force' | 'corrected' | 'changed' | 'revoked' | null;
    actions: readonly DecisionAction[];
  }>;

export type MeetingRecordRow = {
  meetingId: string;
  communityId: string;
  communityKind: string;
  kind: string;
  petitions: readonly (Traced & Omit<ConveningPetitioned['data'], 'meetingId' | 'communityId' | 'communityKind' | 'kind'>)[];
  convening: (Traced & Omit<MeetingConvened['data'], 'meetingId' | 'communityId' | 'communityKind' | 'kind'>) | null;
  attendance: (Traced & Omit<AttendanceRecorded['data'], 'meetingId' | 'communityId' | 'kind'>) | null;
  items: readonly AgendaItemRecord[];
  closed: Traced | null;
  /** SV-5: supervision committee members admitted as observers, and refusals reported (violation under the texts in force or not). */
  supervision: Readonly<{
    observers: readonly (Traced & Readonly<{ personRef: string; capacity: string }>)[];
    refusals: readonly (Traced & Readonly<{ personRef: string; refusedByRole: string; note: string; rule: string; ruleText: string; violation: boolean }>)[];
  }>;
  lastOccurredAt: string;
};

export const canHandle: readonly string[] = MEETING_TYPES;
export const key = meetingKey;

const traced = (e: ProjectedEvent): Traced => ({ provenance: provenanceOf(e), attribution: attributionOf(e) });

const strip = <T extends Record<string, unknown>, K extends string>(data: T, keys: readonly K[]): Omit<T, K> => {
  const out: Record<string, unknown> = { ...data };
  for (const k of keys) delete out[k];
  return out as Omit<T, K>;
};

const onItem = (row: MeetingRecordRow, itemId: string, change: (item: AgendaItemRecord) => AgendaItemRecord): MeetingRecordRow =>
  row.items.some((i) => i.itemId === itemId) ? { ...row, items: row.items.map((i) => (i.itemId === itemId ? change(i) : i)) } : row;

export const evolve = (row: MeetingRecordRow | null, recorded: ProjectedEvent): MeetingRecordRow | null => {
  const event = asMeetingEvent(recorded);
  if (event === null) return row;
  if (row === null) {
    if (event.type !== 'ConveningPetitioned' && event.type !== 'MeetingConvened') return null;
    const d = event.data;
    row = { meetingId: d.meetingId, communityId: d.communityId, communityKind: d.communityKind, kind: d.kind, petitions: [], convening: null, attendance: null, items: [], closed: null, supervision: { observers: [], refusals: [] }, lastOccurredAt: d.occurredAt };
  }
  const t = traced(recorded);
  const r: MeetingRecordRow = { ...row, lastOccurredAt: later(row.lastOccurredAt, event.data.occurredAt) };
  switch (event.type) {
    case 'MustConveneNotHonoured':
      return row; // shown by the meeting-obligations read model
    case 'ConveningPetitioned':
      return { ...r, petitions: [...r.petitions, { ...t, ...strip(event.data, ['meetingId', 'communityId', 'communityKind', 'kind']) }] };
    case 'MeetingConvened':
      return { ...r, convening: { ...t, ...strip(event.data, ['meetingId', 'communityId', 'communityKind', 'kind']) } };
    case 'AgendaItemAdded': {
      const d = event.data;
      const item: AgendaItemRecord = {
        ...t, itemId: d.itemId, title: d.title, matterType: d.matterType, reserved: d.reserved, important: d.important, authorisationId: d.authorisationId,
        partyPreDeliberation: null, vote: null, decisionStatus: null, actions: [],
      };
      return { ...r, items: [...r.items, item] };
    }
    case 'PartyPreDeliberationRecorded': {
      const d = event.data;
      return onItem(r, d.itemId, (i) => ({ ...i, partyPreDeliberation: { ...t, deliberatedOn: d.deliberatedOn, partyOrganisationRef: d.partyOrganisationRef, minutesRef: d.minutesRef } }));
    }
    case 'AttendanceRecorded':
      return { ...r, attendance: { ...t, ...strip(event.data, ['meetingId', 'communityId', 'kind']) } };
    case 'VoteRecorded': {
      const d = event.data;
      const vote = { ...t, ...strip(d, ['meetingId', 'itemId', 'communityId', 'kind', 'matterType', 'reserved']) };
      return onItem(r, d.itemId, (i) => ({ ...i, vote, decisionStatus: d.outcome === 'adopted' ? 'in_force' : null }));
    }
    case 'MeetingClosed':
      return { ...r, closed: t };
    case 'CorrectionOrdered': {
      const d = event.data;
      const action: DecisionAction = { ...t, action: 'correction_ordered', rule: d.rule, by: `${d.orderedByRole}:${d.authorityRef}`, reason: d.reason, reference: d.correctionId, changeSummary: null };
      return onItem(r, d.itemId, (i) => ({ ...i, decisionStatus: i.decisionStatus === 'revoked' ? 'revoked' : 'corrected', actions: [...i.actions, action] }));
    }
    case 'DecisionRevokedByCourt': {
      const d = event.data;
      const action: DecisionAction = { ...t, action: 'revoked_by_court', rule: d.rule, by: d.courtRef, reason: d.reason, reference: d.judgmentRef, changeSummary: null };
      return onItem(r, d.itemId, (i) => ({ ...i, decisionStatus: 'revoked', actions: [...i.actions, action] }));
    }
    case 'SupervisionObserverAdmitted': {
      const d = event.data;
      return { ...r, supervision: { ...r.supervision, observers: [...r.supervision.observers, { ...t, personRef: d.personRef, capacity: d.capacity }] } };
    }
    case 'SupervisionObserverRefused': {
      const d = event.data;
      const refusal = { ...t, personRef: d.personRef, refusedByRole: d.refusedByRole, note: d.note, rule: d.rule, ruleText: d.ruleText, violation: d.violation };
      return { ...row, supervision: { ...r.supervision, refusals: [...r.supervision.refusals, refusal] } };
    }
    case 'DecisionOverruledByHigherMeeting': {
      const d = event.data;
      const revoke = d.action === 'revoke';
      const action: DecisionAction = {
        ...t, action: revoke ? 'revoked_by_higher_meeting' : 'changed_by_higher_meeting', rule: d.rule, by: `${d.byMeetingKind}:${d.byMeetingId}`,
        reason: d.reason, reference: `${d.byMeetingId}/${d.byItemId}`, changeSummary: d.changeSummary,
      };
      return onItem(r, d.itemId, (i) => ({ ...i, decisionStatus: revoke ? 'revoked' : i.decisionStatus === 'revoked' ? 'revoked' : 'changed', actions: [...i.actions, action] }));
    }
  }
};
