import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, READ_MODELS } from '../../application/command-handling/tokens';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import type { AppConfig } from '../config/app-config';
import { COMMUNITY_COMMAND_HANDLERS } from '../../application/community/community.handlers';
import { MEETING_COMMAND_HANDLERS } from '../../application/meeting/meeting.handlers';
import { CommunitiesController } from '../http/communities/communities.controller';
import { MeetingReadModels } from '../http/meetings/meeting-read-models.service';
import { MeetingScopes } from '../http/meetings/meeting-scopes';
import { MeetingsController } from '../http/meetings/meetings.controller';
import { meetingCadenceRule } from '../watchdog/meeting-cadence-rule';
import { mustConveneRule } from '../watchdog/must-convene-rule';
import { WatchdogModule } from './watchdog.module';
import { MeetingSupervisionController } from '../http/meetings/meeting-supervision.controller';
import { MeetingSupervisionHandler } from '../../application/meeting/meeting-supervision.handler';

const COMMAND_HANDLERS = [...COMMUNITY_COMMAND_HANDLERS, ...MEETING_COMMAND_HANDLERS, MeetingSupervisionHandler];
const READ_SIDE = [MeetingReadModels, MeetingScopes];

/** DI wiring of communities and meetings: command handlers, controllers, read side (registered in procedures/meetings.procedure.ts). */
@Module({
  imports: [WatchdogModule],
  controllers: [CommunitiesController, MeetingsController, MeetingSupervisionController],
  providers: [...COMMAND_HANDLERS, ...READ_SIDE],
  exports: [MeetingScopes, MeetingReadModels],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly watchdogRules: WatchdogRules,
  ) {}

  /** VM-4 / VM-10 / RM-4 cadences and VM-2 / VM-10 / RM-2 / RM-4 petitions are declarations: the watchdog runs whatever is registered. */
  onModuleInit(): void {
    this.watchdogRules.register(meetingCadenceRule(this.readModels));
    this.watchdogRules.register(mustConveneRule(this.readModels, this.config.mustConveneWithinDays));
  }
}
