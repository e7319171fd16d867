import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_TYPE_REGISTRY } from '../../application/command-handling/tokens';
import { PublicationStepHandler } from '../../application/supervision/publication-step';
import { SupervisionStepHandler } from '../../application/supervision/supervision-step';
import { PublicationEventSchema } from '../../domain/publication';
import { SupervisionEventSchema, SupervisionPolicyEventSchema } from '../../domain/supervision';
import { PublicationsController } from '../http/supervision/publications.controller';
import { SupervisionReadModels } from '../http/supervision/supervision-read-models.service';
import { SupervisionController } from '../http/supervision/supervision.controller';
import type { InMemoryEventTypeRegistry } from '../serialization/event-type-registry';

/** Village/residents' affairs supervision and publication (issue 8): committee, kinship, publications, public board. */
@Module({
  controllers: [SupervisionController, PublicationsController],
  providers: [SupervisionStepHandler, PublicationStepHandler, SupervisionReadModels],
})
export class SupervisionModule implements OnModuleInit {
  constructor(@Inject(EVENT_TYPE_REGISTRY) private readonly registry: InMemoryEventTypeRegistry) {}

  onModuleInit(): void {
    this.registry.registerSchema(SupervisionEventSchema);
    this.registry.registerSchema(SupervisionPolicyEventSchema);
    this.registry.registerSchema(PublicationEventSchema);
  }
}
