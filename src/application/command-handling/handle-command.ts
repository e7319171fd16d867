import { ConcurrencyError, copyWith, DomainError, type Command, type Decider, type Event, type RecordedEvent } from '../../domain/shared';
import type { AppendResult, EventStore, ExpectedRevision } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';

export type CommandContext = Readonly<{
  commandId: string;
  correlationId: string;
  causationId: string;
  /** From `If-Match`: the revision the caller last saw. A mismatch is a ConcurrencyError, never retried. */
  expectedRevision?: bigint;
  /** A hash of what the caller sent; a command id reused with other content is refused. */
  fingerprint?: string;
  /**
   * The caller sent no occurredAt: every attempt takes the engine's now afresh (`now` and
   * `occurredAt` of the command's metadata), so a retry after a lost race is not refused for
   * going back in time against the step that won it.
   */
  occurredAtIsNow?: boolean;
  /**
   * The command usually creates its stream (a registration under a new id): the first attempt
   * decides on the initial state without reading and appends with expected revision "no stream".
   * If the stream exists after all, the store refuses that append and the command runs the usual
   * way (read, fold, decide). Ignored with `expectedRevision` (If-Match).
   */
  assumeNewStream?: boolean;
}>;

/** The same command id came back with other content (IETF httpapi Idempotency-Key: 422). */
export class CommandIdReusedError extends DomainError {
  readonly kind = 'unprocessable' as const;
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor(commandId: string) {
    super(`command id ${commandId} was already used for a different request`);
  }
}

export type CommandResult = Readonly<{
  stream: string;
  /** Revision of the stream after the command (-1 when it still does not exist). */
  revision: bigint;
  positions: readonly bigint[];
  eventIds: readonly string[];
  /** The command id had been handled before; nothing was appended now. */
  duplicate: boolean;
}>;

export type CommandPipelineDeps = Readonly<{
  eventStore: EventStore;
  registry: EventTypeRegistry;
  clock: Clock;
  ids: IdGenerator;
  maxRetries?: number;
}>;

export const DEFAULT_MAX_RETRIES = 3;

/** Folds a stream into the decider's state; returns the state and the stream's revision. */
export const aggregateStream = async <S, E extends Event>(
  deps: Pick<CommandPipelineDeps, 'eventStore' | 'registry'>,
  evolve: (state: S, event: E) => S,
  initialState: () => S,
  stream: string,
): Promise<{ state: S; revision: bigint; events: readonly RecordedEvent[] }> => {
  const events = (await deps.eventStore.readStream(stream)).map((e) => deps.registry.upcast(e));
  let state = initialState();
  for (const event of events) state = evolve(state, { type: event.type, data: event.data } as unknown as E);
  const last = events[events.length - 1];
  return { state, revision: last === undefined ? -1n : last.streamRevision, events };
};

/**
 * The one command pipeline: read the stream, fold with `evolve`, `decide`, append with the
 * expected revision. Idempotent by command id; a conflict without `If-Match` is retried.
 */
export const handleCommand = async <S, C extends Command, E extends Event>(
  deps: CommandPipelineDeps,
  decider: Decider<S, C, E>,
  stream: string,
  command: C,
  context: CommandContext,
): Promise<CommandResult> => {
  // No ledger lookup up front (a round trip on every command): a repeat is found where it shows.
  // Deciding again appends again -> the store's command ledger refuses it and returns the first
  // result; deciding again is a no-op -> looked up below; deciding again is refused -> here.
  try {
    return await decideAndAppend(deps, decider, stream, command, context);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const first = await deps.eventStore.findCommand(context.commandId);
    if (first === null) throw error;
    return duplicateOf(first, context);
  }
};

const duplicateOf = (earlier: AppendResult, context: CommandContext): CommandResult => {
  const mismatch =
    context.fingerprint !== undefined && earlier.commandFingerprint !== undefined && context.fingerprint !== earlier.commandFingerprint;
  if (mismatch) throw new CommandIdReusedError(context.commandId);
  return { stream: earlier.stream, revision: earlier.nextExpectedRevision, positions: earlier.positions, eventIds: earlier.eventIds, duplicate: true };
};

const stampedNow = <C extends Command>(command: C, now: Date): C => copyWith(command, { metadata: copyWith(command.metadata, { now, occurredAt: now }) }) as C;

const decideAndAppend = async <S, C extends Command, E extends Event>(
  deps: CommandPipelineDeps,
  decider: Decider<S, C, E>,
  stream: string,
  command: C,
  context: CommandContext,
): Promise<CommandResult> => {
  const maxRetries = deps.maxRetries ?? DEFAULT_MAX_RETRIES;
  let assumeNew = context.assumeNewStream === true && context.expectedRevision === undefined;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = assumeNew
      ? { state: decider.initialState(), revision: -1n }
      : await aggregateStream(deps, decider.evolve, decider.initialState, stream);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new ConcurrencyError(stream, context.expectedRevision.toString(), revision);
    }
    const attemptCommand = context.occurredAtIsNow === true ? stampedNow(command, deps.clock.now()) : command;
    const events = decider.decide(attemptCommand, state);
    if (events.length === 0) {
      const earlier = await deps.eventStore.findCommand(context.commandId);
      return earlier === null ? { stream, revision, positions: [], eventIds: [], duplicate: false } : duplicateOf(earlier, context);
    }

    const recordedAt = deps.clock.now().toISOString();
    const expected: ExpectedRevision = revision === -1n ? 'no_stream' : revision;
    try {
      const result = await deps.eventStore.appendToStream(
        stream,
        events.map((event) => ({
          eventId: deps.ids.newId(),
          type: event.type,
          schemaVersion: deps.registry.currentVersion(event.type),
          data: event.data,
          metadata: {
            actor: command.metadata.actorId,
            actorRoles: command.metadata.actorRoles,
            commandId: context.commandId,
            correlationId: context.correlationId,
            causationId: context.causationId,
            occurredAt: attemptCommand.metadata.occurredAt.toISOString(),
            recordedAt,
          },
        })),
        { expectedRevision: expected, commandId: context.commandId, ...(context.fingerprint === undefined ? {} : { commandFingerprint: context.fingerprint }) },
      );
      if (result.duplicate) return duplicateOf(result, context);
      return { stream, revision: result.nextExpectedRevision, positions: result.positions, eventIds: result.eventIds, duplicate: false };
    } catch (error) {
      // The stream existed: not a lost race, so it does not count as a retry.
      if (assumeNew && error instanceof ConcurrencyError) {
        assumeNew = false;
        attempt--;
        continue;
      }
      const retry = error instanceof ConcurrencyError && context.expectedRevision === undefined && attempt < maxRetries;
      if (!retry) throw error;
    }
  }
};
