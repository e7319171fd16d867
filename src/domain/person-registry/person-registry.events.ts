import type { Event } from '../shared';

/**
 * The person registry's events carry the person's reference and community only: the name, phone and
 * ID number live encrypted outside the log (DESIGN.md "The event envelope"), so the log stays public
 * and erasing a person (crypto-shredding) rewrites nothing in it.
 */
export type PersonRegistered = Event<'PersonRegistered', { personRef: string; communityId: string; occurredAt: string }>;

/** The tombstone of an erasure: the person's key was destroyed; no personal data. */
export type PersonErased = Event<'PersonErased', { personRef: string; communityId: string; occurredAt: string }>;

export type PersonRegistryEvent = PersonRegistered | PersonErased;

export const PersonRegistryEventSchema = { PersonRegistered: 1, PersonErased: 1 } as const satisfies Record<PersonRegistryEvent['type'], number>;
