import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { copyWith, type EventMetadata } from '../../domain/shared';
import { canonicalEnvelope } from '../../transparency/event-leaf';
import { committedEnvelope, digestFields, HASH_SCHEME, SCHEME_KEY, usesFieldCommitments, type HashScheme, type Sha256Primitives } from '../../transparency/field-commitments';

export type HashedFields = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  stream: string;
  streamRevision: bigint;
  metadata: EventMetadata;
  prevHash: string;
}>;

/** SHA-256 and HMAC-SHA256 from node:crypto (the same results as the browser's @noble/hashes). */
/** One-shot crypto.hash where Node has it (20.12+, 21.7+): about a third cheaper than createHash for short inputs. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export const nodeSha256: Sha256Primitives = {
  sha256Hex: oneShot === undefined ? (text) => createHash('sha256').update(text, 'utf8').digest('hex') : (text) => oneShot('sha256', text, 'hex'),
  hmacHex: (key, text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
};

/** `legacy`: the whole envelope hashed as one (events stored before `sd-1`; the bench compares both). */
export type NewEventScheme = 'legacy' | HashScheme;

/** What an `sd-1` event hashes to when the commitment secret is not available: never a hash. */
export const NO_COMMITMENT_SECRET = 'the event commitment secret is missing (cl_server_secrets)';

/**
 * Hashes envelopes (docs/architecture.md "The event envelope"): a stored event under the scheme
 * its metadata names (`sd-1`: salted per-field digests, see field-commitments.ts; none: the whole
 * envelope, SHA-256 over its RFC 8785 canonical JSON), a new event under `scheme`. The global
 * position is left out: the store assigns it at commit, and the transparency log fixes it instead.
 */
export type EnvelopeHasher = Readonly<{
  scheme: NewEventScheme;
  /** The commitment secret the salts derive from; undefined when not stored (verifiers do not create it). */
  secret: Uint8Array | undefined;
  hash(fields: HashedFields): string;
  /** The metadata a new event is stored with: with the scheme marker under `sd-1`. */
  mark(metadata: EventMetadata): EventMetadata;
}>;

export const envelopeHasher = (secret: Uint8Array | undefined, scheme: NewEventScheme = HASH_SCHEME): EnvelopeHasher => {
  if (scheme === HASH_SCHEME && secret === undefined) throw new Error('the sd-1 scheme needs the event commitment secret');
  return {
    scheme,
    secret,
    hash: (fields) => {
      if (!usesFieldCommitments(fields.metadata)) return nodeSha256.sha256Hex(canonicalEnvelope(fields));
      if (secret === undefined) return NO_COMMITMENT_SECRET;
      return nodeSha256.sha256Hex(committedEnvelope(fields, digestFields(nodeSha256, secret, fields)));
    },
    mark: (metadata) => (scheme === HASH_SCHEME ? copyWith(metadata, { [SCHEME_KEY]: HASH_SCHEME }) : metadata),
  };
};

export type ChainLink = Readonly<{ streamRevision: bigint; metadata: EventMetadata; prevHash: string; hash: string }>;
type Chainable = Omit<HashedFields, 'stream' | 'streamRevision' | 'prevHash'>;

/**
 * Links a batch onto a stream head: revisions from head + 1, each hash over the previous one,
 * metadata marked with the scheme; `shape` makes what the caller stores of each event and its link
 * (the SQL store builds its wire form directly, without copying each event first).
 */
export const linkEvents = <E extends Chainable, R>(
  hasher: EnvelopeHasher,
  stream: string,
  head: Readonly<{ revision: bigint; hash: string }>,
  events: readonly E[],
  shape: (event: E, link: ChainLink) => R,
): R[] => {
  let prevHash = head.hash;
  const out = new Array<R>(events.length);
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as E;
    const streamRevision = head.revision + BigInt(index + 1);
    const metadata = hasher.mark(event.metadata);
    const hash = hasher.hash({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      stream,
      streamRevision,
      metadata,
      prevHash,
    });
    out[index] = shape(event, { streamRevision, metadata, prevHash, hash });
    prevHash = hash;
  }
  return out;
};

/**
 * An event with its link and without its revision (the store gives the revision): what the SQL
 * store sends to cl_append_batch and the EventStoreDB adapter writes; a `shape` for linkEvents.
 */
export const linkedEvent = <E extends Chainable>(event: E, { metadata, prevHash, hash }: ChainLink): Pick<E, 'eventId' | 'type' | 'schemaVersion' | 'data'> & Omit<ChainLink, 'streamRevision'> => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata,
  prevHash,
  hash,
});
