import { Inject, Injectable } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../http-types';
import { EVENT_STORE } from '../../../application/command-handling/tokens';
import type { EventStore } from '../../../application/ports/event-store.port';
import { toCommunityStreamId } from '../../../domain/community';
import { toMeetingStreamId } from '../../../domain/meeting';
import { NotFoundError } from '../../../domain/shared';
import { ScopeFrom } from '../../auth/auth.decorators';

/**
 * Scope ids for the role checks, read from the streams (not the read models, which may lag): the
 * community a meeting belongs to, and the township / district a community belongs to.
 */
@Injectable()
export class MeetingScopes {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async communityOfMeeting(meetingId: string): Promise<string> {
    const [first] = await this.eventStore.readStream(toMeetingStreamId(meetingId), { maxCount: 1 });
    const communityId = (first?.data as { communityId?: unknown } | undefined)?.communityId;
    if (typeof communityId !== 'string') throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${meetingId}`);
    return communityId;
  }

  async placeOfCommunity(communityId: string): Promise<{ townshipRef: string; districtRef: string }> {
    const [first] = await this.eventStore.readStream(toCommunityStreamId(communityId), { maxCount: 1 });
    const data = first?.data as { townshipRef?: unknown; districtRef?: unknown } | undefined;
    if (first?.type !== 'CommunityRegistered' || typeof data?.townshipRef !== 'string' || typeof data.districtRef !== 'string') {
      throw new NotFoundError('COMMUNITY.NOT_FOUND', `No community ${communityId} is registered`);
    }
    return { townshipRef: data.townshipRef, districtRef: data.districtRef };
  }
}

const scopes = (moduleRef: ModuleRef): MeetingScopes => moduleRef.get(MeetingScopes, { strict: false });
const param = (request: HttpRequest, name: string): string => String(request.params[name]);

/** The community of the meeting in the route (`:meetingId`). */
export const CommunityOfMeeting = ScopeFrom('community', (request, moduleRef) => scopes(moduleRef).communityOfMeeting(param(request, 'meetingId')));

/** Township and district of the meeting's community, for VM-12 / RM-8 authorities. */
export const PlaceOfMeeting = (): MethodDecorator => {
  const township = ScopeFrom('township', async (request, moduleRef) => {
    const s = scopes(moduleRef);
    return (await s.placeOfCommunity(await s.communityOfMeeting(param(request, 'meetingId')))).townshipRef;
  });
  const district = ScopeFrom('district', async (request, moduleRef) => {
    const s = scopes(moduleRef);
    return (await s.placeOfCommunity(await s.communityOfMeeting(param(request, 'meetingId')))).districtRef;
  });
  return (target, key, descriptor) => {
    township(target, key, descriptor);
    district(target, key, descriptor);
  };
};

/** Township of the community in the route (`:communityId`). */
export const TownshipOfCommunity = ScopeFrom('township', async (request, moduleRef) => (await scopes(moduleRef).placeOfCommunity(param(request, 'communityId'))).townshipRef);
