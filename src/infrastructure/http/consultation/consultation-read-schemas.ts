import { ConsultationPublicViewRow } from '../../../projections/consultations/consultation-public-view.entity';
import { ConsultationTimeline } from '../../../projections/consultations/consultation-timeline.entity';
import { ConsultationListItem } from '../../../projections/consultations/consultations-list.entity';
import { entitySchema, pageSchema, PROVENANCE_SCHEMA, type Schema } from '../openapi/entity-schema';

const OVERDUE_STEPS: Schema = {
  type: 'array',
  description: 'steps whose due date passed (before today, in the community\'s time zone) with nothing done',
  items: {
    type: 'object',
    required: ['step', 'due', 'recordedBy'],
    properties: {
      step: { type: 'string', enum: ['ImplementationStarted', 'ResultPublished', 'ImplementationPublished'] },
      due: { type: 'string', format: 'date' },
      recordedBy: { ...PROVENANCE_SCHEMA, nullable: true, description: 'the ConsultationDeadlineMissed event the watchdog recorded, if any' },
    },
  },
};

/** One consultation's current state: the `consultations` row plus its overdue steps. */
export const CONSULTATION_STATE_SCHEMA: Schema = entitySchema(ConsultationListItem, { overdueSteps: OVERDUE_STEPS });
export const CONSULTATION_PAGE_SCHEMA: Schema = pageSchema(CONSULTATION_STATE_SCHEMA);
export const TIMELINE_SCHEMA: Schema = entitySchema(ConsultationTimeline);
export const PUBLIC_VIEW_SCHEMA: Schema = entitySchema(ConsultationPublicViewRow);

const VIOLATION: Schema = {
  type: 'object',
  required: ['consultationId', 'rule', 'code', 'severity', 'message', 'eventIds'],
  properties: {
    consultationId: { type: 'string' },
    rule: { type: 'string', example: 'CS-5' },
    code: { type: 'string', example: 'CONSULTATION.NOTICE_TOO_SHORT' },
    severity: { type: 'string' },
    message: { type: 'string' },
    eventIds: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'the events that show the violation' },
  },
};

const COMPLIANCE_ROW: Schema = {
  type: 'object',
  required: ['consultationId', 'stream', 'checkedAsOf', 'violations'],
  properties: {
    consultationId: { type: 'string' },
    stream: { type: 'string', example: 'consultation-k-1' },
    checkedAsOf: { type: 'string', format: 'date' },
    violations: { type: 'array', items: VIOLATION },
  },
};

export const COMPLIANCE_SCHEMA: Schema = { ...COMPLIANCE_ROW, required: [...(COMPLIANCE_ROW['required'] as string[]), 'provenance'], properties: { ...(COMPLIANCE_ROW['properties'] as object), provenance: PROVENANCE_SCHEMA } };
export const VIOLATIONS_PAGE_SCHEMA: Schema = pageSchema(COMPLIANCE_ROW);
