import { PROVENANCE_SCHEMA, type Schema } from '../openapi/entity-schema';

const DATE: Schema = { type: 'string', format: 'date', example: '2026-03-31' };

/** GET /communities/{id}/meeting-cadence: computed per required kind from the `meeting-cadence` read model. */
export const CADENCE_SCHEMA: Schema = {
  type: 'object',
  required: ['communityId', 'asOf', 'from', 'kinds'],
  properties: {
    communityId: { type: 'string', example: 'c-17' },
    asOf: DATE,
    from: DATE,
    kinds: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'rule', 'unit', 'lastHeldOn', 'nextDueBy', 'overdue', 'missed', 'periods', 'recordedMisses', 'provenance'],
        properties: {
          kind: { type: 'string', example: 'villagers_meeting' },
          rule: { type: 'string', example: 'VM-4' },
          unit: { type: 'string', enum: ['year', 'half', 'quarter'] },
          lastHeldOn: { ...DATE, nullable: true },
          nextDueBy: { ...DATE, nullable: true },
          overdue: { type: 'boolean' },
          missed: { type: 'integer' },
          periods: {
            type: 'array',
            items: {
              type: 'object',
              required: ['period', 'start', 'end', 'held', 'status', 'recordedBy'],
              properties: {
                period: { type: 'string', example: '2026-Q1' },
                start: DATE,
                end: DATE,
                held: { type: 'integer' },
                status: { type: 'string', enum: ['met', 'missed', 'open', 'not_required'] },
                recordedBy: { ...PROVENANCE_SCHEMA, nullable: true, description: 'the MeetingCadenceMissed event the watchdog recorded for this period' },
              },
            },
          },
          recordedMisses: {
            type: 'array',
            items: {
              type: 'object',
              required: ['period', 'rule', 'dueBy', 'detectedOn', 'provenance'],
              properties: { period: { type: 'string' }, rule: { type: 'string' }, dueBy: DATE, detectedOn: DATE, provenance: PROVENANCE_SCHEMA },
            },
          },
          provenance: { ...PROVENANCE_SCHEMA, nullable: true },
        },
      },
    },
  },
};
