import { Command } from '@nestjs/cqrs';
import type { AssignmentCommand, ChangeRequestCommand, OversightCommand, WorkListPolicyCommand, WorkListSetCommand } from '../../domain/work-item-lists';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';

/**
 * A work-list step as the edge sends it: the command's data without the outside facts the engine
 * looks up itself (policy and calendar in force, list version in force, community, exemption,
 * the approved change request). The body never supplies them.
 */
type OutsideFacts = 'facts' | 'version' | 'change';
type StepOf<C> = C extends { type: string; data: unknown } ? Readonly<{ type: C['type']; data: Omit<C['data'], OutsideFacts> }> : never;
export type WorkListStep =
  | StepOf<WorkListPolicyCommand>
  | StepOf<Exclude<WorkListSetCommand, { type: 'PublishApprovedChange' }>>
  | Readonly<{ type: 'PublishApprovedChange'; data: { changeRequestId: string } }>
  | StepOf<ChangeRequestCommand>
  | StepOf<Exclude<AssignmentCommand, { type: 'AssignTask' }>>
  | StepOf<OversightCommand>;

export class WorkListStepCommand extends Command<CommandResult> {
  constructor(readonly step: WorkListStep, readonly request: CommandRequest) {
    super();
  }
}

export type AdmissionOutcome = Readonly<{ outcome: 'admitted' | 'refused'; reason: string | null; rule: string | null; listVersion: number | null; emergency: boolean }>;
export type AssignmentResult = CommandResult & AdmissionOutcome;

export type AssignTaskStep = Omit<Extract<AssignmentCommand, { type: 'AssignTask' }>['data'], 'facts'>;

/** A department assigns a task to a community: the admission check records the outcome either way. */
export class AssignTaskCommand extends Command<AssignmentResult> {
  constructor(readonly data: AssignTaskStep, readonly request: CommandRequest) {
    super();
  }
}
