import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { consultationDecider, toConsultationStreamId } from '../../domain/consultation';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandResult } from '../command-handling/handle-command';
import { APP_CONFIG, CLOCK, EVENT_STORE, EVENT_TYPE_REGISTRY } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import { withOutsideFacts, type LegalSettings } from './consultation-outside-facts';
import { ConsultationStepCommand } from './consultation-step.command';

/**
 * Every consultation step goes through this one handler: the steps differ only in which outside
 * facts they need (withOutsideFacts), and the decider dispatches on the type. One handler per
 * command would be 24 copies of the same three lines.
 */
@CommandHandler(ConsultationStepCommand)
export class ConsultationStepHandler implements ICommandHandler<ConsultationStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly settings: LegalSettings,
  ) {}

  async execute({ step, request }: ConsultationStepCommand): Promise<CommandResult> {
    const occurredAt = request.occurredAt ?? this.clock.now();
    const data = await withOutsideFacts({ eventStore: this.eventStore, registry: this.registry }, this.settings, step, occurredAt);
    return this.pipeline.run(consultationDecider, toConsultationStreamId(step.data.consultationId), { type: step.type, data }, request);
  }
}
