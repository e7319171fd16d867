import canonicalize from 'canonicalize';
import { fromBase64 } from './bytes';
import { openCheckpoint, parseCheckpoint } from './checkpoint';
import { parseNote } from './signed-note';
import { envelopeHash, eventLeafHash } from './event-leaf';
import { committedEnvelope, digestsOfOpenings, HASH_SCHEME, nobleSha256, type SectionOpenings } from './field-commitments';
import { verifyInclusion } from './merkle-verify';
import { verifierFromVkey, type NoteVerifier } from './note-keys';

/**
 * A proof bundle: the events behind a public record (one stream, from its first revision), each
 * with its RFC 9162 inclusion proof in the tree of a signed checkpoint, the checkpoint as a signed
 * note with its witness cosignatures, and the witnesses' verifier keys. Serialised as RFC 8785
 * canonical JSON, so that the bytes are the content: the verifier refuses any other serialisation.
 *
 * v2 adds events hashed under the field-commitment scheme (`hashScheme: "sd-1"`, see
 * field-commitments.ts), whose `data` and `metadata` hold one opening per field: `{ salt, value }`
 * when disclosed, `{ digest }` when withheld; and, in a public bundle, events stored before that
 * scheme, whose content cannot be opened field by field, as `opaque` (their hash is still chained
 * and proven in the tree, their content is not shown). `record.view` says which: `full` (every
 * field disclosed; for auditing bodies) or `public` (what the public views show).
 */
export const BUNDLE_FORMAT_V1 = 'civic-ledger/proof-bundle/v1';
export const BUNDLE_FORMAT = 'civic-ledger/proof-bundle/v2';
export type BundleView = 'full' | 'public';

/** An event hashed as one envelope (every event of a v1 bundle). */
export type BundledEvent = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  stream: string;
  streamRevision: string;
  globalPosition: string;
  metadata: unknown;
  prevHash: string;
  hash: string;
}>;

type EventPlace = Readonly<{ eventId: string; type: string; schemaVersion: number; stream: string; streamRevision: string; globalPosition: string; prevHash: string; hash: string }>;

/** An `sd-1` event: each top-level field of data and metadata disclosed or withheld. */
export type CommittedEvent = EventPlace & Readonly<{ hashScheme: typeof HASH_SCHEME } & SectionOpenings>;

/** An event hashed as one envelope, in a public bundle: its place and hash only. */
export type OpaqueEvent = EventPlace & Readonly<{ content: 'withheld' }>;

export type AnyBundledEvent = BundledEvent | CommittedEvent | OpaqueEvent;

export type BundleEntry = Readonly<{ leafIndex: string; proof: readonly string[]; event: AnyBundledEvent }>;

export type ProofBundle = Readonly<{
  format: typeof BUNDLE_FORMAT;
  record: Readonly<{ kind: string; id: string; stream: string; view: BundleView }>;
  checkpoint: string;
  witnesses: readonly Readonly<{ name: string; verifierKey: string }>[];
  entries: readonly BundleEntry[];
}>;

export const GENESIS = '0'.repeat(64);

export const serializeBundle = (bundle: ProofBundle): string => `${canonicalize(bundle)}\n`;

export type BundleVerdict =
  | Readonly<{
      ok: true;
      stream: string;
      record: Readonly<{ kind: string; id: string; stream: string; view?: BundleView }>;
      events: number;
      /** Fields given as digests only, and events whose content is not shown (public bundles). */
      withheldFields: number;
      opaqueEvents: number;
      treeSize: string;
      origin: string;
      cosignedBy: readonly string[];
      trustedCosigners: readonly string[];
    }>
  | Readonly<{ ok: false; reason: string }>;

const keysAre = (value: unknown, keys: readonly string[]): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).sort().join() === [...keys].sort().join();

const PLACE_KEYS = ['eventId', 'type', 'schemaVersion', 'stream', 'streamRevision', 'globalPosition', 'prevHash', 'hash'];
const EVENT_KEYS = [...PLACE_KEYS, 'data', 'metadata'];
const COMMITTED_KEYS = [...EVENT_KEYS, 'hashScheme'];
const OPAQUE_KEYS = [...PLACE_KEYS, 'content'];
const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;
const HASH = /^[0-9a-f]{64}$/;

const hasPlace = (e: Record<string, unknown>): e is Record<string, unknown> & EventPlace =>
  typeof e.eventId === 'string' && typeof e.type === 'string' && Number.isInteger(e.schemaVersion) && typeof e.stream === 'string' &&
  typeof e.streamRevision === 'string' && DECIMAL.test(e.streamRevision) && typeof e.globalPosition === 'string' && DECIMAL.test(e.globalPosition) &&
  typeof e.prevHash === 'string' && HASH.test(e.prevHash) && typeof e.hash === 'string' && HASH.test(e.hash);

type Recomputed = Readonly<{ hash: string | null; withheld: number }> | string;

/**
 * What an event of the bundle hashes to (null: an opaque event, not recomputable), with the fields
 * it withholds; or why it is malformed. v1 bundles hold whole envelopes only.
 */
const recompute = (e: unknown, v2: boolean): Recomputed => {
  if (keysAre(e, EVENT_KEYS) && hasPlace(e)) return { hash: envelopeHash(e as BundledEvent), withheld: 0 };
  if (!v2) return 'malformed event';
  if (keysAre(e, COMMITTED_KEYS) && hasPlace(e) && e['hashScheme'] === HASH_SCHEME) {
    const digests = digestsOfOpenings(nobleSha256, { data: e['data'], metadata: e['metadata'] });
    if (typeof digests === 'string') return `malformed event ${e.eventId}: ${digests}`;
    const withheld = [e['data'], e['metadata']].flatMap((section) => Object.values(section as object)).filter((o) => 'digest' in (o as object)).length;
    return { hash: nobleSha256.sha256Hex(committedEnvelope(e, digests)), withheld };
  }
  if (keysAre(e, OPAQUE_KEYS) && hasPlace(e) && e['content'] === 'withheld') return { hash: null, withheld: 0 };
  return 'malformed event';
};

const fail = (reason: string): BundleVerdict => ({ ok: false, reason });

/**
 * Verifies a bundle offline with the log's verifier key (and, optionally, witness keys the caller
 * trusts). Every byte counts: the bytes must be the canonical serialisation, every signature line
 * must verify, every event must hash to its hash, chain to the one before it and be included in
 * the signed tree at its leaf index.
 */
export const verifyBundle = (bytes: Uint8Array, logKey: string | NoteVerifier, trustedWitnessKeys: readonly string[] = []): BundleVerdict => {
  const log = typeof logKey === 'string' ? verifierFromVkey(logKey) : logKey;
  if (typeof log === 'string') return fail(`log key: ${log}`);
  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    parsed = JSON.parse(text);
  } catch {
    return fail('not UTF-8 JSON');
  }
  if (text !== `${canonicalize(parsed)}\n`) return fail('not the canonical serialisation (RFC 8785 JSON and one newline)');
  if (!keysAre(parsed, ['format', 'record', 'checkpoint', 'witnesses', 'entries']) || (parsed.format !== BUNDLE_FORMAT && parsed.format !== BUNDLE_FORMAT_V1)) {
    return fail(`not a ${BUNDLE_FORMAT} (or v1) bundle`);
  }
  const v2 = parsed.format === BUNDLE_FORMAT;
  const bundle = parsed as unknown as ProofBundle;
  if (v2 ? !keysAre(bundle.record, ['kind', 'id', 'stream', 'view']) || (bundle.record.view !== 'full' && bundle.record.view !== 'public') : !keysAre(bundle.record, ['kind', 'id', 'stream'])) {
    return fail(v2 ? 'record is { kind, id, stream, view: full | public }' : 'record is { kind, id, stream }');
  }
  if (typeof bundle.record.stream !== 'string') return fail('record is { kind, id, stream }');
  if (bundle.record.stream !== `${String(bundle.record.kind)}-${String(bundle.record.id)}`) return fail('the record stream is <kind>-<id>');
  if (typeof bundle.checkpoint !== 'string' || !Array.isArray(bundle.witnesses) || !Array.isArray(bundle.entries)) return fail('malformed bundle');

  const witnesses: NoteVerifier[] = [];
  for (const w of bundle.witnesses) {
    if (!keysAre(w, ['name', 'verifierKey']) || typeof w.verifierKey !== 'string') return fail('witnesses are { name, verifierKey }');
    const verifier = verifierFromVkey(w.verifierKey);
    if (typeof verifier === 'string' || verifier.kind !== 'cosignature/v1' || verifier.name !== w.name) return fail(`witness ${String(w.name)}: not a cosignature/v1 key of that name`);
    witnesses.push(verifier);
  }
  // Cheap checks first (hashes, proofs against the root the note states), signatures last.
  const note = parseNote(bundle.checkpoint);
  const stated = typeof note === 'string' ? note : parseCheckpoint(note.text);
  if (typeof stated === 'string') return fail(`checkpoint: ${stated}`);
  const { size, rootHash } = stated;

  if (bundle.entries.length === 0) return fail('the bundle has no events');
  let previous: AnyBundledEvent | undefined;
  let withheldFields = 0;
  let opaqueEvents = 0;
  for (const entry of bundle.entries) {
    if (!keysAre(entry, ['leafIndex', 'proof', 'event']) || typeof entry.leafIndex !== 'string' || !DECIMAL.test(entry.leafIndex) || !Array.isArray(entry.proof)) {
      return fail('entries are { leafIndex, proof, event }');
    }
    const recomputed = recompute(entry.event, v2);
    if (typeof recomputed === 'string') return fail(recomputed);
    const event = entry.event as AnyBundledEvent;
    if (recomputed.hash === null && bundle.record.view !== 'public') return fail(`event ${event.eventId}: only a public bundle leaves an event's content out`);
    const at = `event ${event.eventId} (${event.stream}@${event.streamRevision})`;
    if (event.stream !== bundle.record.stream) return fail(`${at} is not of stream ${bundle.record.stream}`);
    const revision = BigInt(event.streamRevision);
    const expectedRevision = previous === undefined ? 0n : BigInt(previous.streamRevision) + 1n;
    if (revision !== expectedRevision) return fail(`${at}: expected revision ${expectedRevision} (a bundle holds the stream from its start, without gaps)`);
    if (event.prevHash !== (previous?.hash ?? GENESIS)) return fail(`${at} does not link to the event before it`);
    if (recomputed.hash !== null && recomputed.hash !== event.hash) return fail(`${at} does not hash to its hash: its content was changed`);
    if (recomputed.withheld > 0 && bundle.record.view !== 'public') return fail(`${at}: a full bundle withholds no field`);
    withheldFields += recomputed.withheld;
    if (recomputed.hash === null) opaqueEvents++;
    const proof = entry.proof.map((p) => (typeof p === 'string' ? fromBase64(p) : undefined));
    if (proof.some((p) => p === undefined)) return fail(`${at}: proof hashes are base64`);
    const included = verifyInclusion(BigInt(entry.leafIndex), size, eventLeafHash(BigInt(event.globalPosition), event.hash), proof as Uint8Array[], rootHash);
    if (!included.ok) return fail(`${at} is not in the signed tree at leaf ${entry.leafIndex}: ${included.reason}`);
    if (previous !== undefined && BigInt(event.globalPosition) <= BigInt(previous.globalPosition)) return fail(`${at} stands before the event it follows`);
    previous = event;
  }
  const opened = openCheckpoint(bundle.checkpoint, log, { witnesses, rejectUnknownSignatures: true });
  if (typeof opened === 'string') return fail(`checkpoint: ${opened}`);
  if ([...opened.cosignedBy].sort().join('\n') !== witnesses.map((w) => w.name).sort().join('\n')) return fail('every bundled witness must have cosigned the checkpoint');

  const trusted = trustedWitnessKeys.map(verifierFromVkey);
  const bad = trusted.find((t): t is string => typeof t === 'string');
  if (bad !== undefined) return fail(`witness key: ${bad}`);
  const trustedCosigners = witnesses.filter((w) => (trusted as NoteVerifier[]).some((t) => t.vkey === w.vkey)).map((w) => w.name);
  return {
    ok: true,
    stream: bundle.record.stream,
    record: bundle.record,
    events: bundle.entries.length,
    withheldFields,
    opaqueEvents,
    treeSize: size.toString(),
    origin: opened.checkpoint.origin,
    cosignedBy: opened.cosignedBy,
    trustedCosigners,
  };
};
