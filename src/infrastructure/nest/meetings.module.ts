import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_TYPE_REGISTRY } from '../../application/command-handling/tokens';
import { COMMUNITY_COMMAND_HANDLERS } from '../../application/community/community.handlers';
import { MEETING_COMMAND_HANDLERS } from '../../application/meeting/meeting.handlers';
import { CommunityEventSchema } from '../../domain/community';
import { MeetingEventSchema } from '../../domain/meeting';
import { CommunitiesController } from '../http/communities/communities.controller';
import { MeetingReadModels } from '../http/meetings/meeting-read-models.service';
import { MeetingScopes } from '../http/meetings/meeting-scopes';
import { MeetingsController } from '../http/meetings/meetings.controller';
import type { InMemoryEventTypeRegistry } from '../serialization/event-type-registry';

const COMMAND_HANDLERS = [...COMMUNITY_COMMAND_HANDLERS, ...MEETING_COMMAND_HANDLERS];
const READ_SIDE = [MeetingReadModels, MeetingScopes];

/** Communities and meetings: command handlers, controllers, read side; registers both event schemas. */
@Module({
  controllers: [CommunitiesController, MeetingsController],
  providers: [...COMMAND_HANDLERS, ...READ_SIDE],
  exports: [MeetingScopes],
})
export class MeetingsModule implements OnModuleInit {
  constructor(@Inject(EVENT_TYPE_REGISTRY) private readonly registry: InMemoryEventTypeRegistry) {}

  onModuleInit(): void {
    this.registry.registerSchema(CommunityEventSchema);
    this.registry.registerSchema(MeetingEventSchema);
  }
}
