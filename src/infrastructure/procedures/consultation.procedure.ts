import { consultationEventSchema, consultationUpcasters } from '../../domain/consultation';
import { localityPolicyEventSchema } from '../../domain/locality-policy';
import { CONSULTATION_PROJECTIONS } from '../../projections/consultations/consultation.projections';
import { procedureComplianceProjection } from '../../projections/procedure-compliance/procedure-compliance.projection';
import { ConsultationModule } from '../nest/consultation.module';
import type { ProcedureDefinition } from './procedure-definition';

/** Consultations (城乡社区协商) and the locality policies they are judged by. */
export const consultationProcedure: ProcedureDefinition = {
  name: 'consultations',
  events: [
    { file: 'src/domain/consultation/consultation.events.ts', schema: consultationEventSchema },
    { file: 'src/domain/locality-policy/locality-policy.events.ts', schema: localityPolicyEventSchema },
  ],
  upcasters: consultationUpcasters,
  projections: [...CONSULTATION_PROJECTIONS, procedureComplianceProjection],
  module: ConsultationModule,
};
