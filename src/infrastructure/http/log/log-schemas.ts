import type { Schema } from '../openapi/entity-schema';
import { ENVELOPE_REQUIRED, envelopeProperties, FULL_METADATA_SCHEMA, HASH_SCHEMA, POSITION_SCHEMA } from '../openapi/event-envelope-schema';

/** 200 bodies of the transparency log's routes. Hashes are standard base64 as in checkpoints. */
const BASE64_HASH: Schema = { type: 'string', format: 'byte', description: 'SHA-256, standard base64' };

export const CHECKPOINT_SCHEMA: Schema = {
  type: 'object',
  required: ['origin', 'treeSize', 'rootHash', 'keyId', 'signedAt', 'note', 'cosignatures'],
  properties: {
    origin: { type: 'string', example: 'civic-ledger.local/log' },
    treeSize: { ...POSITION_SCHEMA, description: 'leaves covered (64-bit, as a string)' },
    rootHash: BASE64_HASH,
    keyId: { type: 'string', pattern: '^[0-9a-f]{8}$' },
    signedAt: { type: 'string', format: 'date-time' },
    note: { type: 'string', description: 'the C2SP signed note (tlog-checkpoint) with every witness cosignature line' },
    cosignatures: {
      type: 'array',
      items: { type: 'object', required: ['witness', 'cosignedAt'], properties: { witness: { type: 'string' }, cosignedAt: { type: 'string', format: 'date-time' } } },
    },
  },
};

export const CHECKPOINT_NOTE_SCHEMA: Schema = { type: 'string', description: 'the newest checkpoint as a C2SP signed note, with witness cosignature lines' };

export const LOG_KEY_SCHEMA: Schema = {
  type: 'object',
  required: ['origin', 'profile', 'keyId', 'verifierKey'],
  properties: {
    origin: { type: 'string' },
    profile: { type: 'string', enum: ['ed25519', 'sm2'] },
    keyId: { type: 'string', nullable: true, pattern: '^[0-9a-f]{8}$', description: 'null when no signing key is configured' },
    verifierKey: { type: 'string', nullable: true, description: 'C2SP verifier key (name+keyid+base64); null when no signing key is configured' },
  },
};

export const INCLUSION_PROOF_SCHEMA: Schema = {
  type: 'object',
  required: ['eventId', 'globalPosition', 'eventHash', 'leafIndex', 'leafHash', 'treeSize', 'hashes'],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    globalPosition: POSITION_SCHEMA,
    eventHash: HASH_SCHEMA,
    leafIndex: POSITION_SCHEMA,
    leafHash: { ...BASE64_HASH, description: 'SHA-256(0x00 || uint64be(globalPosition) || eventHash), standard base64' },
    treeSize: POSITION_SCHEMA,
    hashes: { type: 'array', items: BASE64_HASH, description: 'RFC 9162 inclusion proof, leaf to root' },
    checkpoint: { ...CHECKPOINT_SCHEMA, description: 'the signed checkpoint of that tree size, when one was signed' },
  },
};

export const CONSISTENCY_PROOF_SCHEMA: Schema = {
  type: 'object',
  required: ['from', 'to', 'hashes'],
  properties: { from: POSITION_SCHEMA, to: POSITION_SCHEMA, hashes: { type: 'array', items: BASE64_HASH, description: 'RFC 9162 consistency proof' } },
};

export const WITNESSES_SCHEMA: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'verifierKey', 'lastCosignedSize'],
    properties: { name: { type: 'string' }, verifierKey: { type: 'string' }, lastCosignedSize: { ...POSITION_SCHEMA, nullable: true } },
  },
};

/** Free-form per event (as EVENT_DATA_SCHEMA): the stored object, or one opening per field. */
const OPENINGS = 'for an sd-1 event, one opening per top-level field: { salt, value } when disclosed, { digest } when withheld (hex SHA-256 of the RFC 8785 JSON of [salt, path, value])';

/** A whole envelope; an `sd-1` event with field openings; or, in a public bundle, an opaque event (place and hash). */
const BUNDLED_EVENT_SCHEMA: Schema = {
  type: 'object',
  required: ENVELOPE_REQUIRED.filter((k) => k !== 'data' && k !== 'metadata'),
  properties: {
    ...envelopeProperties(FULL_METADATA_SCHEMA),
    data: { description: `the event data (its JSON Schema is GET /api/v1/schemas/{type}/{schemaVersion}); ${OPENINGS}` },
    metadata: { description: `the envelope metadata (actor, actorRoles, commandId, correlationId, causationId, occurredAt, recordedAt); ${OPENINGS}` },
    hashScheme: { type: 'string', enum: ['sd-1'], description: 'present when the hash commits to each field separately (docs/architecture.md "The event envelope")' },
    content: { type: 'string', enum: ['withheld'], description: 'an event hashed as one envelope, in a public bundle: its content is not shown' },
  },
};

export const PROOF_BUNDLE_SCHEMA: Schema = {
  type: 'object',
  description: 'canonical JSON (every byte counts: `civic-ledger verify-bundle` checks the serialisation)',
  required: ['format', 'record', 'checkpoint', 'witnesses', 'entries'],
  properties: {
    format: { type: 'string' },
    record: {
      type: 'object',
      required: ['kind', 'id', 'stream', 'view'],
      properties: { kind: { type: 'string' }, id: { type: 'string' }, stream: { type: 'string' }, view: { type: 'string', enum: ['full', 'public'] } },
    },
    checkpoint: { type: 'string', description: 'the signed note with cosignatures' },
    witnesses: { type: 'array', items: { type: 'object', required: ['name', 'verifierKey'], properties: { name: { type: 'string' }, verifierKey: { type: 'string' } } } },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['leafIndex', 'proof', 'event'],
        properties: {
          leafIndex: POSITION_SCHEMA,
          proof: { type: 'array', items: BASE64_HASH },
          event: BUNDLED_EVENT_SCHEMA,
        },
      },
    },
  },
};
