import type { Schema } from './entity-schema';

const POSITION: Schema = { type: 'string', pattern: '^\\d+$' };
const HASH: Schema = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' };

/** An event's data: free-form per type, described by the event's own JSON Schema. */
export const EVENT_DATA_SCHEMA: Schema = {
  description: 'the event data: its JSON Schema is GET /api/v1/schemas/{type}/{schemaVersion}',
};

/** The envelope's metadata; `withheld` lists what a public reader does not get. */
export const eventMetadataSchema = (required: readonly string[]): Schema => ({
  type: 'object',
  required: [...required],
  properties: {
    actor: { type: 'string', description: 'who appended it (from the token)' },
    actorRoles: { type: 'array', items: { type: 'string' } },
    commandId: { type: 'string' },
    correlationId: { type: 'string' },
    causationId: { type: 'string' },
    occurredAt: { type: 'string', format: 'date-time', description: 'when it happened in the world, as the actor states it' },
    recordedAt: { type: 'string', format: 'date-time', description: 'when the engine stored it' },
  },
});

export const FULL_METADATA_SCHEMA = eventMetadataSchema(['actor', 'actorRoles', 'commandId', 'correlationId', 'causationId', 'occurredAt', 'recordedAt']);

/** The fields of a stored event as the event-log routes answer them (positions and revisions as decimal strings). */
export const envelopeProperties = (metadata: Schema): Record<string, Schema> => ({
  eventId: { type: 'string', format: 'uuid' },
  type: { type: 'string', example: 'NoticePosted' },
  schemaVersion: { type: 'integer', minimum: 1 },
  stream: { type: 'string', example: 'consultation-k-1' },
  streamRevision: { ...POSITION, description: 'revision within the stream (64-bit, as a string)' },
  globalPosition: { ...POSITION, description: 'position in the global log (64-bit, as a string); on EventStoreDB the $all commit position' },
  data: EVENT_DATA_SCHEMA,
  metadata,
  prevHash: HASH,
  hash: HASH,
});

export const ENVELOPE_REQUIRED = ['eventId', 'type', 'schemaVersion', 'stream', 'streamRevision', 'globalPosition', 'data', 'metadata', 'prevHash', 'hash'];

export { HASH as HASH_SCHEMA, POSITION as POSITION_SCHEMA };
