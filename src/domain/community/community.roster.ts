import { isRepresentativeMeeting, type MeetingKind } from '../rules';
import type { RosterFact } from '../meeting/meeting.events';
import { censusInForceOn, constitutionInForceOn, type Community } from './community.state';

/**
 * The roster a meeting on `date` counts its quorum against (VM-1, VM-9, VM-11, RM-1, RM-4): the
 * census snapshot in force (the group's counts for a group meeting) and, for a representative
 * meeting, the composition in force. The application passes the result into ConveneMeeting.
 */
export const rosterFor = (state: Community, kind: MeetingKind, date: string, groupId?: string): RosterFact | null => {
  const census = censusInForceOn(state, date);
  if (census === null) return null;
  const constitution = constitutionInForceOn(state, date);
  const base = {
    households: census.households,
    adults: census.adults,
    members: constitution === null ? 0 : constitution.committeeMembers + constitution.representatives,
    representatives: constitution?.representatives ?? 0,
    residentGroups: census.residentGroups,
  };
  if (isRepresentativeMeeting(kind)) {
    if (constitution === null) return null;
    return { ...base, sourceId: constitution.constitutionId, effectiveFrom: constitution.effectiveFrom };
  }
  if (kind === 'village_group_meeting') {
    const group = census.villageGroups.find((g) => g.groupId === groupId);
    if (group === undefined) return null;
    return { ...base, adults: group.adults, households: group.households, sourceId: census.snapshotId, effectiveFrom: census.effectiveFrom };
  }
  return { ...base, sourceId: census.snapshotId, effectiveFrom: census.effectiveFrom };
};
