import canonicalize from 'canonicalize';
import { fromBase64 } from './bytes';
import { openCheckpoint, parseCheckpoint } from './checkpoint';
import { parseNote } from './signed-note';
import { envelopeHash, eventLeafHash } from './event-leaf';
import { verifyInclusion } from './merkle-verify';
import { verifierFromVkey, type NoteVerifier } from './note-keys';

/**
 * A proof bundle: the events behind a public record (one stream, from its first revision), each
 * with its RFC 9162 inclusion proof in the tree of a signed checkpoint, the checkpoint as a signed
 * note with its witness cosignatures, and the witnesses' verifier keys. Serialised as RFC 8785
 * canonical JSON, so that the bytes are the content: the verifier refuses any other serialisation.
 */
export const BUNDLE_FORMAT = 'civic-ledger/proof-bundle/v1';

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

export type BundleEntry = Readonly<{ leafIndex: string; proof: readonly string[]; event: BundledEvent }>;

export type ProofBundle = Readonly<{
  format: typeof BUNDLE_FORMAT;
  record: Readonly<{ kind: string; id: string; stream: string }>;
  checkpoint: string;
  witnesses: readonly Readonly<{ name: string; verifierKey: string }>[];
  entries: readonly BundleEntry[];
}>;

export const GENESIS = '0'.repeat(64);

export const serializeBundle = (bundle: ProofBundle): string => `${canonicalize(bundle)}\n`;

export type BundleVerdict =
  | Readonly<{ ok: true; stream: string; record: ProofBundle['record']; events: number; treeSize: string; origin: string; cosignedBy: readonly string[]; trustedCosigners: readonly string[] }>
  | Readonly<{ ok: false; reason: string }>;

const keysAre = (value: unknown, keys: readonly string[]): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).sort().join() === [...keys].sort().join();

const EVENT_KEYS = ['eventId', 'type', 'schemaVersion', 'data', 'stream', 'streamRevision', 'globalPosition', 'metadata', 'prevHash', 'hash'];
const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;
const HASH = /^[0-9a-f]{64}$/;

const isEvent = (e: unknown): e is BundledEvent =>
  keysAre(e, EVENT_KEYS) &&
  typeof e.eventId === 'string' && typeof e.type === 'string' && Number.isInteger(e.schemaVersion) && typeof e.stream === 'string' &&
  typeof e.streamRevision === 'string' && DECIMAL.test(e.streamRevision) && typeof e.globalPosition === 'string' && DECIMAL.test(e.globalPosition) &&
  typeof e.prevHash === 'string' && HASH.test(e.prevHash) && typeof e.hash === 'string' && HASH.test(e.hash);

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
  if (!keysAre(parsed, ['format', 'record', 'checkpoint', 'witnesses', 'entries']) || parsed.format !== BUNDLE_FORMAT) return fail(`not a ${BUNDLE_FORMAT} bundle`);
  const bundle = parsed as unknown as ProofBundle;
  if (!keysAre(bundle.record, ['kind', 'id', 'stream']) || typeof bundle.record.stream !== 'string') return fail('record is { kind, id, stream }');
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
  let previous: BundledEvent | undefined;
  for (const entry of bundle.entries) {
    if (!keysAre(entry, ['leafIndex', 'proof', 'event']) || typeof entry.leafIndex !== 'string' || !DECIMAL.test(entry.leafIndex) || !Array.isArray(entry.proof)) {
      return fail('entries are { leafIndex, proof, event }');
    }
    const event = entry.event;
    if (!isEvent(event)) return fail('malformed event');
    const at = `event ${event.eventId} (${event.stream}@${event.streamRevision})`;
    if (event.stream !== bundle.record.stream) return fail(`${at} is not of stream ${bundle.record.stream}`);
    const revision = BigInt(event.streamRevision);
    const expectedRevision = previous === undefined ? 0n : BigInt(previous.streamRevision) + 1n;
    if (revision !== expectedRevision) return fail(`${at}: expected revision ${expectedRevision} (a bundle holds the stream from its start, without gaps)`);
    if (event.prevHash !== (previous?.hash ?? GENESIS)) return fail(`${at} does not link to the event before it`);
    if (envelopeHash(event) !== event.hash) return fail(`${at} does not hash to its hash: its content was changed`);
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
    treeSize: size.toString(),
    origin: opened.checkpoint.origin,
    cosignedBy: opened.cosignedBy,
    trustedCosigners,
  };
};
