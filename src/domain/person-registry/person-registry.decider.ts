import { IllegalStateError, NotFoundError, type Command, type Decider } from '../shared';
import type { PersonRegistryEvent } from './person-registry.events';

export type RegisterPerson = Command<'RegisterPerson', { personRef: string; communityId: string }>;
export type ErasePerson = Command<'ErasePerson', { personRef: string; communityId: string }>;
export type PersonRegistryCommand = RegisterPerson | ErasePerson;

export type PersonState = Readonly<{ status: 'unknown' | 'registered' | 'erased'; communityId: string | null }>;

export const toPersonStreamId = (personRef: string): string => `person-${personRef}`;

/**
 * One stream per person reference: registered once, erased at most once, never registered again
 * after erasure (the reference stays in the public log and must not come to name someone else).
 */
export const personRegistryDecider: Decider<PersonState, PersonRegistryCommand, PersonRegistryEvent> = {
  initialState: () => ({ status: 'unknown', communityId: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PersonRegistered':
        return { status: 'registered', communityId: event.data.communityId };
      case 'PersonErased':
        return { ...state, status: 'erased' };
    }
  },
  decide: (command, state) => {
    const { personRef, communityId } = command.data;
    const occurredAt = command.metadata.occurredAt.toISOString();
    switch (command.type) {
      case 'RegisterPerson':
        if (state.status === 'erased') throw new IllegalStateError('PERSON.ERASED', `person ${personRef} was erased; the reference cannot be registered again`);
        if (state.status === 'registered') throw new IllegalStateError('PERSON.ALREADY_REGISTERED', `person ${personRef} is already registered`);
        return [{ type: 'PersonRegistered', data: { personRef, communityId, occurredAt } }];
      case 'ErasePerson':
        if (state.status === 'unknown' || state.communityId !== communityId) throw new NotFoundError('PERSON.NOT_FOUND', `no person ${personRef} is registered in community ${communityId}`);
        if (state.status === 'erased') throw new IllegalStateError('PERSON.ERASED', `person ${personRef} is already erased`);
        return [{ type: 'PersonErased', data: { personRef, communityId, occurredAt } }];
    }
  },
};
