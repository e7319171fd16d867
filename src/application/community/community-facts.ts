import { communityDecider, toCommunityStreamId, type Registered } from '../../domain/community';
import { NotFoundError } from '../../domain/shared';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';

/** The settings the wiring reads from the service config (APP_CONFIG): the default zone and the 2025 texts' effective date. */
export type RuleSettings = Readonly<{ timeZone: string; organicLaw2025Effective: string }>;

export class CommunityNotFound extends NotFoundError {
  constructor(communityId: string) {
    super('COMMUNITY.NOT_FOUND', `No community ${communityId} is registered`);
  }
}

/** The registered community's state, read from its stream (outside facts for meeting commands); 404 when unknown. */
export const loadCommunity = async (deps: Pick<CommandPipelineDeps, 'eventStore' | 'registry'>, communityId: string): Promise<Registered> => {
  const { state } = await aggregateStream(deps, communityDecider.evolve, communityDecider.initialState, toCommunityStreamId(communityId));
  if (state.status !== 'Registered') throw new CommunityNotFound(communityId);
  return state;
};

export type CommunityWithPlace = Registered & Readonly<{ townshipRef: string; districtRef: string }>;

/** The registered community's state and its place (township, district), read from its stream; 404 when unknown. */
export const loadCommunityWithPlace = async (deps: Pick<CommandPipelineDeps, 'eventStore' | 'registry'>, communityId: string): Promise<CommunityWithPlace> => {
  const { state, events } = await aggregateStream(deps, communityDecider.evolve, communityDecider.initialState, toCommunityStreamId(communityId));
  if (state.status !== 'Registered') throw new CommunityNotFound(communityId);
  const place = events[0]?.data as { townshipRef: string; districtRef: string };
  return { ...state, townshipRef: place.townshipRef, districtRef: place.districtRef };
};

