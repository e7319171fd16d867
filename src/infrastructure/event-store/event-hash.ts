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
