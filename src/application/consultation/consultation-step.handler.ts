import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { consultationDecider, toConsultationStreamId } from '../../domain/consultation';
import type { CommandResult } from '../command-handling/handle-command';
import { withOutsideFacts, type LegalSettings } from './consultation-outside-facts';
import { ConsultationStepCommand } from './consultation-step.command';
import { ProcedureStepHandler } from '../command-handling/procedure-step-handler';

/**
 * Every consultation step goes through this one handler: the steps differ only in which outside
 * facts they need (withOutsideFacts), and the decider dispatches on the type. One handler per
 * command would be 24 copies of the same three lines.
 */
@CommandHandler(ConsultationStepCommand)
export class ConsultationStepHandler extends ProcedureStepHandler<LegalSettings> implements ICommandHandler<ConsultationStepCommand> {
  async execute({ step, request }: ConsultationStepCommand): Promise<CommandResult> {
    const occurredAt = request.occurredAt ?? this.clock.now();
    const data = await withOutsideFacts(this.deps, this.settings, step, occurredAt);
    return this.pipeline.run(consultationDecider, toConsultationStreamId(step.data.consultationId), { type: step.type, data }, request);
  }
}
