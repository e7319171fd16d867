import type { Schema } from '../openapi/entity-schema';
import { ENVELOPE_REQUIRED, envelopeProperties, FULL_METADATA_SCHEMA, POSITION_SCHEMA } from '../openapi/event-envelope-schema';

/** 200 bodies of the audit routes: whole envelopes with their leaf in the transparency log. */
const AUDIT_ENVELOPE_PROPERTIES: Record<string, Schema> = {
  ...envelopeProperties(FULL_METADATA_SCHEMA),
  leafIndex: { ...POSITION_SCHEMA, nullable: true, description: 'its leaf in the transparency log; null while the tree builder has not reached it' },
};

export const AUDIT_ENVELOPE_SCHEMA: Schema = { type: 'object', required: [...ENVELOPE_REQUIRED, 'leafIndex'], properties: AUDIT_ENVELOPE_PROPERTIES };

export const AUDIT_STREAM_SCHEMA: Schema = {
  type: 'object',
  required: ['stream', 'intact', 'events'],
  properties: {
    stream: { type: 'string' },
    intact: { type: 'boolean', description: 'every event recomputes to its hash, links to the one before and follows its revision' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: [...ENVELOPE_REQUIRED, 'leafIndex', 'link', 'inLog'],
        properties: {
          ...AUDIT_ENVELOPE_PROPERTIES,
          link: {
            type: 'object',
            required: ['hashRecomputes', 'linksToPrevious', 'revisionFollows'],
            properties: { hashRecomputes: { type: 'boolean' }, linksToPrevious: { type: 'boolean' }, revisionFollows: { type: 'boolean' } },
          },
          inLog: { type: 'boolean' },
        },
      },
    },
  },
};

export const AUDIT_EVENTS_PAGE_SCHEMA: Schema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: AUDIT_ENVELOPE_SCHEMA },
    nextCursor: { ...POSITION_SCHEMA, nullable: true, description: 'pass as `after` for the next page; null on the last page' },
  },
};
