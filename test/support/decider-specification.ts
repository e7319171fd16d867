import type { Command, Decider, Event } from '../../src/domain/shared';
import { DomainError } from '../../src/domain/shared';
import { expectMatchesSchemas } from './event-schema-validator';

type ErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * given(events).when(command).then(events) | thenThrows(ErrorClass, { code, rule }) | thenNothingHappened()
 * for any decider (STYLE.md habit 18).
 */
export const DeciderSpecification = {
  for: <S, C extends Command, E extends Event>(decider: Decider<S, C, E>) => ({
    given: (history: readonly E[]) => ({
      when: (command: C) => {
        const run = (): readonly E[] => {
          const state = history.reduce(decider.evolve, decider.initialState());
          const events = decider.decide(command, state);
          // Every event a decider produces must match the JSON Schema integrators get (/api/v1/schemas).
          expectMatchesSchemas(events);
          return events;
        };
        return {
          then: (expected: readonly E[]) => {
            expect(run()).toEqual(expected);
          },
          thenContains: (expected: readonly Partial<E>[]) => {
            const events = run();
            expect(events).toEqual(expected.map((e) => expect.objectContaining(e)));
          },
          thenNothingHappened: () => {
            expect(run()).toEqual([]);
          },
          thenThrows: (errorClass: ErrorClass, expected: { code?: string; rule?: string } = {}) => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            const error = thrown as DomainError;
            if (expected.code !== undefined) expect(error.code).toBe(expected.code);
            if (expected.rule !== undefined) expect(error.rule).toBe(expected.rule);
          },
          events: run,
        };
      },
    }),
  }),
};
