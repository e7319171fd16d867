import { applyDecorators } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../http-types';
import { EVENT_STORE } from '../../../application/command-handling/tokens';
import type { EventStore } from '../../../application/ports/event-store.port';
import { communityOfPublication } from '../../../application/supervision/publication-step';
import { RequireRoles, ScopeFrom } from '../../auth/auth.decorators';
import { MeetingScopes } from '../meetings/meeting-scopes';

export const COMMITTEES = ['villagers_committee@community', 'residents_committee@community', 'community_committee@community'] as const;
export const SUPERVISION_COMMITTEE = ['supervision_committee@community'] as const;
export const TOWNSHIP = ['township_government@township', 'street_office@township'] as const;
export const RESIDENTS = ['resident@community'] as const;
/** Who may read records that carry person references and actors' free text. */
export const RECORD_READERS = [...COMMITTEES, ...SUPERVISION_COMMITTEE, ...TOWNSHIP, 'civil_affairs_office', 'auditor'] as const;

const CACHE = Symbol('publicationCommunity');

const communityOf = (request: HttpRequest, moduleRef: ModuleRef): Promise<string> => {
  const holder = request as HttpRequest & { [CACHE]?: Promise<string> };
  holder[CACHE] ??= communityOfPublication(moduleRef.get<EventStore>(EVENT_STORE, { strict: false }), String(request.params['publicationId']));
  return holder[CACHE];
};

const townshipOf = async (communityId: string, moduleRef: ModuleRef): Promise<string> =>
  (await moduleRef.get(MeetingScopes, { strict: false }).placeOfCommunity(communityId)).townshipRef;

/** Roles checked in the community of the `:communityId` route and its township. */
export const CommunityRoles = (...roles: readonly string[]): MethodDecorator =>
  applyDecorators(RequireRoles(...roles), ScopeFrom('township', (request, moduleRef) => townshipOf(String(request.params['communityId']), moduleRef)));

/** Roles checked in the community of the `:publicationId` route (read from its stream) and its township. */
export const PublicationRoles = (...roles: readonly string[]): MethodDecorator =>
  applyDecorators(
    RequireRoles(...roles),
    ScopeFrom('community', (request, moduleRef) => communityOf(request, moduleRef)),
    ScopeFrom('township', async (request, moduleRef) => townshipOf(await communityOf(request, moduleRef), moduleRef)),
  );
