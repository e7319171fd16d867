import { NotFoundError } from '../shared';

/** The outside fact of a step that names communities: which of them are registered (their streams record it). */
export type RegisteredCommunities = Readonly<{ registered: readonly string[] }>;

/** Every community a work-list step names is a registered one: an unknown id is 404 COMMUNITY.NOT_FOUND. */
export const requireRegisteredCommunities = (communityIds: readonly string[], facts: RegisteredCommunities): void => {
  const unknown = communityIds.find((c) => !facts.registered.includes(c));
  if (unknown !== undefined) throw new NotFoundError('COMMUNITY.NOT_FOUND', `no community ${unknown} is registered`);
};
