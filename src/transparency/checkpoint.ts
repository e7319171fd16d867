import { fromBase64, toBase64 } from './bytes';
import { HASH_SIZE } from './merkle-hash';
import { formatNote, parseNote, type Note, type NoteSignature } from './signed-note';
import { signaturesBy, type NoteSigner, type NoteVerifier } from './note-keys';

/** A C2SP tlog-checkpoint body: origin line, decimal tree size, base64 root hash, extension lines. */
export type Checkpoint = Readonly<{ origin: string; size: bigint; rootHash: Uint8Array; extensions?: readonly string[] }>;

export const formatCheckpoint = (checkpoint: Checkpoint): string =>
  [checkpoint.origin, checkpoint.size.toString(), toBase64(checkpoint.rootHash), ...(checkpoint.extensions ?? [])].map((l) => `${l}\n`).join('');

export const parseCheckpoint = (text: string): Checkpoint | string => {
  if (!text.endsWith('\n')) return 'a checkpoint ends with a newline';
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || origin === '' || size === undefined || root === undefined) return 'a checkpoint has an origin, a size and a root hash';
  if (!/^(0|[1-9][0-9]{0,19})$/.test(size) || BigInt(size) >= 1n << 64n) return `"${size}" is not a tree size`;
  const rootHash = fromBase64(root);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE) return 'the root hash is not 32 bytes of base64';
  if (extensions.some((line) => line === '')) return 'a checkpoint has no empty lines';
  return { origin, size: BigInt(size), rootHash, ...(extensions.length > 0 ? { extensions } : {}) };
};

export const signCheckpoint = (checkpoint: Checkpoint, signer: NoteSigner): string => {
  const text = formatCheckpoint(checkpoint);
  return formatNote({ text, signatures: [signer.sign(text)] });
};

/** Adds signature lines (cosignatures) to a signed note, keeping the ones it has. */
export const addSignatures = (note: Note, extra: readonly NoteSignature[]): string =>
  formatNote({ text: note.text, signatures: [...note.signatures, ...extra] });

export type OpenedCheckpoint = Readonly<{
  checkpoint: Checkpoint;
  note: Note;
  /** Names of the witnesses whose cosignature verified. */
  cosignedBy: readonly string[];
}>;

export type OpenOptions = Readonly<{
  witnesses?: readonly NoteVerifier[];
  /** Refuse signature lines from keys not given (a bundle must carry nothing unchecked). */
  rejectUnknownSignatures?: boolean;
  origin?: string;
}>;

/**
 * Verifies a signed checkpoint with the log's key: the log signature must verify, and so must every
 * signature by a given witness key (a known key that fails rejects the whole note).
 */
export const openCheckpoint = (signedNote: string, log: NoteVerifier, options: OpenOptions = {}): OpenedCheckpoint | string => {
  const note = parseNote(signedNote);
  if (typeof note === 'string') return note;
  const known = [log, ...(options.witnesses ?? [])];
  const logSignatures = signaturesBy(log, note.signatures);
  if (logSignatures.length === 0) return `the checkpoint carries no signature by ${log.name}`;
  const cosignedBy: string[] = [];
  for (const verifier of known) {
    for (const signature of signaturesBy(verifier, note.signatures)) {
      if (!verifier.verify(note.text, signature.signature)) return `the signature by ${verifier.name} does not verify`;
      if (verifier !== log) cosignedBy.push(verifier.name);
    }
  }
  if (options.rejectUnknownSignatures === true) {
    const unknown = note.signatures.filter((s) => !known.some((v) => signaturesBy(v, [s]).length === 1));
    if (unknown.length > 0) return `the checkpoint carries a signature by an unknown key (${unknown[0]!.name})`;
  }
  const checkpoint = parseCheckpoint(note.text);
  if (typeof checkpoint === 'string') return checkpoint;
  if (options.origin !== undefined && checkpoint.origin !== options.origin) return `the checkpoint is for origin ${checkpoint.origin}, not ${options.origin}`;
  if (checkpoint.origin !== log.name) return `the checkpoint origin ${checkpoint.origin} is not the log key name ${log.name}`;
  return { checkpoint, note, cosignedBy };
};
