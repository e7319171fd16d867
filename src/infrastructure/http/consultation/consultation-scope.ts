import { applyDecorators } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import type { HttpRequest } from '../http-types';
import { GetConsultationScopeQuery, type ConsultationScope } from '../../../application/consultation/consultation-scope.query';
import { NotFoundError } from '../../../domain/shared';
import { RequireRoles, ScopeFrom } from '../../auth/auth.decorators';
import { MeetingScopes } from '../meetings/meeting-scopes';

const CACHE = Symbol('consultationScope');

/**
 * The consultation's community and township, read once per request from its stream (404 when unknown);
 * for a deviation that opens the consultation, the registered community's named in the body.
 */
const scopeOf = (request: HttpRequest, moduleRef: ModuleRef, fallBackToBody: boolean): Promise<ConsultationScope> => {
  const holder = request as HttpRequest & { [CACHE]?: Promise<ConsultationScope> };
  holder[CACHE] ??= moduleRef
    .get(QueryBus, { strict: false })
    .execute(new GetConsultationScopeQuery(String(request.params['id'])))
    .catch((error: unknown) => {
      const body = request.body as { communityId?: unknown } | undefined;
      if (fallBackToBody && error instanceof NotFoundError && typeof body?.communityId === 'string') {
        // Opening by deviation: the registered community's township, from its stream (404 COMMUNITY.NOT_FOUND when unknown).
        const communityId = body.communityId;
        return moduleRef.get(MeetingScopes, { strict: false }).placeOfCommunity(communityId).then((place) => ({ communityId, townshipId: place.townshipRef }));
      }
      throw error;
    });
  return holder[CACHE];
};

/** Roles checked in the consultation's community or township (the decider re-checks them with the rule). */
export const ConsultationRoles = (roles: readonly string[], options: { opening?: boolean } = {}): MethodDecorator =>
  applyDecorators(
    RequireRoles(...roles),
    ScopeFrom('community', async (request, moduleRef) => (await scopeOf(request, moduleRef, options.opening === true)).communityId),
    ScopeFrom('township', async (request, moduleRef) => (await scopeOf(request, moduleRef, options.opening === true)).townshipId),
  );

export const ORGANISERS = ['community_party_organisation@community', 'community_committee@community', 'township_party_committee@township'] as const;
export const SUPERVISION_REPORTERS = [...ORGANISERS, 'supervision_committee@community', 'resident@community'] as const;
export const TOWNSHIP_GOVERNMENT = ['township_government@township'] as const;
