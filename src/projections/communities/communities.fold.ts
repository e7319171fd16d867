import { localDate, type ProjectedEvent } from '../../domain/shared';
import { CommunityEventSchema, toCommunityStreamId, type CommunityEvent } from '../../domain/community/community.events';

/** Read model `communities`: one row per registered community with its current committee term (places are not personal data). */
export type CommunityRow = {
  communityId: string;
  kind: string;
  name: string;
  townshipRef: string;
  districtRef: string;
  timeZone: string;
  /** Local date the registration states (its occurredAt): the engine's record of the community starts here. */
  registeredOn: string;
  termId: string | null;
  termStartsOn: string | null;
  termEndsOn: string | null;
  censusEffectiveFrom: string | null;
  adults: number | null;
  households: number | null;
};

/** Every event of a community's stream: the row's provenance follows the stream (ETag = stream revision). */
export const canHandle: readonly string[] = Object.keys(CommunityEventSchema);
const CHANGES_ROW: readonly string[] = ['CommunityRegistered', 'CommitteeTermStarted', 'CensusSnapshotRecorded'];

export const key = (event: ProjectedEvent): string | null => {
  const id = (event.data as { communityId?: unknown }).communityId;
  return canHandle.includes(event.type) && event.stream === toCommunityStreamId(String(id)) && typeof id === 'string' ? id : null;
};

export const evolve = (row: CommunityRow | null, recorded: ProjectedEvent): CommunityRow | null => {
  if (!CHANGES_ROW.includes(recorded.type)) return row;
  const event = { type: recorded.type, data: recorded.data } as CommunityEvent;
  switch (event.type) {
    case 'CommunityRegistered': {
      if (row !== null) return row;
      const d = event.data;
      return {
        communityId: d.communityId, kind: d.kind, name: d.name, townshipRef: d.townshipRef, districtRef: d.districtRef, timeZone: d.timeZone,
        registeredOn: localDate(new Date(recorded.metadata.occurredAt), d.timeZone),
        termId: null, termStartsOn: null, termEndsOn: null, censusEffectiveFrom: null, adults: null, households: null,
      };
    }
    case 'CommitteeTermStarted': {
      const d = event.data;
      if (row === null || (row.termStartsOn !== null && d.startsOn < row.termStartsOn)) return row;
      return { ...row, termId: d.termId, termStartsOn: d.startsOn, termEndsOn: d.endsOn };
    }
    case 'CensusSnapshotRecorded': {
      const d = event.data;
      if (row === null || (row.censusEffectiveFrom !== null && d.effectiveFrom < row.censusEffectiveFrom)) return row;
      return { ...row, censusEffectiveFrom: d.effectiveFrom, adults: d.adults, households: d.households };
    }
    default:
      return row;
  }
};
