import { personRegistryDecider, type PersonRegistryCommand, type PersonRegistryEvent } from '../../src/domain/person-registry';
import { IllegalStateError, NotFoundError } from '../../src/domain/shared';
import { DeciderSpecification } from '../support/decider-specification';

const at = new Date('2026-03-01T01:00:00Z');
const metadata = { now: at, occurredAt: at, actorId: 'clerk-1', actorRoles: [] };
const registered: PersonRegistryEvent = { type: 'PersonRegistered', data: { personRef: 'p-1', communityId: 'c-1', occurredAt: at.toISOString() } };
const erased: PersonRegistryEvent = { type: 'PersonErased', data: { personRef: 'p-1', communityId: 'c-1', occurredAt: at.toISOString() } };
const register: PersonRegistryCommand = { type: 'RegisterPerson', data: { personRef: 'p-1', communityId: 'c-1' }, metadata };
const erase = (communityId = 'c-1'): PersonRegistryCommand => ({ type: 'ErasePerson', data: { personRef: 'p-1', communityId }, metadata });
const spec = DeciderSpecification.for(personRegistryDecider);

describe('person registry (DESIGN.md "The event envelope": events carry the reference only; erasure by crypto-shredding)', () => {
  it('registers a person by reference, with no personal data in the event', () => spec.given([]).when(register).then([registered]));
  it('refuses a second registration of one reference', () => spec.given([registered]).when(register).thenThrows(IllegalStateError, { code: 'PERSON.ALREADY_REGISTERED' }));
  it('records the erasure as a tombstone without personal data', () => spec.given([registered]).when(erase()).then([erased]));
  it('refuses to erase an unknown person, or one of another community', () => {
    spec.given([]).when(erase()).thenThrows(NotFoundError, { code: 'PERSON.NOT_FOUND' });
    spec.given([registered]).when(erase('c-2')).thenThrows(NotFoundError, { code: 'PERSON.NOT_FOUND' });
  });
  it('erases once, and never registers an erased reference again', () => {
    spec.given([registered, erased]).when(erase()).thenThrows(IllegalStateError, { code: 'PERSON.ERASED' });
    spec.given([registered, erased]).when(register).thenThrows(IllegalStateError, { code: 'PERSON.ERASED' });
  });
});
