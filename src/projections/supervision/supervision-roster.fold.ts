import type { EventWithoutMetadata } from '../../domain/shared';
import { SUPERVISION_EVENT_TYPES, type EligibilityConflict, type SupervisionEvent, type SupervisionCommitteeConstituted } from '../../domain/supervision';
import { provenanceOf, type EntryProvenance } from '../projection';

type Constituted = SupervisionCommitteeConstituted['data'];

/** Read model `supervision_roster`: per community, its supervision committees, kinships, eligibility conflicts and misconduct reports. */
export type SupervisionRosterRow = {
  communityId: string;
  committees: (Omit<Constituted, 'communityId' | 'occurredAt'> & { provenance: EntryProvenance })[];
  conflicts: (EligibilityConflict & { status: 'open' | 'cleared'; detectedOn: string; clearedOn: string | null; provenance: EntryProvenance; clearedBy: EntryProvenance | null })[];
  kinships: { kinshipId: string; personRef: string; relativeRef: string; relation: string; status: 'declared' | 'withdrawn'; provenance: EntryProvenance }[];
  misconductReports: { reportId: string; committeeId: string; title: string; documentHash: string; governmentRef: string; supervisoryOrganRef: string; reportedAt: string; provenance: EntryProvenance }[];
};

export const canHandle: readonly string[] = SUPERVISION_EVENT_TYPES;

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { communityId?: unknown }).communityId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

const empty = (communityId: string): SupervisionRosterRow => ({ communityId, committees: [], conflicts: [], kinships: [], misconductReports: [] });

export const evolve = (current: SupervisionRosterRow | null, recorded: EventWithoutMetadata): SupervisionRosterRow | null => {
  if (!canHandle.includes(recorded.type)) return current;
  const event = { type: recorded.type, data: recorded.data } as SupervisionEvent;
  const row = current ?? empty(event.data.communityId);
  const provenance = provenanceOf(recorded);
  switch (event.type) {
    case 'SupervisionCommitteeConstituted': {
      const { communityId: _c, occurredAt: _o, ...committee } = event.data;
      return { ...row, committees: [...row.committees, { ...committee, provenance }] };
    }
    case 'KinshipDeclared': {
      const { kinshipId, personRef, relativeRef, relation } = event.data;
      return { ...row, kinships: [...row.kinships, { kinshipId, personRef, relativeRef, relation, status: 'declared', provenance }] };
    }
    case 'KinshipWithdrawn':
      return { ...row, kinships: row.kinships.map((k) => (k.kinshipId === event.data.kinshipId ? { ...k, status: 'withdrawn' as const } : k)) };
    case 'SupervisionEligibilityConflictRecorded': {
      const { communityId: _c, occurredAt: _o, detectedOn, ...conflict } = event.data;
      return { ...row, conflicts: [...row.conflicts, { ...conflict, status: 'open', detectedOn, clearedOn: null, provenance, clearedBy: null }] };
    }
    case 'SupervisionEligibilityConflictCleared':
      return {
        ...row,
        conflicts: row.conflicts.map((c) => (c.conflictId === event.data.conflictId && c.status === 'open' ? { ...c, status: 'cleared' as const, clearedOn: event.data.detectedOn, clearedBy: provenance } : c)),
      };
    case 'MisconductReported': {
      const { communityId: _c, occurredAt, ...report } = event.data;
      return { ...row, misconductReports: [...row.misconductReports, { ...report, reportedAt: occurredAt, provenance }] };
    }
    default:
      return row;
  }
};
