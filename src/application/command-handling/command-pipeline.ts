import { Inject, Injectable, Optional } from '@nestjs/common';
import { copyWith, ValidationError, type Command, type Decider, type Event } from '../../domain/shared';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { CommandObserver, CommandRequest } from './command-request';
import { DEFAULT_MAX_RETRIES, handleCommand, type CommandResult } from './handle-command';
import { CLOCK, COMMAND_OBSERVER, COMMAND_PIPELINE_OPTIONS, EVENT_STORE, EVENT_TYPE_REGISTRY, ID_GENERATOR } from './tokens';

export type CommandPipelineOptions = Readonly<{ maxRetries?: number }>;

/**
 * handleCommand with its dependencies injected, for @CommandHandler classes:
 * `return this.pipeline.run(decider, toNoticeStreamId(id), { type: 'PostNotice', data }, command.request)`.
 * Adds the engine clock (`now`), checks `occurredAt` is not in the future and reports to metrics.
 */
@Injectable()
export class CommandPipeline {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Optional() @Inject(COMMAND_PIPELINE_OPTIONS) private readonly options: CommandPipelineOptions | null,
    @Optional() @Inject(COMMAND_OBSERVER) private readonly observer: CommandObserver | null,
  ) {}

  async run<S, C extends Command, E extends Event>(
    decider: Decider<S, C, E>,
    stream: string,
    command: Readonly<{ type: C['type']; data: C['data'] }>,
    request: CommandRequest,
    options: Readonly<{ assumeNewStream?: boolean }> = {},
  ): Promise<CommandResult> {
    const started = process.hrtime.bigint();
    const now = this.clock.now();
    const occurredAt = request.occurredAt ?? now;
    try {
      if (occurredAt.getTime() > now.getTime()) {
        throw new ValidationError('occurredAt lies in the future', [{ field: 'occurredAt', message: 'must not be later than now' }], 'COMMAND.OCCURRED_AT_IN_FUTURE');
      }
      const full = copyWith(command, { metadata: { now, occurredAt, actorId: request.actorId, actorRoles: request.actorRoles } }) as unknown as C;
      const result = await handleCommand(
        { eventStore: this.eventStore, registry: this.registry, clock: this.clock, ids: this.ids, maxRetries: this.options?.maxRetries ?? DEFAULT_MAX_RETRIES },
        decider,
        stream,
        full,
        {
          commandId: request.commandId,
          correlationId: request.correlationId,
          causationId: request.causationId,
          ...(request.expectedRevision === undefined ? {} : { expectedRevision: request.expectedRevision }),
          ...(request.fingerprint === undefined ? {} : { fingerprint: request.fingerprint }),
          occurredAtIsNow: request.occurredAt === undefined,
          ...(options.assumeNewStream === true ? { assumeNewStream: true } : {}),
        },
      );
      this.report(command.type, started, result.duplicate ? 0 : result.eventIds.length, result.duplicate);
      return result;
    } catch (error) {
      this.report(command.type, started, 0, false, error instanceof Error ? error.name : 'Error');
      throw error;
    }
  }

  private report(type: string, started: bigint, appended: number, duplicate: boolean, error?: string): void {
    if (this.observer === null) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.observer.commandHandled({ type, seconds, appended, duplicate, ...(error === undefined ? {} : { error }) });
  }
}
