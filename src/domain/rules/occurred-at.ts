/**
 * occurredAt (docs/architecture.md "Time"): may lie in the past, never in the future
 * (metadata.now), and the steps of one procedure may not go backwards in it.
 */
import { IllegalStateError, ValidationError, type CommandMetadata } from '../shared';

export const assertOccurredAtAcceptable = (metadata: CommandMetadata, previous: string | null, prefix: 'COMMUNITY' | 'MEETING' | 'SUPERVISION' | 'PUBLICATION'): string => {
  const occurredAt = metadata.occurredAt;
  if (Number.isNaN(occurredAt.getTime())) throw new ValidationError('occurredAt is not a valid time', [{ field: 'occurredAt', message: 'invalid' }], `${prefix}.OCCURRED_AT_INVALID`);
  if (occurredAt.getTime() > metadata.now.getTime()) {
    throw new ValidationError('occurredAt lies in the future', [{ field: 'occurredAt', message: 'must not be after now' }], `${prefix}.OCCURRED_IN_FUTURE`);
  }
  if (previous !== null && occurredAt.getTime() < Date.parse(previous)) {
    throw new IllegalStateError(`${prefix}.OCCURRED_BEFORE_PREVIOUS_STEP`, `occurredAt ${occurredAt.toISOString()} is before the previous step at ${previous}`);
  }
  return occurredAt.toISOString();
};
