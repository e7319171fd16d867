import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { meetingDecider, toMeetingStreamId, type MeetingSupervisionCommand } from '../../domain/meeting';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';

/** SV-5 on a meeting's stream: a supervision committee member admitted as observer, or a refusal reported. No outside facts. */
export class MeetingSupervisionCommandMessage extends Command<CommandResult> {
  constructor(readonly step: Readonly<{ type: MeetingSupervisionCommand['type']; data: MeetingSupervisionCommand['data'] }>, readonly request: CommandRequest) {
    super();
  }
}

@CommandHandler(MeetingSupervisionCommandMessage)
export class MeetingSupervisionHandler implements ICommandHandler<MeetingSupervisionCommandMessage> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ step, request }: MeetingSupervisionCommandMessage): Promise<CommandResult> {
    return this.pipeline.run(meetingDecider, toMeetingStreamId(step.data.meetingId), step, request);
  }
}
