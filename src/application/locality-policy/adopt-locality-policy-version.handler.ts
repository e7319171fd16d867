import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { localityPolicyDecider, toLocalityPolicyStreamId, type AdoptLocalityPolicyVersion } from '../../domain/locality-policy';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';

export class AdoptLocalityPolicyVersionCommand extends Command<CommandResult> {
  constructor(readonly data: AdoptLocalityPolicyVersion['data'], readonly request: CommandRequest) {
    super();
  }
}

/** A locality's consultation policy is configuration held as events (stream `locality-policy-<id>`). */
@CommandHandler(AdoptLocalityPolicyVersionCommand)
export class AdoptLocalityPolicyVersionHandler implements ICommandHandler<AdoptLocalityPolicyVersionCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}
  execute({ data, request }: AdoptLocalityPolicyVersionCommand): Promise<CommandResult> {
    return this.pipeline.run(localityPolicyDecider, toLocalityPolicyStreamId(data.localityId), { type: 'AdoptLocalityPolicyVersion', data }, request);
  }
}
