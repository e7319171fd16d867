import { IllegalStateError, NotFoundError, type RecordedEvent } from '../../domain/shared';
import { toBase64 } from '../../transparency/bytes';
import { HASH_SCHEME, openFields, usesFieldCommitments } from '../../transparency/field-commitments';
import { BUNDLE_FORMAT, serializeBundle, type AnyBundledEvent, type BundleEntry, type BundleView, type ProofBundle } from '../../transparency/proof-bundle';
import { verifierFromVkey } from '../../transparency/note-keys';
import { nodeSha256 } from '../event-store/event-hash';
import type { SqlClient } from '../event-store/sql/sql-client';
import type { SqlEventStore } from '../event-store/sql/sql-event-store';
import { storedSecret } from '../event-store/sql/server-secrets';
import { showsInPublicAsIs } from '../http/public-redaction';
import { inclusionProofsAt } from './log-tree-store';
import type { TransparencyLog } from './transparency-log';

/** The record kinds a bundle can be exported for; each is one stream `<kind>-<id>`. */
export const BUNDLE_KINDS = ['consultation', 'meeting', 'community', 'locality-policy', 'publication', 'work-list-set'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** The public records (the kinds with public views): a consultation's result, a meeting's decisions, a publication, a list's versions. */
export const PUBLIC_BUNDLE_KINDS = ['consultation', 'meeting', 'publication', 'work-list-set'] as const;
export type PublicBundleKind = (typeof PUBLIC_BUNDLE_KINDS)[number];

/**
 * One event as the bundle shows it. `full`: the whole envelope (an `sd-1` event with every field's
 * salt). `public`: an `sd-1` event discloses the fields the public views show as they are
 * (showsInPublicAsIs, the global public redaction) and gives the others as digests; an event
 * stored before that scheme is opaque (its place and hash only).
 */
const bundled = (event: RecordedEvent, view: BundleView, secret: Uint8Array | undefined): AnyBundledEvent => {
  const place = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    stream: event.stream,
    streamRevision: event.streamRevision.toString(),
    globalPosition: event.globalPosition.toString(),
    prevHash: event.prevHash,
    hash: event.hash,
  };
  if (usesFieldCommitments(event.metadata)) {
    if (secret === undefined) throw new Error('the event commitment secret is missing (cl_server_secrets)');
    const withhold = view === 'public' ? (_: string, name: string, value: unknown) => !showsInPublicAsIs(name, value) : undefined;
    return { ...place, hashScheme: HASH_SCHEME, ...openFields(nodeSha256, secret, event, withhold) };
  }
  return view === 'public' ? { ...place, content: 'withheld' } : { ...place, data: event.data, metadata: event.metadata };
};

/**
 * Exports a record as a proof bundle: its stream's events covered by a signed checkpoint, each
 * with its inclusion proof, and the witnesses whose cosignatures it carries. A full bundle (for
 * auditing bodies) has a checkpoint signed on demand; a public one (no token) the newest signed
 * checkpoint, so that anonymous requests never make the log sign.
 */
export const exportBundle = async (
  log: TransparencyLog,
  sql: SqlClient,
  store: Pick<SqlEventStore, 'readStream'>,
  kind: BundleKind,
  id: string,
  view: BundleView = 'full',
): Promise<string> => {
  const stream = `${kind}-${id}`;
  const checkpoint = view === 'full' ? await log.publish() : await log.latest();
  const events = await store.readStream(stream);
  if (events.length === 0) throw new NotFoundError('LOG.NO_SUCH_RECORD', `no ${kind} ${id}`);
  const { rows } = await sql.query<{ global_position: string; leaf_index: string }>(
    'SELECT global_position, leaf_index FROM cl_log_leaves WHERE global_position = ANY($1::bigint[])',
    [events.map((e) => e.globalPosition.toString())],
  );
  const secret = await storedSecret(sql, 'event-commitments');
  const leafOf = new Map(rows.map((r) => [String(r.global_position), BigInt(r.leaf_index)]));
  // Events after the checkpoint are left out: the bundle is the record as of that checkpoint.
  const covered: Array<{ event: RecordedEvent; leafIndex: bigint }> = [];
  for (const event of events) {
    const leafIndex = leafOf.get(event.globalPosition.toString());
    if (leafIndex === undefined || leafIndex >= checkpoint.treeSize) break;
    covered.push({ event, leafIndex });
  }
  const proofs = await inclusionProofsAt(sql, covered.map((c) => c.leafIndex), checkpoint.treeSize);
  const entries: BundleEntry[] = covered.map(({ event, leafIndex }, i) => ({ leafIndex: leafIndex.toString(), proof: proofs[i]!.map(toBase64), event: bundled(event, view, secret) }));
  if (entries.length === 0) throw new IllegalStateError('LOG.NOT_YET_COVERED', `${stream} is not yet covered by a signed checkpoint; try again in a moment`);
  const registered = await log.witnesses();
  const witnesses = checkpoint.cosignatures
    .map((c) => registered.find((w) => w.name === c.witness))
    .filter((w): w is NonNullable<typeof w> => w !== undefined && typeof verifierFromVkey(w.verifierKey) !== 'string')
    .map((w) => ({ name: w.name, verifierKey: w.verifierKey }));
  const bundle: ProofBundle = { format: BUNDLE_FORMAT, record: { kind, id, stream, view }, checkpoint: checkpoint.noteWithCosignatures, witnesses, entries };
  return serializeBundle(bundle);
};
