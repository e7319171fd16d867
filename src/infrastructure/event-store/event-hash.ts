import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata } from '../../domain/shared';

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

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of the envelope without `hash`. The global
 * position is left out: the store assigns it at commit, and global order is covered by the
 * transparency log instead.
 */
export const eventHash = (fields: HashedFields): string => {
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
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};

export type ChainedEvent<E> = E & Readonly<{ streamRevision: bigint; prevHash: string; hash: string }>;

/** Links a batch onto a stream head: revisions from head + 1, each hash over the previous one. */
export const chainEvents = <E extends Omit<HashedFields, 'stream' | 'streamRevision' | 'prevHash'>>(
  stream: string,
  head: Readonly<{ revision: bigint; hash: string }>,
  events: readonly E[],
): ChainedEvent<E>[] => {
  let prevHash = head.hash;
  return events.map((event, index) => {
    const streamRevision = head.revision + BigInt(index + 1);
    const hash = eventHash({ ...event, stream, streamRevision, prevHash });
    const chained = { ...event, streamRevision, prevHash, hash };
    prevHash = hash;
    return chained;
  });
};
