import { CommunityEventSchema } from '../../domain/community';
import { MeetingEventSchema } from '../../domain/meeting';
import { communitiesProjection } from '../../projections/communities/communities.projections';
import { MEETING_PROJECTIONS } from '../../projections/meetings/meetings.projections';
import { MeetingsModule } from '../nest/meetings.module';
import type { ProcedureDefinition } from './procedure-definition';

/** Communities (registry, terms, census, representative meetings) and their meetings and decisions. */
export const meetingsProcedure: ProcedureDefinition = {
  name: 'communities and meetings',
  events: [
    { file: 'src/domain/community/community.events.ts', schema: CommunityEventSchema },
    { file: 'src/domain/meeting/meeting.events.ts', schema: MeetingEventSchema },
  ],
  projections: [communitiesProjection, ...MEETING_PROJECTIONS],
  module: MeetingsModule,
};
