import type { AnyProjection } from './projection';
import { CONSULTATION_PROJECTIONS } from './consultations/consultation.projections';
import { procedureComplianceProjection } from './procedure-compliance/procedure-compliance.projection';
import { MEETING_PROJECTIONS } from './meetings/meetings.projections';
import { communitiesProjection } from './communities/communities.projections';
import { WORK_LIST_PROJECTIONS } from './work-item-lists/work-list.projections';

/**
 * Every read model the service keeps up to date. Domain modules add their definitions here; the
 * service's ProjectionsModule runs them and `civic-ledger projections` lists them.
 */
export const ALL_PROJECTIONS: readonly AnyProjection[] = [
  ...CONSULTATION_PROJECTIONS,
  procedureComplianceProjection,
  communitiesProjection,
  ...MEETING_PROJECTIONS,
  ...WORK_LIST_PROJECTIONS,
];
