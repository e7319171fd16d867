import type { Event } from './event';

/** Facts every command carries from the edge: who, when, which command. Deciders never read a clock. */
export type CommandMetadata = Readonly<{
  /** Engine time when the command is handled. */
  now: Date;
  /** When the step happened in the world, as the actor states it; defaults to `now`. */
  occurredAt: Date;
  actorId: string;
  actorRoles: readonly string[];
}>;

export type Command<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

/** decide is pure and may throw a DomainError; evolve is total and never throws. */
export type Decider<State, C extends Command, E extends Event> = Readonly<{
  initialState: () => State;
  evolve: (state: State, event: E) => State;
  decide: (command: C, state: State) => readonly E[];
}>;

export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
