/// <reference lib="dom" />
/**
 * The audit pages' only script, bundled with src/transparency by esbuild (bin/build-audit-assets.js)
 * into dist/audit-assets/audit.js. "Verify" (核验) checks a record in the browser itself: for every
 * event of the record it fetches the inclusion proof, recomputes the leaf from the event's position
 * and hash, checks the proof against the root of the checkpoint, and checks the checkpoint's
 * signature with the log's public key. "Verify the public proof bundle" (public consultations and
 * meetings) fetches the record's public bundle and checks it whole with verifyBundle (canonical bytes,
 * field commitments of disclosed and withheld fields, chain, inclusion, checkpoint signature).
 * Nothing is trusted from the server but the bytes it sends.
 */
import { fromBase64, toHex } from '../../../transparency/bytes';
import { openCheckpoint, type OpenedCheckpoint } from '../../../transparency/checkpoint';
import { eventLeafHash } from '../../../transparency/event-leaf';
import { verifyInclusion } from '../../../transparency/merkle-verify';
import { verifyBundle } from '../../../transparency/proof-bundle';
import { verifierFromVkey, type NoteVerifier } from '../../../transparency/note-keys';

type ProofAnswer = {
  eventId: string;
  globalPosition: string;
  eventHash: string;
  leafIndex: string;
  treeSize: string;
  hashes: string[];
  checkpoint?: { note: string };
};

const fetchJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new Error(`${url.split('?')[0]}: HTTP ${response.status}`);
  return (await response.json()) as T;
};

const format = (template: string, ...args: readonly (string | number)[]): string => template.replace(/\{(\d+)\}/g, (w, i: string) => String(args[Number(i)] ?? w));

/** The log's verifier key (GET /api/v1/log/key) and its id as shown, or why there is none usable. */
const fetchLogKey = async (): Promise<{ verifier: NoteVerifier; keyId: string } | string> => {
  const key = await fetchJson<{ verifierKey: string | null; keyId: string | null }>('/api/v1/log/key');
  if (key.verifierKey === null) return 'the log publishes no key';
  const verifier = verifierFromVkey(key.verifierKey);
  if (typeof verifier === 'string') return `log key: ${verifier}`;
  return { verifier, keyId: key.keyId ?? toHex(verifier.keyId) };
};

/** Checks one record's events; returns the message-ready verdict. */
export const verifyRecord = async (events: readonly { eventId: string; position: string }[]): Promise<{ ok: true; events: number; keyId: string; treeSize: string } | { ok: false; reason: string }> => {
  const logKey = await fetchLogKey();
  if (typeof logKey === 'string') return { ok: false, reason: logKey };
  const { verifier, keyId } = logKey;
  const opened = new Map<string, OpenedCheckpoint | string>();
  let treeSize = '';
  for (const event of events) {
    const proof = await fetchJson<ProofAnswer>(`/api/v1/log/proofs/inclusion?eventId=${encodeURIComponent(event.eventId)}`);
    const at = `event …${event.eventId.slice(-12)}`;
    if (proof.eventId !== event.eventId || proof.globalPosition !== event.position) return { ok: false, reason: `${at}: the proof is for another event or position` };
    if (proof.checkpoint === undefined) return { ok: false, reason: `${at}: no signed checkpoint` };
    const note = proof.checkpoint.note;
    if (!opened.has(note)) opened.set(note, openCheckpoint(note, verifier));
    const checkpoint = opened.get(note)!;
    if (typeof checkpoint === 'string') return { ok: false, reason: `checkpoint: ${checkpoint}` };
    if (checkpoint.checkpoint.size.toString() !== proof.treeSize) return { ok: false, reason: `${at}: the proof is for tree size ${proof.treeSize}, the checkpoint for ${checkpoint.checkpoint.size}` };
    let leaf: Uint8Array;
    try {
      leaf = eventLeafHash(BigInt(proof.globalPosition), proof.eventHash);
    } catch (error) {
      return { ok: false, reason: `${at}: ${(error as Error).message}` };
    }
    const path = proof.hashes.map(fromBase64);
    if (path.some((h) => h === undefined)) return { ok: false, reason: `${at}: proof hashes are not base64` };
    const included = verifyInclusion(BigInt(proof.leafIndex), checkpoint.checkpoint.size, leaf, path as Uint8Array[], checkpoint.checkpoint.rootHash);
    if (!included.ok) return { ok: false, reason: `${at} is not in the signed tree: ${included.reason}` };
    treeSize = proof.treeSize;
  }
  return { ok: true, events: events.length, keyId, treeSize };
};

type BundleResult = { ok: true; events: number; keyId: string; treeSize: string; withheldFields: number; opaqueEvents: number } | { ok: false; reason: string };

/** Checks a record's public proof bundle (bytes as served) with the log's key, and that it is the bundle of this record. */
export const verifyPublicBundle = async (url: string, kind: string, id: string): Promise<BundleResult> => {
  const logKey = await fetchLogKey();
  if (typeof logKey === 'string') return { ok: false, reason: logKey };
  const { verifier, keyId } = logKey;
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) return { ok: false, reason: `${url}: HTTP ${response.status}` };
  const verdict = verifyBundle(new Uint8Array(await response.arrayBuffer()), verifier);
  if (!verdict.ok) return verdict;
  if (verdict.record.kind !== kind || verdict.record.id !== id || verdict.record.view !== 'public') return { ok: false, reason: `the bundle is of ${verdict.record.kind} ${verdict.record.id} (${verdict.record.view ?? 'v1'}), not of this record's public view` };
  return { ok: true, events: verdict.events, keyId, treeSize: verdict.treeSize, withheldFields: verdict.withheldFields, opaqueEvents: verdict.opaqueEvents };
};

const onVerifyBundle = async (block: HTMLElement, button: HTMLButtonElement, out: HTMLElement): Promise<void> => {
  const d = block.dataset;
  button.disabled = true;
  out.className = 'verify-result';
  out.textContent = d['msgVerifying'] ?? '…';
  let verdict: BundleResult;
  try {
    verdict = await verifyPublicBundle(d['bundleUrl'] ?? '', d['bundleKind'] ?? '', d['bundleId'] ?? '');
  } catch (error) {
    verdict = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  out.className = `verify-result ${verdict.ok ? 'verified' : 'failed'}`;
  out.textContent = verdict.ok
    ? format(d['msgBundleOk'] ?? '{0} {1} {2} {3} {4}', verdict.events, verdict.keyId, verdict.treeSize, verdict.withheldFields, verdict.opaqueEvents)
    : format(d['msgFailed'] ?? '{0}', verdict.reason);
  block.dataset['bundleVerdict'] = verdict.ok ? 'ok' : 'failed';
  button.disabled = false;
};

const onVerify = async (block: HTMLElement, button: HTMLButtonElement, out: HTMLElement): Promise<void> => {
  const d = block.dataset;
  button.disabled = true;
  out.className = 'verify-result';
  out.textContent = d['msgVerifying'] ?? '…';
  let verdict: Awaited<ReturnType<typeof verifyRecord>>;
  try {
    verdict = await verifyRecord(JSON.parse(d['proofEvents'] ?? '[]') as { eventId: string; position: string }[]);
  } catch (error) {
    verdict = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  out.className = `verify-result ${verdict.ok ? 'verified' : 'failed'}`;
  out.textContent = verdict.ok ? format(d['msgOk'] ?? '{0} {1} {2}', verdict.events, verdict.keyId, verdict.treeSize) : format(d['msgFailed'] ?? '{0}', verdict.reason);
  block.dataset['verdict'] = verdict.ok ? 'ok' : 'failed';
  button.disabled = false;
};

document.addEventListener('DOMContentLoaded', () => {
  for (const block of Array.from(document.querySelectorAll<HTMLElement>('[data-proof-stream]'))) {
    const button = block.querySelector<HTMLButtonElement>('button.verify');
    const out = block.querySelector<HTMLElement>('.verify-result');
    if (button !== null && out !== null) button.addEventListener('click', () => void onVerify(block, button, out));
    const bundleButton = block.querySelector<HTMLButtonElement>('button.verify-bundle');
    if (bundleButton !== null && out !== null) bundleButton.addEventListener('click', () => void onVerifyBundle(block, bundleButton, out));
  }
});
