import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError, localDate, ValidationError } from '../../domain/shared';
import { assignmentDecider, listVersionInForceOn, toAssignmentStreamId, type AssignmentEvent, type AssignTask } from '../../domain/work-item-lists';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandResult } from '../command-handling/handle-command';
import { APP_CONFIG, CLOCK, EVENT_STORE, EVENT_TYPE_REGISTRY, ID_GENERATOR } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import type { IdGenerator } from '../ports/id-generator.port';
import { WorkListFacts } from './work-list-facts';
import { AssignTaskCommand, type AdmissionOutcome, type AssignmentResult } from './work-list-step.command';

type Settings = Readonly<{ timeZone: string }>;

export const outcomeOf = (event: Readonly<{ type: string; data: unknown }> | undefined): AdmissionOutcome => {
  const e = event as AssignmentEvent | undefined;
  if (e?.type === 'TaskAdmitted') return { outcome: 'admitted', reason: null, rule: null, listVersion: e.data.listVersion, emergency: e.data.emergency !== null };
  if (e?.type === 'TaskRefused') return { outcome: 'refused', reason: e.data.reason, rule: e.data.rule, listVersion: e.data.listVersion, emergency: false };
  throw new Error(`not an admission event: ${String(e?.type)}`);
};

/**
 * The admission check on the hot path: list set from memory (tail read), community and exemption
 * from cache, the decision on an empty stream, then one append with `no_stream`. The assignment id
 * is new in the normal case, so the stream is not read first; when it exists (a repeated
 * Idempotency-Key, or the id taken) the ordinary pipeline answers: the first result, or 409.
 */
@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly facts: WorkListFacts,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly settings: Settings,
  ) {}

  async execute({ data, request }: AssignTaskCommand): Promise<AssignmentResult> {
    const now = this.clock.now();
    const occurredAt = request.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime()) {
      throw new ValidationError('occurredAt lies in the future', [{ field: 'occurredAt', message: 'must not be later than now' }], 'COMMAND.OCCURRED_AT_IN_FUTURE');
    }
    const [set, community, exemption] = await Promise.all([
      this.facts.listSet(data.jurisdictionId),
      this.facts.community(data.communityId),
      data.exemptionId === null ? Promise.resolve(null) : this.facts.exemption(data.exemptionId),
    ]);
    // The day of the assignment in the assigned community's zone (its registration), as the decider dates it.
    const assignedOn = localDate(occurredAt, community?.timeZone ?? this.settings.timeZone);
    const facts = {
      listSet: set.established === null ? null : { communityKind: set.established.communityKind, coveredAreaRefs: set.established.coveredAreaRefs },
      community,
      version: listVersionInForceOn(set, assignedOn),
      exemption,
    };
    const command: Pick<AssignTask, 'type' | 'data'> = { type: 'AssignTask', data: { ...data, facts } };
    const stream = toAssignmentStreamId(data.assignmentId);
    if (request.expectedRevision === undefined) {
      const events = assignmentDecider.decide({ ...command, metadata: { now, occurredAt, actorId: request.actorId, actorRoles: request.actorRoles } }, assignmentDecider.initialState());
      try {
        const result = await this.eventStore.appendToStream(
          stream,
          events.map((event) => ({
            eventId: this.ids.newId(), type: event.type, schemaVersion: this.registry.currentVersion(event.type), data: event.data,
            metadata: {
              actor: request.actorId, actorRoles: request.actorRoles, commandId: request.commandId, correlationId: request.correlationId,
              causationId: request.causationId, occurredAt: occurredAt.toISOString(), recordedAt: this.clock.now().toISOString(),
            },
          })),
          { expectedRevision: 'no_stream', commandId: request.commandId, ...(request.fingerprint === undefined ? {} : { commandFingerprint: request.fingerprint }) },
        );
        if (!result.duplicate) {
          const appended: CommandResult = { stream, revision: result.nextExpectedRevision, positions: result.positions, eventIds: result.eventIds, duplicate: false };
          return { ...appended, ...outcomeOf(events[0]) };
        }
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    // The stream exists or the command id was seen: the pipeline reads the stream and answers.
    const result = await this.pipeline.run(assignmentDecider, stream, command, request);
    const [first] = await this.eventStore.readStream(stream, { maxCount: 1 });
    return { ...result, ...outcomeOf(first === undefined ? undefined : this.registry.upcast(first)) };
  }
}
