import type { AnyProjection } from './projection';
import { MEETING_PROJECTIONS } from './meetings/meetings.projections';
import { communitiesProjection } from './communities/communities.projections';

/**
 * Every read model the service keeps up to date. Domain modules add their definitions here; the
 * service's ProjectionsModule runs them and `civic-ledger projections` lists them.
 */
export const ALL_PROJECTIONS: readonly AnyProjection[] = [
  communitiesProjection,
  ...MEETING_PROJECTIONS,
];
