import { publicationDecider, PublicationEventSchema } from '../../domain/publication';
import { supervisionDecider, SupervisionEventSchema, supervisionPolicyDecider, SupervisionPolicyEventSchema } from '../../domain/supervision';
import { SUPERVISION_PROJECTIONS } from '../../projections/supervision/supervision.projections';
import { SupervisionModule } from '../nest/supervision.module';
import type { ProcedureDefinition } from './procedure-definition';

/** Village/residents' affairs supervision and publication (村务/居务监督, 村务/居务公开; the SV and PD rules docs/supervision.md lists as enforced). */
export const supervisionProcedure: ProcedureDefinition = {
  name: 'supervision and publication',
  events: [
    // The supervision stream's events are declared over several files (committee, appraisal, casebook, obligations).
    { file: 'src/domain/supervision/*.events.ts', schema: SupervisionEventSchema },
    { file: 'src/domain/supervision/supervision-policy.events.ts', schema: SupervisionPolicyEventSchema },
    { file: 'src/domain/publication/publication.events.ts', schema: PublicationEventSchema },
  ],
  aggregates: [
    { streamPrefix: 'supervision-', decider: supervisionDecider },
    { streamPrefix: 'supervision-policy-', decider: supervisionPolicyDecider },
    { streamPrefix: 'publication-', decider: publicationDecider },
  ],
  projections: [...SUPERVISION_PROJECTIONS],
  module: SupervisionModule,
};
