import { applyDecorators } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../http-types';
import { EVENT_STORE } from '../../../application/command-handling/tokens';
import type { EventStore } from '../../../application/ports/event-store.port';
import { RequireRoles, ScopeFrom } from '../../auth/auth.decorators';
import { MeetingScopes } from '../meetings/meeting-scopes';

/** Roles that may audit every stream. */
export const GLOBAL_AUDITORS = ['auditor', 'civil_affairs_office', 'log_administrator'] as const;

/** A stream that belongs to no registered community: no community- or township-scoped role matches it. */
const NO_PLACE = '(none)';
const CACHE = Symbol('streamCommunity');

/** The community a stream belongs to: its first event's communityId, or the id of a `community-<id>` stream. */
const communityOfStream = (request: HttpRequest, moduleRef: ModuleRef): Promise<string> => {
  const holder = request as HttpRequest & { [CACHE]?: Promise<string> };
  holder[CACHE] ??= (async () => {
    const stream = String(request.params['stream']);
    const [first] = await moduleRef.get<EventStore>(EVENT_STORE, { strict: false }).readStream(stream, { maxCount: 1 });
    const id = (first?.data as { communityId?: unknown } | undefined)?.communityId;
    if (typeof id === 'string' && id !== '') return id;
    return stream.startsWith('community-') ? stream.slice('community-'.length) : NO_PLACE;
  })();
  return holder[CACHE];
};

const townshipOfStream = async (request: HttpRequest, moduleRef: ModuleRef): Promise<string> => {
  const community = await communityOfStream(request, moduleRef);
  if (community === NO_PLACE) return NO_PLACE;
  try {
    return (await moduleRef.get(MeetingScopes, { strict: false }).placeOfCommunity(community)).townshipRef;
  } catch {
    return NO_PLACE;
  }
};

/**
 * Roles checked against the community of the `:stream` route (read from the stream) and its
 * township: a community-scoped role reads its own community's streams only, a township-scoped
 * role those of its communities; a stream of no community is for the global auditors.
 */
export const StreamRoles = (...roles: readonly string[]): MethodDecorator =>
  applyDecorators(
    RequireRoles(...roles),
    ScopeFrom('community', (request, moduleRef) => communityOfStream(request, moduleRef)),
    ScopeFrom('township', (request, moduleRef) => townshipOfStream(request, moduleRef)),
  );
