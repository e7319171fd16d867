import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, fromHex, toHex, uint64be, utf8 } from './bytes';
import { leafHash, type LeafHash } from './merkle-hash';

/** The hashed fields of a stored event (docs/architecture.md "The event envelope"); revisions as decimal strings or bigints. */
export type EnvelopeFields = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  stream: string;
  streamRevision: bigint | string;
  metadata: unknown;
  prevHash: string;
}>;

/**
 * RFC 8785 canonical JSON of the envelope without `hash` and without the global position (the
 * store assigns that at commit; the transparency log fixes it instead). The one definition of what
 * an event's hash covers: the store and the offline verifier both use it.
 */
export const canonicalEnvelope = (fields: EnvelopeFields): string => {
  const canonical = canonicalize({
    eventId: fields.eventId,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data: fields.data,
    stream: fields.stream,
    streamRevision: fields.streamRevision.toString(),
    metadata: fields.metadata,
    prevHash: fields.prevHash,
  });
  if (canonical === undefined) throw new Error('event cannot be canonicalised');
  return canonical;
};

/** The event's chain hash (hex), computed without node:crypto (browser-safe). */
export const envelopeHash = (fields: EnvelopeFields): string => toHex(sha256(utf8(canonicalEnvelope(fields))));

/**
 * The transparency-log leaf of an event: uint64 big-endian global position || the 32 bytes of its
 * envelope hash. The tree thus fixes both what each event says and where it stands in global order.
 */
export const eventLeafData = (globalPosition: bigint, hash: string): Uint8Array => {
  const bytes = fromHex(hash);
  if (bytes === undefined || bytes.length !== 32) throw new Error(`"${hash}" is not a SHA-256 hex hash`);
  return concatBytes(uint64be(globalPosition), bytes);
};

/** The leaf hash of an event; the service passes node:crypto's leaf hash (nodeLeafHash). */
export const eventLeafHash = (globalPosition: bigint, hash: string, hashLeaf: LeafHash = leafHash): Uint8Array => hashLeaf(eventLeafData(globalPosition, hash));
