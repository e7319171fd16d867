import { ed25519 } from '@noble/curves/ed25519';
import { sm2 } from 'sm-crypto';
import { bytesEqual, concatBytes, fromHex, readUint64be, toHex, uint64be, utf8 } from './bytes';
import { formatVerifierKey, keyIdOf, parseVerifierKey, type NoteSignature } from './signed-note';

/**
 * Signature profiles of the log. `ed25519`: C2SP signed-note type 0x01. `sm2`: SM2 signatures
 * with SM3 digests (GB/T 32918, GB/T 32905, the default user id), as signature type 0xff followed
 * by the identifier below, over the same note text. Witness cosignatures are C2SP
 * tlog-cosignature v1 (type 0x04, Ed25519, timestamped).
 */
export type SignatureProfile = 'ed25519' | 'sm2';

const ED25519 = Uint8Array.of(0x01);
const COSIGNATURE_V1 = Uint8Array.of(0x04);
export const SM2_TYPE = concatBytes(Uint8Array.of(0xff), utf8('civic-ledger.sm2-sm3/v1'));

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly kind: SignatureProfile | 'cosignature/v1';
  /** The verifier key string (vkey) others configure. */
  readonly vkey: string;
  verify(text: string, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly verifier: NoteVerifier;
  sign(text: string): NoteSignature;
}

const vkeyOf = formatVerifierKey;

export const ed25519Verifier = (name: string, publicKey: Uint8Array): NoteVerifier => {
  const typeAndKey = concatBytes(ED25519, publicKey);
  return {
    name,
    keyId: keyIdOf(name, typeAndKey),
    kind: 'ed25519',
    vkey: vkeyOf(name, typeAndKey),
    verify: (text, signature) => {
      try {
        return signature.length === 64 && ed25519.verify(signature, utf8(text), publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
};

export const sm2Verifier = (name: string, publicKey: Uint8Array): NoteVerifier => {
  const typeAndKey = concatBytes(SM2_TYPE, publicKey);
  const publicHex = toHex(publicKey);
  return {
    name,
    keyId: keyIdOf(name, typeAndKey),
    kind: 'sm2',
    vkey: vkeyOf(name, typeAndKey),
    verify: (text, signature) => {
      try {
        return signature.length === 64 && sm2.doVerifySignature(text, toHex(signature), publicHex, { hash: true, der: false });
      } catch {
        return false;
      }
    },
  };
};

/** The message a cosignature/v1 signs: header, time line, checkpoint text. */
export const cosignedMessage = (timestamp: bigint, checkpointText: string): string => `cosignature/v1\ntime ${timestamp}\n${checkpointText}`;

/** An Ed25519 witness key (tlog-cosignature v1); its signature bytes are timestamp (u64) || signature. */
export const cosignatureVerifier = (name: string, publicKey: Uint8Array): NoteVerifier => {
  const typeAndKey = concatBytes(COSIGNATURE_V1, publicKey);
  return {
    name,
    keyId: keyIdOf(name, typeAndKey),
    kind: 'cosignature/v1',
    vkey: vkeyOf(name, typeAndKey),
    verify: (text, signature) => {
      if (signature.length !== 72) return false;
      const timestamp = readUint64be(signature, 0);
      if (timestamp >= 1n << 63n) return false;
      try {
        return ed25519.verify(signature.slice(8), utf8(cosignedMessage(timestamp, text)), publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
};

/** The timestamp a cosignature/v1 carries (seconds since the epoch). */
export const cosignatureTime = (signature: Uint8Array): bigint | undefined => (signature.length === 72 ? readUint64be(signature, 0) : undefined);

/** A verifier from a vkey string: Ed25519 (0x01), SM2 (0xff + identifier) or a cosigner (0x04). */
export const verifierFromVkey = (vkey: string): NoteVerifier | string => {
  const parsed = parseVerifierKey(vkey);
  if (typeof parsed === 'string') return parsed;
  const { name, typeAndKey } = parsed;
  if (typeAndKey[0] === 0x01 && typeAndKey.length === 33) return ed25519Verifier(name, typeAndKey.slice(1));
  if (typeAndKey[0] === 0x04 && typeAndKey.length === 33) return cosignatureVerifier(name, typeAndKey.slice(1));
  if (typeAndKey.length === SM2_TYPE.length + 65 && bytesEqual(typeAndKey.slice(0, SM2_TYPE.length), SM2_TYPE)) {
    return sm2Verifier(name, typeAndKey.slice(SM2_TYPE.length));
  }
  return 'unsupported key type (expected Ed25519, SM2 or an Ed25519 cosigner key)';
};

export const ed25519Signer = (name: string, privateKey: Uint8Array): NoteSigner => {
  const verifier = ed25519Verifier(name, ed25519.getPublicKey(privateKey));
  return { verifier, sign: (text) => ({ name, keyId: verifier.keyId, signature: ed25519.sign(utf8(text), privateKey) }) };
};

export const sm2Signer = (name: string, privateKey: Uint8Array): NoteSigner => {
  const privateHex = toHex(privateKey);
  // Present in sm-crypto 0.3+, missing from its type declarations.
  const derive = (sm2 as unknown as { getPublicKeyFromPrivateKey(key: string): string }).getPublicKeyFromPrivateKey;
  const publicKey = fromHex(derive(privateHex));
  if (publicKey === undefined || publicKey.length !== 65) throw new Error('not an SM2 private key');
  const verifier = sm2Verifier(name, publicKey);
  return {
    verifier,
    sign: (text) => ({ name, keyId: verifier.keyId, signature: fromHex(sm2.doSignature(text, privateHex, { hash: true, der: false }).padStart(128, '0'))! }),
  };
};

/** A witness's cosignature over a checkpoint text (tests and witness tooling). */
export const cosign = (name: string, privateKey: Uint8Array, checkpointText: string, timestamp: bigint): NoteSignature => {
  const verifier = cosignatureVerifier(name, ed25519.getPublicKey(privateKey));
  const signature = ed25519.sign(utf8(cosignedMessage(timestamp, checkpointText)), privateKey);
  return { name, keyId: verifier.keyId, signature: concatBytes(uint64be(timestamp), signature) };
};

/** The signatures of a note made by this verifier's key (same name and key id). */
export const signaturesBy = (verifier: NoteVerifier, signatures: readonly NoteSignature[]): NoteSignature[] =>
  signatures.filter((s) => s.name === verifier.name && bytesEqual(s.keyId, verifier.keyId));
