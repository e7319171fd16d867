import { officeHoldersOn } from '../../domain/community';
import { supervisionPolicyDecider, supervisionPolicyOn, toSupervisionPolicyStreamId, type EligibilityFacts, type SupervisionPolicySettings } from '../../domain/supervision';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';
import type { CommunityWithPlace } from '../community/community-facts';

type Deps = Pick<CommandPipelineDeps, 'eventStore' | 'registry'>;

/**
 * The supervision policy in force for a community on a local date: the township's policy stream,
 * else the district's, else the national defaults (the law only).
 */
export const supervisionPolicyFor = async (deps: Deps, community: Pick<CommunityWithPlace, 'townshipRef' | 'districtRef'>, date: string): Promise<SupervisionPolicySettings & { version: number | null; localityId: string | null }> => {
  for (const localityId of [community.townshipRef, community.districtRef]) {
    const { state } = await aggregateStream(deps, supervisionPolicyDecider.evolve, supervisionPolicyDecider.initialState, toSupervisionPolicyStreamId(localityId));
    const policy = supervisionPolicyOn(state, date);
    if (policy.version !== null) return { ...policy, localityId };
  }
  return { ...supervisionPolicyOn({ versions: [] }, date), localityId: null };
};

/** SV-3 / SV-10 facts on a date: the office holders in force and the locality's definitions. */
export const eligibilityFactsOn = async (deps: Deps, community: CommunityWithPlace, date: string): Promise<EligibilityFacts> => {
  const holders = officeHoldersOn(community, date);
  const policy = await supervisionPolicyFor(deps, community, date);
  return {
    officeHolders: { recordId: holders?.recordId ?? null, holders: holders?.holders ?? [] },
    nearRelativeRelations: policy.nearRelativeRelations,
    extendedExclusions: policy.extendedExclusions,
  };
};
