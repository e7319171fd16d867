import { PublicationEventSchema } from '../../domain/publication';
import { SupervisionEventSchema, SupervisionPolicyEventSchema } from '../../domain/supervision';
import { SUPERVISION_PROJECTIONS } from '../../projections/supervision/supervision.projections';
import { SupervisionModule } from '../nest/supervision.module';
import type { ProcedureDefinition } from './procedure-definition';

/** Village/residents' affairs supervision and publication (村务/居务监督, 村务/居务公开; SV-1..SV-16, PD-1..PD-11). */
export const supervisionProcedure: ProcedureDefinition = {
  name: 'supervision and publication',
  events: [
    // The supervision stream's events are declared over several files (committee, appraisal, casebook, obligations).
    { file: 'src/domain/supervision/*.events.ts', schema: SupervisionEventSchema },
    { file: 'src/domain/supervision/supervision-policy.events.ts', schema: SupervisionPolicyEventSchema },
    { file: 'src/domain/publication/publication.events.ts', schema: PublicationEventSchema },
  ],
  projections: [...SUPERVISION_PROJECTIONS],
  module: SupervisionModule,
};
