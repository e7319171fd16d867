import { meetingDecider, toMeetingStreamId, type DecisionStatus } from '../../domain/meeting';
import type { CommunityKind, MatterType, MeetingKind } from '../../domain/rules';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';

/** What another aggregate needs to know about a meeting decision (an agenda item's vote), read from the meeting's stream. */
export type MeetingDecisionFacts = Readonly<{
  meetingId: string;
  itemId: string;
  communityId: string;
  communityKind: CommunityKind;
  meetingKind: MeetingKind;
  matterType: MatterType;
  /** null while the item has not been voted on. */
  outcome: 'adopted' | 'rejected' | null;
  adopted: boolean;
  /** Local date of the vote (YYYY-MM-DD, the meeting's time zone) and the instant the vote was stated to occur. */
  decidedOn: string | null;
  decidedAt: string | null;
  /** in_force | corrected | changed | revoked for an adopted decision; null otherwise. */
  status: DecisionStatus | null;
  meetingStatus: 'Convened' | 'Held' | 'Inquorate' | 'Closed';
}>;

/**
 * The facts of the decision on agenda item `itemId` of meeting `meetingId`, or null when the
 * meeting was never convened or has no such item. Callers map null to their own NotFoundError.
 */
export const meetingDecisionFacts = async (
  deps: Pick<CommandPipelineDeps, 'eventStore' | 'registry'>,
  meetingId: string,
  itemId: string,
): Promise<MeetingDecisionFacts | null> => {
  const { state } = await aggregateStream(deps, meetingDecider.evolve, meetingDecider.initialState, toMeetingStreamId(meetingId));
  if (!('convened' in state)) return null;
  const item = state.items[itemId];
  if (item === undefined) return null;
  const vote = item.vote;
  return {
    meetingId,
    itemId,
    communityId: state.convened.communityId,
    communityKind: state.convened.communityKind,
    meetingKind: state.convened.kind,
    matterType: item.item.matterType,
    outcome: vote?.outcome ?? null,
    adopted: vote?.outcome === 'adopted',
    decidedOn: vote?.decidedOn ?? null,
    decidedAt: vote?.occurredAt ?? null,
    status: item.decisionStatus,
    meetingStatus: state.status,
  };
};
