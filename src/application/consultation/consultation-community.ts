import type { ConsultationCommunity } from '../../domain/consultation';
import { localityPolicyDecider, toLocalityPolicyStreamId } from '../../domain/locality-policy';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';
import { loadCommunityWithPlace } from '../community/community-facts';

type Deps = Pick<CommandPipelineDeps, 'eventStore' | 'registry'>;

/**
 * The community a consultation opens for, as its stream says (never the request body): 404
 * `COMMUNITY.NOT_FOUND` when it was never registered. Its kind and time zone are the registry's; its
 * township is the registered `townshipRef`; the locality whose consultation policy applies is the
 * township when the township adopted a consultation policy, else the district (as supervision
 * policies are looked up), fixed when the consultation opens.
 */
export const consultationCommunity = async (deps: Deps, communityId: string): Promise<ConsultationCommunity> => {
  const community = await loadCommunityWithPlace(deps, communityId);
  const { state } = await aggregateStream(deps, localityPolicyDecider.evolve, localityPolicyDecider.initialState, toLocalityPolicyStreamId(community.townshipRef));
  const townshipHasPolicy = state.status === 'Set';
  return {
    communityId,
    townshipId: community.townshipRef,
    localityId: townshipHasPolicy ? community.townshipRef : community.districtRef,
    communityKind: community.kind,
    timeZone: community.timeZone,
  };
};
