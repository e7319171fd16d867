import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { personRegistryDecider, toPersonStreamId } from '../../domain/person-registry';
import { IllegalStateError, NotFoundError, personalDataInRef } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import type { CommandRequest } from '../command-handling/command-request';
import type { CommandResult } from '../command-handling/handle-command';
import { EVENT_STORE, PERSON_DATA_VAULT } from '../command-handling/tokens';
import type { EventStore } from '../ports/event-store.port';
import type { PersonalData, PersonDataVault } from '../ports/person-data-vault.port';

/**
 * A reference the registry hands out when the caller names none: derived from the command id, so a
 * retried request (same Idempotency-Key) gets the same reference. Letters and digits only, never
 * shaped like a phone or ID number.
 */
export const generatedPersonRef = (commandId: string): string => {
  for (let salt = 0; ; salt++) {
    const ref = `p-${createHash('sha256').update(`${commandId}/${salt}`).digest('base64url').replace(/[-_]/g, '').slice(0, 20).toLowerCase()}`;
    if (personalDataInRef(ref) === null) return ref;
  }
};

export type PersonView = Readonly<{ personRef: string; communityId: string; erased: boolean } & Partial<PersonalData>>;

/**
 * The person registry (DESIGN.md "The event envelope"): the data goes to the vault, the log gets
 * PersonRegistered / PersonErased with the reference only. Erasure destroys the key first, then
 * records the tombstone, so a failed append never leaves readable data behind a recorded erasure.
 */
@Injectable()
export class PersonRegistry {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(PERSON_DATA_VAULT) private readonly vault: PersonDataVault,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async register(communityId: string, personRef: string | undefined, data: PersonalData, request: CommandRequest): Promise<CommandResult & { personRef: string }> {
    const ref = personRef ?? generatedPersonRef(request.commandId);
    const existing = await this.vault.entry(ref);
    if (existing?.erased === true) throw new IllegalStateError('PERSON.ERASED', `person ${ref} was erased; the reference cannot be registered again`);
    if (existing !== null && existing.commandId !== request.commandId) {
      // Data stored by another command whose append never landed may be replaced; a registered person may not.
      const [first] = await this.eventStore.readStream(toPersonStreamId(ref), { maxCount: 1 });
      if (first !== undefined) throw new IllegalStateError('PERSON.ALREADY_REGISTERED', `person ${ref} is already registered`);
    }
    if (existing === null || existing.commandId !== request.commandId || existing.communityId === communityId) {
      await this.vault.store({ personRef: ref, communityId, commandId: request.commandId }, data);
    }
    const result = await this.pipeline.run(personRegistryDecider, toPersonStreamId(ref), { type: 'RegisterPerson', data: { personRef: ref, communityId } }, request);
    return { ...result, personRef: ref };
  }

  async read(communityId: string, personRef: string): Promise<PersonView> {
    const entry = await this.vault.entry(personRef);
    if (entry === null || entry.communityId !== communityId) throw new NotFoundError('PERSON.NOT_FOUND', `no person ${personRef} is registered in community ${communityId}`);
    const data = await this.vault.read(personRef);
    return data === 'erased' || data === null ? { personRef, communityId, erased: true } : { personRef, communityId, erased: false, ...data };
  }

  /** Names for references shown by committee views; unknown references come back with neither name nor erasure. */
  async resolve(communityId: string, refs: readonly string[]): Promise<PersonView[]> {
    const views: PersonView[] = [];
    for (const ref of refs) {
      const entry = await this.vault.entry(ref);
      if (entry === null || entry.communityId !== communityId) continue;
      views.push(await this.read(communityId, ref));
    }
    return views;
  }

  async erase(communityId: string, personRef: string, request: CommandRequest): Promise<CommandResult> {
    const entry = await this.vault.entry(personRef);
    if (entry === null || entry.communityId !== communityId) throw new NotFoundError('PERSON.NOT_FOUND', `no person ${personRef} is registered in community ${communityId}`);
    await this.vault.destroyKey(personRef);
    return this.pipeline.run(personRegistryDecider, toPersonStreamId(personRef), { type: 'ErasePerson', data: { personRef, communityId } }, request);
  }
}
