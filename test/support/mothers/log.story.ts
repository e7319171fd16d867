import { ed25519 } from '@noble/curves/ed25519';
import request from 'supertest';
import { cosign, cosignatureVerifier } from '../../../src/transparency/note-keys';
import { formatSignatureLine, parseNote } from '../../../src/transparency/signed-note';
import { keep, post, type Step, type StoryContext } from './story';

const WITNESS = 'supervision.example/c-17';
const witnessKey = Uint8Array.from({ length: 32 }, (_, i) => i + 9);

/** A new signed checkpoint of the log, as the log administrator publishes it. */
const checkpoint = async ({ app, token }: StoryContext): Promise<{ treeSize: string; note: string }> =>
  (await request(app.getHttpServer()).post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${token}`).expect(201)).body as { treeSize: string; note: string };

/** The transparency log: a checkpoint, a witness registered, and its cosignature of a newer checkpoint. */
export const logStory = (): Step[] => [
  post('/log/checkpoints', {}, {}),
  post('/log/witnesses', {}, { name: WITNESS, verifierKey: keep(cosignatureVerifier(WITNESS, ed25519.getPublicKey(witnessKey)).vkey) }),
  post('/log/witnesses/{name}/cosignatures', { name: WITNESS }, async (context) => {
    const latest = await checkpoint(context);
    const note = parseNote(latest.note);
    if (typeof note === 'string') throw new Error(note);
    return { treeSize: keep(latest.treeSize), cosignature: keep(formatSignatureLine(cosign(WITNESS, witnessKey, note.text, BigInt(Math.floor(Date.now() / 1000)))).trimEnd()) };
  }),
];
