import { Module } from '@nestjs/common';
import { COMMUNITY_COMMAND_HANDLERS } from '../../application/community/community.handlers';
import { MEETING_COMMAND_HANDLERS } from '../../application/meeting/meeting.handlers';
import { CommunitiesController } from '../http/communities/communities.controller';
import { MeetingReadModels } from '../http/meetings/meeting-read-models.service';
import { MeetingScopes } from '../http/meetings/meeting-scopes';
import { MeetingsController } from '../http/meetings/meetings.controller';

const COMMAND_HANDLERS = [...COMMUNITY_COMMAND_HANDLERS, ...MEETING_COMMAND_HANDLERS];
const READ_SIDE = [MeetingReadModels, MeetingScopes];

/** DI wiring of communities and meetings: command handlers, controllers, read side (registered in procedures/meetings.procedure.ts). */
@Module({
  controllers: [CommunitiesController, MeetingsController],
  providers: [...COMMAND_HANDLERS, ...READ_SIDE],
  exports: [MeetingScopes, MeetingReadModels],
})
export class MeetingsModule {}
