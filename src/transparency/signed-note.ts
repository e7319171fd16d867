import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, fromBase64, toBase64, toHex, utf8 } from './bytes';

/**
 * The C2SP signed-note format: a text ending in a newline, a blank line, then signature lines
 * `— <key name> base64(4-byte key id || signature)`. Key ids are
 * SHA-256(name || 0x0A || signature type || public key)[:4].
 */
export type NoteSignature = Readonly<{ name: string; keyId: Uint8Array; signature: Uint8Array }>;
export type Note = Readonly<{ text: string; signatures: readonly NoteSignature[] }>;

const DASH = '\u2014 ';
const NAME = /^[^\s+]+$/u;
/** Verifiers must accept at least 16 signatures; more is refused as a malformed note. */
export const MAX_SIGNATURES = 64;

export const isKeyName = (name: string): boolean => NAME.test(name);

export const keyIdOf = (name: string, typeAndKey: Uint8Array): Uint8Array =>
  sha256(concatBytes(utf8(name), Uint8Array.of(0x0a), typeAndKey)).slice(0, 4);

export const formatSignatureLine = (signature: NoteSignature): string =>
  `${DASH}${signature.name} ${toBase64(concatBytes(signature.keyId, signature.signature))}\n`;

export const formatNote = (note: Note): string => `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;

/** Parses a signed note; a string answer says why it is not one. */
export const parseNote = (input: string): Note | string => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(input)) return 'a note may not contain control characters';
  if (!input.endsWith('\n')) return 'a note ends with a newline';
  const split = input.lastIndexOf('\n\n');
  if (split < 0) return 'a note needs a blank line before its signatures';
  const text = input.slice(0, split + 1);
  const lines = input.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return `a note may carry at most ${MAX_SIGNATURES} signatures`;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(DASH)) return 'a signature line starts with an em dash and a space';
    const rest = line.slice(DASH.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? '' : rest.slice(0, space);
    const bytes = space < 0 ? undefined : fromBase64(rest.slice(space + 1));
    if (!isKeyName(name) || bytes === undefined || bytes.length < 5) return `malformed signature line "${line}"`;
    signatures.push({ name, keyId: bytes.slice(0, 4), signature: bytes.slice(4) });
  }
  return { text, signatures };
};

/** A verifier key string (vkey): `<name>+<hex key id>+<base64(type || public key)>`. */
export const formatVerifierKey = (name: string, typeAndKey: Uint8Array): string =>
  `${name}+${toHex(keyIdOf(name, typeAndKey))}+${toBase64(typeAndKey)}`;

export type ParsedVerifierKey = Readonly<{ name: string; keyId: Uint8Array; typeAndKey: Uint8Array }>;

export const parseVerifierKey = (vkey: string): ParsedVerifierKey | string => {
  const parts = vkey.trim().split('+');
  // base64 may itself contain '+': the name and id are the first two parts.
  if (parts.length < 3) return 'a verifier key is <name>+<key id>+<base64 key>';
  const [name, id, ...key] = parts as [string, string, ...string[]];
  const typeAndKey = fromBase64(key.join('+'));
  if (!isKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || typeAndKey === undefined || typeAndKey.length < 2) {
    return 'a verifier key is <name>+<8 hex digits>+<base64 key>';
  }
  const keyId = keyIdOf(name, typeAndKey);
  if (toHex(keyId) !== id) return 'the key id of the verifier key does not match its key';
  return { name, keyId, typeAndKey };
};
