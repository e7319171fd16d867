import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { TransparencyLog } from '../../src/infrastructure/transparency/transparency-log';
import { fromBase64, toBase64 } from '../../src/transparency/bytes';
import { openCheckpoint } from '../../src/transparency/checkpoint';
import { eventLeafHash } from '../../src/transparency/event-leaf';
import { verifyConsistency, verifyInclusion } from '../../src/transparency/merkle-verify';
import { cosign, cosignatureVerifier, verifierFromVkey, type NoteVerifier } from '../../src/transparency/note-keys';
import { formatSignatureLine, parseNote } from '../../src/transparency/signed-note';
import { ed25519 } from '@noble/curves/ed25519';
import { createTestApp } from '../support/test-aggregate/test-app';

const b64 = (text: string) => fromBase64(text)!;

describe('transparency log over HTTP: checkpoints, proofs, witnesses', () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let tokens: TokenService;
  let admin: string;
  let writer: string;
  let logKey: NoteVerifier;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ app, storage, tokens } = await createTestApp());
    admin = await tokens.sign('log-admin-1', ['log_administrator']);
    writer = await tokens.sign('actor-1', ['villagers_committee@community:c-17']);
    const key = await http().get('/api/v1/log/key').expect(200);
    expect(key.body).toMatchObject({ origin: 'civic-ledger.local/log', profile: 'ed25519', keyId: expect.stringMatching(/^[0-9a-f]{8}$/) });
    logKey = verifierFromVkey(key.body.verifierKey) as NoteVerifier;
  });
  afterAll(async () => {
    await app?.close();
  });

  const notice = (id: string) =>
    http().post('/api/v1/notices').set('Authorization', `Bearer ${writer}`).send({ noticeId: id, communityId: 'c-17', title: 't', body: 'b', tags: [], priority: 1 }).expect(201);

  const publish = async () => (await http().post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${admin}`).expect(201)).body;

  it('publishes a signed C2SP checkpoint on demand and serves it as a signed note that verifies with the served key', async () => {
    for (let i = 0; i < 5; i++) await notice(`n-log-${i}`);
    const checkpoint = await publish();
    expect(BigInt(checkpoint.treeSize)).toBeGreaterThanOrEqual(5n);
    const note = await http().get('/api/v1/log/checkpoint').expect(200).expect('Content-Type', /text\/plain/);
    const opened = openCheckpoint(note.text, logKey);
    if (typeof opened === 'string') throw new Error(opened);
    expect(opened.checkpoint.size.toString()).toBe(checkpoint.treeSize);
    expect(toBase64(opened.checkpoint.rootHash)).toBe(checkpoint.rootHash);
  });

  it('answers an inclusion proof by event id that verifies against the signed root', async () => {
    const created = await notice('n-log-proof');
    await publish();
    const eventId = created.body.eventIds[0];
    const proof = (await http().get(`/api/v1/log/proofs/inclusion?eventId=${eventId}`).expect(200)).body;
    const [stored] = await storage.eventStore.readStream('notice-n-log-proof');
    expect(proof.leafHash).toBe(toBase64(eventLeafHash(stored!.globalPosition, stored!.hash)));
    const opened = openCheckpoint(proof.checkpoint.note, logKey);
    if (typeof opened === 'string') throw new Error(opened);
    const check = verifyInclusion(BigInt(proof.leafIndex), opened.checkpoint.size, b64(proof.leafHash), proof.hashes.map(b64), opened.checkpoint.rootHash);
    expect(check).toEqual({ ok: true });
    const byPosition = (await http().get(`/api/v1/log/proofs/inclusion?position=${proof.globalPosition}`).expect(200)).body;
    expect(byPosition.hashes).toEqual(proof.hashes);
  });

  it('answers a consistency proof between two signed checkpoints', async () => {
    const first = await publish();
    await notice('n-log-later-1');
    await notice('n-log-later-2');
    const second = await publish();
    const proof = (await http().get(`/api/v1/log/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`).expect(200)).body;
    expect(verifyConsistency(BigInt(first.treeSize), BigInt(second.treeSize), proof.hashes.map(b64), b64(first.rootHash), b64(second.rootHash))).toEqual({ ok: true });
  });

  it('accepts witness cosignatures only going forward, and serves them with the checkpoint', async () => {
    const witnessKey = Uint8Array.from({ length: 32 }, (_, i) => i + 9);
    const name = 'supervision.example/c-17';
    const vkey = cosignatureVerifier(name, ed25519.getPublicKey(witnessKey)).vkey;
    await http().post('/api/v1/log/witnesses').set('Authorization', `Bearer ${writer}`).send({ name, verifierKey: vkey }).expect(403);
    await http().post('/api/v1/log/witnesses').set('Authorization', `Bearer ${admin}`).send({ name, verifierKey: 'nope' }).expect(400);
    await http().post('/api/v1/log/witnesses').set('Authorization', `Bearer ${admin}`).send({ name, verifierKey: vkey }).expect(201);

    const older = await publish();
    await notice('n-log-witnessed');
    const newer = await publish();
    const line = (checkpoint: { note: string }, time: bigint) => {
      const note = parseNote(checkpoint.note);
      if (typeof note === 'string') throw new Error(note);
      return formatSignatureLine(cosign(name, witnessKey, note.text, time)).trimEnd();
    };
    const url = `/api/v1/log/witnesses/${encodeURIComponent(name)}/cosignatures`;
    const bad = line(older, 1_767_225_600n).slice(0, -6) + 'AAAAA=';
    await http().post(url).send({ treeSize: older.treeSize, cosignature: bad }).expect(400);
    await http().post(url).send({ treeSize: older.treeSize, cosignature: line(older, 1_767_225_600n) }).expect(201);
    const accepted = (await http().post(url).send({ treeSize: newer.treeSize, cosignature: line(newer, 1_767_225_700n) }).expect(201)).body;
    expect(accepted.cosignatures).toEqual([{ witness: name, cosignedAt: new Date(1_767_225_700_000).toISOString() }]);
    const rollback = await http().post(url).send({ treeSize: older.treeSize, cosignature: line(older, 1_767_225_800n) }).expect(409);
    expect(rollback.body.code).toBe('LOG.WITNESS_ROLLBACK');

    const served = await http().get('/api/v1/log/checkpoint').expect(200);
    const opened = openCheckpoint(served.text, logKey, { witnesses: [verifierFromVkey(vkey) as NoteVerifier], rejectUnknownSignatures: true });
    expect(opened).toMatchObject({ cosignedBy: [name] });
    expect((await http().get('/api/v1/log/witnesses').expect(200)).body).toEqual([{ name, verifierKey: vkey, lastCosignedSize: newer.treeSize }]);
  });

  it('answers problem+json for bad or unknown proof requests', async () => {
    expect((await http().get('/api/v1/log/proofs/inclusion').expect(400)).body.code).toBeDefined();
    await http().get('/api/v1/log/proofs/inclusion?eventId=not-a-uuid').expect(400);
    expect((await http().get('/api/v1/log/proofs/inclusion?eventId=0190f0f0-0000-7000-8000-000000000000').expect(404)).body.code).toBe('LOG.NOT_A_LEAF');
    await http().get('/api/v1/log/proofs/consistency?from=0&to=3').expect(400);
    expect((await http().get('/api/v1/log/proofs/consistency?from=1&to=99999').expect(409)).body.code).toBe('LOG.TREE_TOO_SMALL');
    await http().post('/api/v1/log/checkpoints').expect(401);
    expect(app.get(TransparencyLog).settings.keySource).toBe('generated');
  });
});
