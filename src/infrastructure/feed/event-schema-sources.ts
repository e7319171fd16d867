import { CommunityEventSchema } from '../../domain/community';
import { consultationEventSchema } from '../../domain/consultation';
import { localityPolicyEventSchema } from '../../domain/locality-policy';
import { MeetingEventSchema } from '../../domain/meeting';
import { PersonRegistryEventSchema } from '../../domain/person-registry';
import { PublicationEventSchema } from '../../domain/publication/publication.events';
import { SupervisionEventSchema } from '../../domain/supervision/supervision.events';
import { SupervisionPolicyEventSchema } from '../../domain/supervision/supervision-policy.events';
import { assignmentEventSchema } from '../../domain/work-item-lists/assignment.events';
import { changeRequestEventSchema } from '../../domain/work-item-lists/change-request.events';
import { workListSetEventSchema } from '../../domain/work-item-lists/list-set.events';
import { workListPolicyEventSchema } from '../../domain/work-item-lists/work-list-policy.events';

/**
 * The event types the service registers, with the file declaring their TypeScript shapes: the one
 * source of both the type registry's versions and the generated JSON Schemas.
 */
export const EVENT_SCHEMA_SOURCES: readonly Readonly<{ file: string; schema: Readonly<Record<string, number>> }>[] = [
  { file: 'src/domain/community/community.events.ts', schema: CommunityEventSchema },
  { file: 'src/domain/consultation/consultation.events.ts', schema: consultationEventSchema },
  { file: 'src/domain/locality-policy/locality-policy.events.ts', schema: localityPolicyEventSchema },
  { file: 'src/domain/meeting/meeting.events.ts', schema: MeetingEventSchema },
  { file: 'src/domain/person-registry/person-registry.events.ts', schema: PersonRegistryEventSchema },
  { file: 'src/domain/publication/publication.events.ts', schema: PublicationEventSchema },
  // The supervision stream's events are declared over several files (committee, appraisal, casebook, obligations).
  { file: 'src/domain/supervision/*.events.ts', schema: SupervisionEventSchema },
  { file: 'src/domain/supervision/supervision-policy.events.ts', schema: SupervisionPolicyEventSchema },
  { file: 'src/domain/work-item-lists/assignment.events.ts', schema: assignmentEventSchema },
  { file: 'src/domain/work-item-lists/change-request.events.ts', schema: changeRequestEventSchema },
  { file: 'src/domain/work-item-lists/list-set.events.ts', schema: workListSetEventSchema },
  { file: 'src/domain/work-item-lists/work-list-policy.events.ts', schema: workListPolicyEventSchema },
];
