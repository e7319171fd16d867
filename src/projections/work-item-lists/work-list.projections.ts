import { defineProjection } from '../projection';
import * as assignments from './assignments.fold';
import * as changeRequests from './change-requests.fold';
import { AssignmentEntity, ChangeRequestEntity, OversightEntity, WorkListSetEntity } from './work-list.entities';
import * as sets from './work-list-sets.fold';

/** The work-item list read models (issue 9). */
export const workListSetsProjection = defineProjection<WorkListSetEntity>({
  name: 'work-list-sets', metadata: false, version: 2, // v2: communityKind in the registry's vocabulary (WorkListSetEstablished v2)
  entity: WorkListSetEntity, canHandle: sets.canHandle, key: sets.key, evolve: sets.evolve,
});
export const changeRequestsProjection = defineProjection<ChangeRequestEntity>({
  name: 'work-list-change-requests', version: 2, // v2: overdueRecorded carries full provenance
  entity: ChangeRequestEntity, canHandle: changeRequests.canHandle, key: changeRequests.key, evolve: changeRequests.evolve,
});
export const assignmentsProjection = defineProjection<AssignmentEntity>({
  name: 'work-assignments', metadata: false, version: 1, entity: AssignmentEntity, canHandle: assignments.canHandle, key: assignments.key, evolve: assignments.evolve,
});
export const oversightProjection = defineProjection<OversightEntity>({
  name: 'work-list-oversight', metadata: false, version: 1, entity: OversightEntity, canHandle: assignments.oversightCanHandle, key: assignments.oversightKey, evolve: assignments.oversightEvolve,
});

export const WORK_LIST_PROJECTIONS = [workListSetsProjection, changeRequestsProjection, assignmentsProjection, oversightProjection] as const;
