import { IllegalStateError, NotFoundError } from '../../domain/shared';
import { toBase64 } from '../../transparency/bytes';
import { BUNDLE_FORMAT, serializeBundle, type BundleEntry, type ProofBundle } from '../../transparency/proof-bundle';
import { verifierFromVkey } from '../../transparency/note-keys';
import type { SqlClient } from '../event-store/sql/sql-client';
import type { SqlEventStore } from '../event-store/sql/sql-event-store';
import { inclusionProofAt } from './log-tree-store';
import type { TransparencyLog } from './transparency-log';

/** The record kinds a bundle can be exported for; each is one stream `<kind>-<id>`. */
export const BUNDLE_KINDS = ['consultation', 'meeting', 'community', 'locality-policy'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/**
 * Exports a public record as a proof bundle: its stream's events covered by a freshly signed
 * checkpoint, each with its inclusion proof, and the witnesses whose cosignatures it carries.
 */
export const exportBundle = async (
  log: TransparencyLog,
  sql: SqlClient,
  store: Pick<SqlEventStore, 'readStream'>,
  kind: BundleKind,
  id: string,
): Promise<string> => {
  const stream = `${kind}-${id}`;
  const checkpoint = await log.publish();
  const events = await store.readStream(stream);
  if (events.length === 0) throw new NotFoundError('LOG.NO_SUCH_RECORD', `no ${kind} ${id}`);
  const { rows } = await sql.query<{ global_position: string; leaf_index: string }>(
    'SELECT global_position, leaf_index FROM cl_log_leaves WHERE global_position = ANY($1::bigint[])',
    [events.map((e) => e.globalPosition.toString())],
  );
  const leafOf = new Map(rows.map((r) => [String(r.global_position), BigInt(r.leaf_index)]));
  const entries: BundleEntry[] = [];
  for (const event of events) {
    const leafIndex = leafOf.get(event.globalPosition.toString());
    // Events after the checkpoint are left out: the bundle is the record as of that checkpoint.
    if (leafIndex === undefined || leafIndex >= checkpoint.treeSize) break;
    const proof = await inclusionProofAt(sql, leafIndex, checkpoint.treeSize);
    entries.push({
      leafIndex: leafIndex.toString(),
      proof: proof.map(toBase64),
      event: {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        stream: event.stream,
        streamRevision: event.streamRevision.toString(),
        globalPosition: event.globalPosition.toString(),
        metadata: event.metadata,
        prevHash: event.prevHash,
        hash: event.hash,
      },
    });
  }
  if (entries.length === 0) throw new IllegalStateError('LOG.NOT_YET_COVERED', `${stream} is not yet covered by a signed checkpoint; try again in a moment`);
  const registered = await log.witnesses();
  const witnesses = checkpoint.cosignatures
    .map((c) => registered.find((w) => w.name === c.witness))
    .filter((w): w is NonNullable<typeof w> => w !== undefined && typeof verifierFromVkey(w.verifierKey) !== 'string')
    .map((w) => ({ name: w.name, verifierKey: w.verifierKey }));
  const bundle: ProofBundle = { format: BUNDLE_FORMAT, record: { kind, id, stream }, checkpoint: checkpoint.noteWithCosignatures, witnesses, entries };
  return serializeBundle(bundle);
};
