import { Command } from '@nestjs/cqrs';
import type { ConsultationCommand } from '../../domain/consultation';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';

/**
 * A consultation step as the edge sends it: the command's data without the outside facts the
 * engine looks up itself (the locality policy in force, the organic-law switch date, the meeting
 * decision, and when the consultation opens the community's township, locality, kind and time zone,
 * from its stream). The body never supplies them.
 */
type OutsideFacts = 'policy' | 'switchDate' | 'adopted' | 'decidedAt' | 'townshipId' | 'localityId' | 'communityKind' | 'timeZone';
type StepOf<C> = C extends ConsultationCommand ? Readonly<{ type: C['type']; data: Omit<C['data'], OutsideFacts> }> : never;
export type ConsultationStep = StepOf<ConsultationCommand>;

export class ConsultationStepCommand extends Command<CommandResult> {
  constructor(readonly step: ConsultationStep, readonly request: CommandRequest) {
    super();
  }
}
