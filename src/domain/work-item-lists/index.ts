export * from './work-list.vocabulary';
export * from './work-item';
export * from './work-list-policy.events';
export * from './work-list-policy';
export * from './list-set.events';
export * from './list-set.decider';
export * from './change-request.events';
export * from './change-request.decider';
export * from './assignment.events';
export * from './admission';
export * from './assignment.decider';
export * from './oversight.decider';
export * from './registered-communities';

import { assignmentEventSchema } from './assignment.events';
import { changeRequestEventSchema } from './change-request.events';
import { workListSetEventSchema } from './list-set.events';
import { workListPolicyEventSchema } from './work-list-policy.events';

/** Every event type of the work-item list procedure and its schema version. */
export const WorkListEventSchema = { ...workListPolicyEventSchema, ...workListSetEventSchema, ...changeRequestEventSchema, ...assignmentEventSchema } as const;
