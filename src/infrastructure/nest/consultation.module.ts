import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_TYPE_REGISTRY } from '../../application/command-handling/tokens';
import { GetConsultationScopeHandler } from '../../application/consultation/consultation-scope.query';
import { ConsultationStepHandler } from '../../application/consultation/consultation-step.handler';
import { AdoptLocalityPolicyVersionHandler } from '../../application/locality-policy/adopt-locality-policy-version.handler';
import { consultationEventSchema } from '../../domain/consultation';
import { localityPolicyEventSchema } from '../../domain/locality-policy';
import { ConsultationOutcomeController } from '../http/consultation/consultation-outcome.controller';
import { ConsultationPreparationController } from '../http/consultation/consultation-preparation.controller';
import { ConsultationQueriesController } from '../http/consultation/consultation-queries.controller';
import { ConsultationReadService } from '../http/consultation/consultation-read.service';
import { LocalityPolicyController } from '../http/locality-policy/locality-policy.controller';
import type { InMemoryEventTypeRegistry } from '../serialization/event-type-registry';

const COMMAND_HANDLERS = [ConsultationStepHandler, AdoptLocalityPolicyVersionHandler];
const QUERY_HANDLERS = [GetConsultationScopeHandler];
const READ_SERVICES = [ConsultationReadService];

/** The consultation procedure (issue 4) and the locality policies it is judged by. */
@Module({
  controllers: [LocalityPolicyController, ConsultationPreparationController, ConsultationOutcomeController, ConsultationQueriesController],
  providers: [...COMMAND_HANDLERS, ...QUERY_HANDLERS, ...READ_SERVICES],
})
export class ConsultationModule implements OnModuleInit {
  constructor(@Inject(EVENT_TYPE_REGISTRY) private readonly registry: InMemoryEventTypeRegistry) {}

  onModuleInit(): void {
    this.registry.registerSchema(consultationEventSchema);
    this.registry.registerSchema(localityPolicyEventSchema);
  }
}
