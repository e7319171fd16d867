import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM with the person reference as associated data: a ciphertext moved to another person does not open. */
export type Sealed = Readonly<{ ciphertext: Buffer; iv: Buffer; tag: Buffer }>;

export const newDataKey = (): Buffer => randomBytes(32);

export const seal = (key: Uint8Array, plaintext: Uint8Array, associated: string): Sealed => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag() };
};

/** Throws when the key is wrong or any byte changed. */
export const open = (key: Uint8Array, sealed: Sealed, associated: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
};

/** Key wrapping: a data key sealed by the master key (iv ‖ tag ‖ ciphertext), or stored as is without one. */
export type KeyWrapper = Readonly<{ id: string; wrap: (key: Buffer, personRef: string) => Buffer; unwrap: (wrapped: Buffer, personRef: string) => Buffer }>;

export const masterKeyWrapper = (master: Uint8Array): KeyWrapper => ({
  id: `aes-256-gcm:${createHash('sha256').update(master).digest('hex').slice(0, 16)}`,
  wrap: (key, personRef) => {
    const s = seal(master, key, `key:${personRef}`);
    return Buffer.concat([s.iv, s.tag, s.ciphertext]);
  },
  unwrap: (wrapped, personRef) => open(master, { iv: wrapped.subarray(0, 12), tag: wrapped.subarray(12, 28), ciphertext: wrapped.subarray(28) }, `key:${personRef}`),
});

export const NO_WRAPPING: KeyWrapper = { id: 'none', wrap: (key) => key, unwrap: (wrapped) => wrapped };
