import { RuleViolationError } from '../../domain/shared';
import { localityPolicyDecider, policyInForceOn, toLocalityPolicyStreamId, type LocalityPolicySnapshot } from '../../domain/locality-policy';
import { aggregateStream, type CommandPipelineDeps } from '../command-handling/handle-command';

/** The locality policy version in force on a local date, read from the locality's policy stream. */
export const localityPolicyInForce = async (
  deps: Pick<CommandPipelineDeps, 'eventStore' | 'registry'>,
  localityId: string,
  date: string,
): Promise<LocalityPolicySnapshot> => {
  const { state } = await aggregateStream(deps, localityPolicyDecider.evolve, localityPolicyDecider.initialState, toLocalityPolicyStreamId(localityId));
  const policy = policyInForceOn(state, date);
  if (policy === undefined) {
    throw new RuleViolationError('CONSULTATION.NO_POLICY_IN_FORCE', `locality ${localityId} has no consultation policy in force on ${date}`, 'CS-13');
  }
  return policy;
};
