import { createHash } from 'node:crypto';
import type { EventMetadata } from '../../domain/shared';
import { canonicalEnvelope } from '../../transparency/event-leaf';

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
 * SHA-256 (hex) over the RFC 8785 canonical JSON of the envelope without `hash` (see
 * canonicalEnvelope). The global position is left out: the store assigns it at commit, and global
 * order is covered by the transparency log instead.
 */
export const eventHash = (fields: HashedFields): string => createHash('sha256').update(canonicalEnvelope(fields), 'utf8').digest('hex');

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
