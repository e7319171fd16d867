import { assignmentDecider, changeRequestDecider, oversightDecider, workListPolicyDecider, workListSetDecider } from '../../domain/work-item-lists';
import { assignmentEventSchema } from '../../domain/work-item-lists/assignment.events';
import { changeRequestEventSchema } from '../../domain/work-item-lists/change-request.events';
import { workListSetEventSchema, workListSetUpcasters } from '../../domain/work-item-lists/list-set.events';
import { workListPolicyEventSchema } from '../../domain/work-item-lists/work-list-policy.events';
import { WORK_LIST_PROJECTIONS } from '../../projections/work-item-lists/work-list.projections';
import { WorkItemListsModule } from '../nest/work-item-lists.module';
import type { ProcedureDefinition } from './procedure-definition';

/** Community work-item lists and admission (社区工作事项清单, 准入; domain-rules.md §5). */
export const workItemListsProcedure: ProcedureDefinition = {
  name: 'work-item lists',
  events: [
    { file: 'src/domain/work-item-lists/work-list-policy.events.ts', schema: workListPolicyEventSchema },
    { file: 'src/domain/work-item-lists/list-set.events.ts', schema: workListSetEventSchema },
    { file: 'src/domain/work-item-lists/change-request.events.ts', schema: changeRequestEventSchema },
    { file: 'src/domain/work-item-lists/assignment.events.ts', schema: assignmentEventSchema },
  ],
  upcasters: workListSetUpcasters,
  aggregates: [
    { streamPrefix: 'work-list-change-', decider: changeRequestDecider },
    { streamPrefix: 'work-assignment-', decider: assignmentDecider },
    { streamPrefix: 'work-list-set-', decider: workListSetDecider },
    { streamPrefix: 'work-list-policy-', decider: workListPolicyDecider },
    { streamPrefix: 'work-list-exemption-', decider: oversightDecider },
    { streamPrefix: 'work-list-assessment-', decider: oversightDecider },
  ],
  projections: [...WORK_LIST_PROJECTIONS],
  module: WorkItemListsModule,
};
