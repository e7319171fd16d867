import { ed25519 } from '@noble/curves/ed25519';
import { sm2 } from 'sm-crypto';
import { fromBase64, fromHex, toBase64 } from '../../src/transparency/bytes';
import { addSignatures, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from '../../src/transparency/checkpoint';
import { cosign, ed25519Signer, sm2Signer, verifierFromVkey, type NoteVerifier } from '../../src/transparency/note-keys';
import { formatNote, parseNote } from '../../src/transparency/signed-note';
import goNote from './fixtures/go-sumdb-note.json';

const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 255);
const checkpoint = { origin: 'civic-ledger.test/log', size: 8n, rootHash: fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328')! };

describe('C2SP signed-note (Go sumdb/note reference vector)', () => {
  const verifier = verifierFromVkey(goNote.verifierKey) as NoteVerifier;

  it('parses the verifier key and checks its key id', () => {
    expect(typeof verifier).toBe('object');
    expect(verifier.vkey).toBe(goNote.verifierKey);
    expect(typeof verifierFromVkey(goNote.verifierKey.replace('c74f20a3', 'c74f20a4'))).toBe('string');
  });

  it('verifies the reference signature and produces it byte for byte from the same key', () => {
    const note = parseNote(goNote.signedNote);
    if (typeof note === 'string') throw new Error(note);
    expect(note.text).toBe(goNote.text);
    expect(verifier.verify(note.text, note.signatures[0]!.signature)).toBe(true);
    const privateKey = fromBase64(goNote.signerKey.split('+').slice(4).join('+'))!.slice(1);
    const signer = ed25519Signer('PeterNeumann', privateKey);
    expect(formatNote({ text: goNote.text, signatures: [signer.sign(goNote.text)] })).toBe(goNote.signedNote);
  });

  it('refuses a changed text', () => {
    const note = parseNote(goNote.signedNote);
    if (typeof note === 'string') throw new Error(note);
    expect(verifier.verify(note.text.replace('problem', 'problems'), note.signatures[0]!.signature)).toBe(false);
  });

  it.each([
    ['no blank line', 'text\n\u2014 a AAAAAAA=\n'],
    ['no final newline', 'text\n\n\u2014 a AAAAAAA='],
    ['a control character', 'te\u0001xt\n\n\u2014 a AAAAAAA=\n'],
    ['a name with a plus', 'text\n\n\u2014 a+b AAAAAAA=\n'],
    ['a short signature', 'text\n\n\u2014 a AAAA\n'],
    ['non-canonical base64', 'text\n\n\u2014 a AAAAAAB=\n'],
  ])('refuses a note with %s', (_what, text) => {
    expect(typeof parseNote(text)).toBe('string');
  });
});

describe('C2SP tlog-checkpoint', () => {
  const signer = ed25519Signer(checkpoint.origin, seed(1));

  it('formats origin, size and base64 root hash, one per line', () => {
    expect(formatCheckpoint(checkpoint)).toBe('civic-ledger.test/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
    expect(parseCheckpoint(formatCheckpoint(checkpoint))).toEqual(checkpoint);
    expect(typeof parseCheckpoint('o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n')).toBe('string');
  });

  it('signs with Ed25519 and verifies with the served verifier key', () => {
    const signed = signCheckpoint(checkpoint, signer);
    const opened = openCheckpoint(signed, verifierFromVkey(signer.verifier.vkey) as NoteVerifier);
    expect(typeof opened).toBe('object');
    expect(typeof openCheckpoint(signed.replace('\n8\n', '\n9\n'), signer.verifier)).toBe('string');
    expect(typeof openCheckpoint(signed, ed25519Signer(checkpoint.origin, seed(2)).verifier)).toBe('string');
  });

  it('carries witness cosignatures (cosignature/v1) and checks them when the witness key is known', () => {
    const signed = signCheckpoint(checkpoint, signer);
    const note = parseNote(signed);
    if (typeof note === 'string') throw new Error(note);
    const witnessKey = seed(3);
    const cosignature = cosign('supervision.example/c-17', witnessKey, note.text, 1_767_225_600n);
    const withCosignature = addSignatures(note, [cosignature]);
    const witness = verifierFromVkey(
      `supervision.example/c-17+${Buffer.from(cosignature.keyId).toString('hex')}+${toBase64(Uint8Array.of(4, ...ed25519.getPublicKey(witnessKey)))}`,
    ) as NoteVerifier;
    expect(openCheckpoint(withCosignature, signer.verifier, { witnesses: [witness] })).toMatchObject({ cosignedBy: ['supervision.example/c-17'] });
    // A forged timestamp breaks the cosignature; an unknown key is refused in strict mode.
    const forged = addSignatures(note, [{ ...cosignature, signature: Uint8Array.of(...cosignature.signature.slice(0, 7), 1, ...cosignature.signature.slice(8)) }]);
    expect(typeof openCheckpoint(forged, signer.verifier, { witnesses: [witness] })).toBe('string');
    expect(typeof openCheckpoint(withCosignature, signer.verifier, { rejectUnknownSignatures: true })).toBe('string');
  });

  it('signs with SM2/SM3 in the national-cryptography profile', () => {
    const { privateKey } = sm2.generateKeyPairHex();
    const sm2Log = sm2Signer(checkpoint.origin, fromHex(privateKey)!);
    const signed = signCheckpoint(checkpoint, sm2Log);
    const verifier = verifierFromVkey(sm2Log.verifier.vkey) as NoteVerifier;
    expect(verifier.kind).toBe('sm2');
    expect(typeof openCheckpoint(signed, verifier)).toBe('object');
    expect(typeof openCheckpoint(signed.replace('\n8\n', '\n7\n'), verifier)).toBe('string');
  });
});
