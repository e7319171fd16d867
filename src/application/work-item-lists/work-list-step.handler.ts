import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { localDate, NotFoundError } from '../../domain/shared';
import {
  approvedChangeFact,
  assignmentDecider,
  changeRequestDecider,
  latestVersion,
  listVersionInForceOn,
  oversightDecider,
  toAssessmentStreamId,
  toAssignmentStreamId,
  toChangeRequestStreamId,
  toExemptionStreamId,
  toWorkListPolicyStreamId,
  toWorkListSetStreamId,
  workingCalendarOf,
  workListPolicyDecider,
  workListPolicyInForceOn,
  workListSetDecider,
  type RegisteredCommunities,
  type TaskAdmitted,
  type TaskRefused,
} from '../../domain/work-item-lists';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandResult } from '../command-handling/handle-command';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import { WorkListFacts } from './work-list-facts';
import { WorkListStepCommand } from './work-list-step.command';

type Settings = Readonly<{ timeZone: string }>;

/** Every work-list step but the admission (see assign-task.handler.ts): the stream, the outside facts, the decider. */
@CommandHandler(WorkListStepCommand)
export class WorkListStepHandler implements ICommandHandler<WorkListStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly facts: WorkListFacts,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly settings: Settings,
  ) {}

  /** Which of the named communities are registered, as their own streams record them (cached per community). */
  private async registered(communityIds: readonly string[]): Promise<RegisteredCommunities> {
    const known = await Promise.all(communityIds.map(async (id) => ((await this.facts.community(id)) === null ? null : id)));
    return { registered: known.filter((id): id is string => id !== null) };
  }

  async execute({ step, request }: WorkListStepCommand): Promise<CommandResult> {
    const run = this.pipeline.run.bind(this.pipeline);
    const today = localDate(request.occurredAt ?? this.clock.now(), this.settings.timeZone);
    switch (step.type) {
      case 'AdoptWorkListPolicyVersion':
      case 'AdoptWorkingCalendar':
        return run(workListPolicyDecider, toWorkListPolicyStreamId(step.data.jurisdictionId), step as never, request);
      case 'EstablishWorkListSet':
      case 'ImportWorkItem':
      case 'PublishImportedList':
        return run(workListSetDecider, toWorkListSetStreamId(step.data.jurisdictionId), step as never, request);
      case 'PublishApprovedChange': {
        const change = approvedChangeFact(await this.facts.changeRequest(step.data.changeRequestId));
        if (change === null) throw new NotFoundError('CHANGE_REQUEST.NOT_FOUND', `no change request ${step.data.changeRequestId}`);
        return run(workListSetDecider, toWorkListSetStreamId(change.jurisdictionId), { type: 'PublishApprovedChange', data: { jurisdictionId: change.jurisdictionId, change } }, request);
      }
      case 'FileChangeRequest': {
        const [set, policy] = await Promise.all([this.facts.listSet(step.data.jurisdictionId), this.facts.policy(step.data.jurisdictionId)]);
        const current = latestVersion(set)?.items[step.data.itemId] ?? null;
        const facts = { policy: workListPolicyInForceOn(policy, today) ?? null, calendar: workingCalendarOf(policy), communityKind: set.established?.communityKind ?? null, currentItem: current };
        return run(changeRequestDecider, toChangeRequestStreamId(step.data.changeRequestId), { type: step.type, data: { ...step.data, facts } }, request);
      }
      case 'ConsultCommunities':
        return run(changeRequestDecider, toChangeRequestStreamId(step.data.changeRequestId), { type: step.type, data: { ...step.data, facts: await this.registered(step.data.communityIds) } }, request);
      case 'AnswerConsultation':
      case 'ReviewChangeRequest':
      case 'RecordProvincialApproval':
      case 'ApproveChangeRequest':
      case 'RejectChangeRequest':
      case 'WithdrawChangeRequest':
      case 'RecordDecisionOverdue':
        return run(changeRequestDecider, toChangeRequestStreamId(step.data.changeRequestId), step as never, request);
      case 'RefuseAssignment': {
        const stream = toAssignmentStreamId(step.data.assignmentId);
        const [first] = await this.eventStore.readStream(stream, { maxCount: 1 });
        if (first === undefined) throw new NotFoundError('ASSIGNMENT.NOT_FOUND', `no assignment ${step.data.assignmentId}`);
        const assigned = { type: first.type, data: first.data } as TaskAdmitted | TaskRefused;
        // The assigned community as its own stream records it (admission required it registered).
        const [set, community] = await Promise.all([this.facts.listSet(assigned.data.jurisdictionId), this.facts.community(assigned.data.communityId)]);
        if (community === null) throw new NotFoundError('COMMUNITY.NOT_FOUND', `no community ${assigned.data.communityId} is registered`);
        const facts = { version: listVersionInForceOn(set, assigned.data.assignedOn), community };
        return run(assignmentDecider, stream, { type: step.type, data: { ...step.data, facts } }, request);
      }
      case 'InvokeEmergencyExemption':
        return run(oversightDecider, toExemptionStreamId(step.data.exemptionId), { type: step.type, data: { ...step.data, facts: await this.registered(step.data.communityIds) } }, request);
      case 'RecordSeparateAssessment': {
        const [set, facts] = await Promise.all([this.facts.listSet(step.data.jurisdictionId), this.registered(step.data.communityIds)]);
        return run(oversightDecider, toAssessmentStreamId(step.data.assessmentId), { type: step.type, data: { ...step.data, version: listVersionInForceOn(set, step.data.heldOn), facts } }, request);
      }
      default: {
        const never: never = step;
        throw new Error(`unknown work-list step ${JSON.stringify(never)}`);
      }
    }
  }
}
