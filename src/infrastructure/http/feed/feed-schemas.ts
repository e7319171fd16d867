import type { Schema } from '../openapi/entity-schema';
import { ENVELOPE_REQUIRED, envelopeProperties, eventMetadataSchema } from '../openapi/event-envelope-schema';

/** 200 bodies of the integrators' feed and the event schemas. */
export const FEED_ENTRY_SCHEMA: Schema = {
  type: 'object',
  required: [...ENVELOPE_REQUIRED, 'community', 'visibility'],
  properties: {
    ...envelopeProperties({
      ...eventMetadataSchema(['occurredAt', 'recordedAt']),
      description: 'public entries carry occurredAt and recordedAt only; whole entries the full metadata',
    }),
    community: { type: 'string', nullable: true, description: "the event's community: its own, else its stream's first event's" },
    visibility: { type: 'string', enum: ['public', 'whole'], description: 'public: ids, dates and counts only (no personal data or free text)' },
  },
};

export const FEED_PAGE_SCHEMA: Schema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: FEED_ENTRY_SCHEMA },
    nextCursor: {
      type: 'string',
      pattern: '^\\d+$',
      description: 'the global position up to which the log was read (on EventStoreDB the $all commit position): pass as `after`; equal to `after` when nothing new is final yet',
    },
  },
};

export const FEED_STREAM_SCHEMA: Schema = {
  type: 'string',
  description: 'Server-Sent Events: `id:` the global position, `event: event`, `data:` one feed entry as JSON (the items of GET /api/v1/events)',
};

export const SCHEMAS_INDEX_SCHEMA: Schema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'currentVersion', 'versions', 'href'],
        properties: {
          type: { type: 'string', example: 'ConsultationOpened' },
          currentVersion: { type: 'integer', minimum: 1 },
          versions: { type: 'array', items: { type: 'integer', minimum: 1 } },
          href: { type: 'string', example: '/api/v1/schemas/ConsultationOpened/1' },
        },
      },
    },
  },
};

export const EVENT_JSON_SCHEMA_SCHEMA: Schema = {
  type: 'object',
  description: 'a JSON Schema (draft-07) document of { type, data }',
  required: ['$schema'],
  properties: {
    $schema: { type: 'string', example: 'http://json-schema.org/draft-07/schema#' },
    $id: { type: 'string' },
    title: { type: 'string' },
    type: { type: 'string', enum: ['object'] },
    required: { type: 'array', items: { type: 'string' } },
    properties: { description: 'the schema of `type` (a constant) and `data`' },
  },
};
