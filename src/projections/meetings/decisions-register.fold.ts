import type { ProjectedEvent } from '../../domain/shared';
import type { MatterType, MeetingKind } from '../../domain/rules';
import { asMeetingEvent, attributionOf, MEETING_TYPES, provenanceOf, type Attribution, type EntryProvenance } from './meeting-read-model';

/**
 * Read model `meeting-decisions`: the decisions register. One row per adopted decision (meeting +
 * agenda item). Corrections (VM-12, RM-8), court revocations (VM-13) and revocations or changes by
 * a higher meeting (VM-8) never delete the row: its status changes and the history says who and why.
 */
export type DecisionRegisterStatus = 'in_force' | 'corrected' | 'changed' | 'revoked';

export type DecisionHistoryEntry = Readonly<{
  status: DecisionRegisterStatus;
  event: string;
  rule: string;
  by: string;
  reason: string;
  reference: string;
  provenance: EntryProvenance;
  attribution: Attribution;
}>;

export type DecisionRegisterRow = {
  decisionId: string;
  meetingId: string;
  itemId: string;
  communityId: string;
  meetingKind: MeetingKind;
  matterType: MatterType;
  reserved: boolean;
  decidedOn: string;
  ruleText: string;
  yes: number;
  no: number;
  abstain: number;
  present: number;
  adoptionRule: string;
  status: DecisionRegisterStatus;
  /** Who last changed the status and why; null while in force. */
  statusRule: string | null;
  statusBy: string | null;
  statusReason: string | null;
  history: readonly DecisionHistoryEntry[];
};

export const decisionId = (meetingId: string, itemId: string): string => `${meetingId}/${itemId}`;

const HANDLED = new Set(['VoteRecorded', 'CorrectionOrdered', 'DecisionRevokedByCourt', 'DecisionOverruledByHigherMeeting']);
export const canHandle: readonly string[] = MEETING_TYPES.filter((t) => HANDLED.has(t));

export const key = (event: ProjectedEvent): string | null => {
  if (!HANDLED.has(event.type)) return null;
  const { meetingId, itemId } = event.data as { meetingId?: unknown; itemId?: unknown };
  return typeof meetingId === 'string' && typeof itemId === 'string' ? decisionId(meetingId, itemId) : null;
};

const transition = (row: DecisionRegisterRow, status: DecisionRegisterStatus, entry: Omit<DecisionHistoryEntry, 'status'>): DecisionRegisterRow => {
  // A revoked decision stays revoked; a later correction is still shown in its history.
  const next = row.status === 'revoked' ? 'revoked' : status;
  return { ...row, status: next, statusRule: entry.rule, statusBy: entry.by, statusReason: entry.reason, history: [...row.history, { status: next, ...entry }] };
};

export const evolve = (row: DecisionRegisterRow | null, recorded: ProjectedEvent): DecisionRegisterRow | null => {
  const event = asMeetingEvent(recorded);
  if (event === null) return row;
  const trace = { event: event.type, provenance: provenanceOf(recorded), attribution: attributionOf(recorded) };
  switch (event.type) {
    case 'VoteRecorded': {
      const d = event.data;
      if (row !== null || d.outcome !== 'adopted') return row;
      return {
        decisionId: decisionId(d.meetingId, d.itemId), meetingId: d.meetingId, itemId: d.itemId, communityId: d.communityId, meetingKind: d.kind,
        matterType: d.matterType, reserved: d.reserved, decidedOn: d.decidedOn, ruleText: d.ruleText, yes: d.yes, no: d.no, abstain: d.abstain,
        present: d.present, adoptionRule: d.rule, status: 'in_force', statusRule: null, statusBy: null, statusReason: null,
        history: [{ status: 'in_force', ...trace, rule: d.rule, by: `${d.kind}:${d.meetingId}`, reason: d.formula, reference: d.itemId }],
      };
    }
    case 'CorrectionOrdered': {
      const d = event.data;
      return row === null ? null : transition(row, 'corrected', { ...trace, rule: d.rule, by: `${d.orderedByRole}:${d.authorityRef}`, reason: d.reason, reference: d.correctionId });
    }
    case 'DecisionRevokedByCourt': {
      const d = event.data;
      return row === null ? null : transition(row, 'revoked', { ...trace, rule: d.rule, by: d.courtRef, reason: d.reason, reference: d.judgmentRef });
    }
    case 'DecisionOverruledByHigherMeeting': {
      const d = event.data;
      const status = d.action === 'revoke' ? 'revoked' : 'changed';
      return row === null ? null : transition(row, status, { ...trace, rule: d.rule, by: `${d.byMeetingKind}:${d.byMeetingId}`, reason: d.changeSummary ?? d.reason, reference: `${d.byMeetingId}/${d.byItemId}` });
    }
    default:
      return row;
  }
};
