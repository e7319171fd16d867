import { CommunityEventSchema } from '../../domain/community';
import { consultationEventSchema } from '../../domain/consultation';
import { localityPolicyEventSchema } from '../../domain/locality-policy';
import { MeetingEventSchema } from '../../domain/meeting';

/**
 * The event types the service registers, with the file declaring their TypeScript shapes: the one
 * source of both the type registry's versions and the generated JSON Schemas.
 */
export const EVENT_SCHEMA_SOURCES: readonly Readonly<{ file: string; schema: Readonly<Record<string, number>> }>[] = [
  { file: 'src/domain/community/community.events.ts', schema: CommunityEventSchema },
  { file: 'src/domain/consultation/consultation.events.ts', schema: consultationEventSchema },
  { file: 'src/domain/locality-policy/locality-policy.events.ts', schema: localityPolicyEventSchema },
  { file: 'src/domain/meeting/meeting.events.ts', schema: MeetingEventSchema },
];
