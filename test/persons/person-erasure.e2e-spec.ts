import request from 'supertest';
import { Command } from 'commander';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { register as registerVerify } from '../../src/infrastructure/cli/commands/verify.command';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { verifyLogAgainstCheckpoints } from '../../src/infrastructure/transparency/verify-log';
import { fromBase64, toBase64 } from '../../src/transparency/bytes';
import { verifyConsistency, verifyInclusion } from '../../src/transparency/merkle-verify';
import { ed25519Signer } from '../../src/transparency/note-keys';
import { verifyBundle } from '../../src/transparency/proof-bundle';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { createTestApp, TEST_JWT_SECRET } from '../support/test-aggregate/test-app';

const C = 'c-persons';
const SEED = Uint8Array.from({ length: 32 }, (_, i) => 90 + i);
const ORIGIN = 'civic-ledger.test/persons';
const signer = ed25519Signer(ORIGIN, SEED);
const NAME = '王小明';
const PHONE = '13912345678';
const ID_NUMBER = '22010219800101123X';
const PERSONAL = [NAME, PHONE, ID_NUMBER];

type Tokens = { township: string; committee: string; auditor: string; resident: string; admin: string };

const setUp = async (app: NestFastifyApplication): Promise<Tokens> => {
  const tokens = app.get(TokenService);
  const t: Tokens = {
    township: await tokens.sign('officer-1', ['township_government@township:t-1']),
    committee: await tokens.sign('clerk-1', [`villagers_committee@community:${C}`]),
    auditor: await tokens.sign('auditor-1', ['auditor']),
    resident: await tokens.sign('res-1', [`resident@community:${C}`]),
    admin: await tokens.sign('log-admin-1', ['log_administrator']),
  };
  await request(app.getHttpServer()).post('/api/v1/communities').set('Authorization', `Bearer ${t.township}`)
    .send({ communityId: C, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: '2026-01-05T09:00:00+08:00' }).expect(201);
  return t;
};

const registerPerson = async (app: NestFastifyApplication, token: string, body: object = { name: NAME, phone: PHONE, idNumber: ID_NUMBER }) =>
  (await request(app.getHttpServer()).post(`/api/v1/communities/${C}/persons`).set('Authorization', `Bearer ${token}`).send(body).expect(201)).body as { personRef: string; globalPosition: string };

describe('person registry on embedded PGlite', () => {
  let app: NestFastifyApplication;
  let t: Tokens;
  beforeAll(async () => {
    ({ app } = await createTestApp());
    t = await setUp(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('registers, reads for allowed roles only, erases, and never registers the reference again', async () => {
    const http = () => request(app.getHttpServer());
    const { personRef } = await registerPerson(app, t.committee);
    expect(personRef).toMatch(/^p-[a-z0-9]{20}$/);
    expect((await http().get(`/api/v1/communities/${C}/persons/${personRef}`).set('Authorization', `Bearer ${t.auditor}`).expect(200)).body).toEqual({
      personRef, communityId: C, erased: false, name: NAME, phone: PHONE, idNumber: ID_NUMBER,
    });
    await http().get(`/api/v1/communities/${C}/persons/${personRef}`).set('Authorization', `Bearer ${t.resident}`).expect(403);
    await http().get(`/api/v1/communities/${C}/persons/${personRef}`).expect(401);
    expect((await http().get(`/api/v1/communities/${C}/persons?refs=${personRef},p-unknown`).set('Authorization', `Bearer ${t.committee}`).expect(200)).body.persons)
      .toEqual([expect.objectContaining({ personRef, name: NAME })]);

    await http().post(`/api/v1/communities/${C}/persons/${personRef}/erasure`).set('Authorization', `Bearer ${t.committee}`).send({}).expect(201);
    expect((await http().get(`/api/v1/communities/${C}/persons/${personRef}`).set('Authorization', `Bearer ${t.committee}`).expect(200)).body).toEqual({ personRef, communityId: C, erased: true });
    const again = await http().post(`/api/v1/communities/${C}/persons`).set('Authorization', `Bearer ${t.committee}`).send({ personRef, name: NAME }).expect(409);
    expect(again.body.code).toBe('PERSON.ERASED');
    await http().post(`/api/v1/communities/${C}/persons/${personRef}/erasure`).set('Authorization', `Bearer ${t.committee}`).send({}).expect(409);
  });
});

describePostgres('crypto-shredding leaves the log, its proofs and bundles verifiable (PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let storage: Storage;
  let app: NestFastifyApplication;
  let t: Tokens;
  const http = () => request(app.getHttpServer());
  const everything = async (): Promise<string> => {
    const tables = ['cl_events', 'cl_commands', 'cl_log_nodes', 'cl_log_leaves', 'cl_log_checkpoints', 'cl_persons', 'cl_person_keys'];
    const dumps = await Promise.all(tables.map(async (table) => JSON.stringify((await storage.sql.query(`SELECT * FROM ${table}`)).rows)));
    return dumps.join('\n');
  };

  beforeAll(async () => {
    database = await createTestDatabase('cl_persons');
    storage = await createStorage({ databaseUrl: database.url, dataDir: 'unused' });
    const config = loadConfig({
      DATABASE_URL: database.url, CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', LOG_SIGNING_KEY: toBase64(SEED), LOG_ORIGIN: ORIGIN, LOG_CHECKPOINT_INTERVAL_SECONDS: '0',
      PERSON_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    app = await createApp({ config, storage, projections: { runInBackground: false } });
    await app.init();
    t = await setUp(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('after erasure the data is unreadable everywhere, and verify, the chains, the tree, old proofs and bundles still verify', async () => {
    const { personRef } = await registerPerson(app, t.committee, { personRef: 'p-wang', name: NAME, phone: PHONE, idNumber: ID_NUMBER });
    expect(personRef).toBe('p-wang');
    // Personal data is stored only as ciphertext: no table holds it in the clear, the public feed carries the reference at most.
    for (const value of PERSONAL) expect(await everything()).not.toContain(value);
    const feed = JSON.stringify((await http().get('/api/v1/events?after=0&limit=100').expect(200)).body);
    for (const value of PERSONAL) expect(feed).not.toContain(value);

    const before = (await http().post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${t.admin}`).send({}).expect(201)).body;
    const registeredEvent = (await storage.sql.query<{ event_id: string }>("SELECT event_id FROM cl_events WHERE type = 'PersonRegistered'")).rows[0]!.event_id;
    const proofBefore = (await http().get(`/api/v1/log/proofs/inclusion?eventId=${registeredEvent}`).expect(200)).body;
    const bundleBefore = (await http().get(`/api/v1/log/bundles/community/${C}`).set('Authorization', `Bearer ${t.auditor}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200)).body as Buffer;

    const erasure = await http().post(`/api/v1/communities/${C}/persons/${personRef}/erasure`).set('Authorization', `Bearer ${t.township}`).send({}).expect(201);
    expect(erasure.body.streamId).toBe(`person-${personRef}`);

    // Unreadable everywhere: the key row is gone, the read answers erased, the ciphertext stays and opens for no one.
    expect((await storage.sql.query('SELECT * FROM cl_person_keys WHERE person_ref = $1', [personRef])).rows).toEqual([]);
    expect((await storage.sql.query('SELECT 1 FROM cl_persons WHERE person_ref = $1', [personRef])).rows).toHaveLength(1);
    expect((await http().get(`/api/v1/communities/${C}/persons/${personRef}`).set('Authorization', `Bearer ${t.auditor}`).expect(200)).body).toEqual({ personRef, communityId: C, erased: true });
    expect((await http().get(`/api/v1/communities/${C}/persons?refs=${personRef}`).set('Authorization', `Bearer ${t.committee}`).expect(200)).body.persons).toEqual([{ personRef, communityId: C, erased: true }]);
    for (const value of PERSONAL) expect(await everything()).not.toContain(value);
    const tombstone = (await storage.sql.query<{ data: object }>("SELECT data FROM cl_events WHERE type = 'PersonErased'")).rows[0]!.data;
    expect(Object.keys(tombstone).sort()).toEqual(['communityId', 'occurredAt', 'personRef']);

    // The log is untouched: the chains and the tree agree with every signed checkpoint, before and after.
    const after = (await http().post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${t.admin}`).send({}).expect(201)).body;
    expect(BigInt(after.treeSize)).toBeGreaterThan(BigInt(before.treeSize));
    expect(await verifyLogAgainstCheckpoints(storage.sql, storage.eventStore, signer.verifier)).toMatchObject({ checkpointSize: BigInt(after.treeSize), checkpointsChecked: 2 });
    const output: string[] = [];
    let exitCode = -1;
    const program = new Command('civic-ledger').exitOverride();
    registerVerify(program, { out: (text) => output.push(text), setExitCode: (code) => (exitCode = code) });
    await program.parseAsync(['node', 'civic-ledger', 'verify', '--database-url', database.url, '--log-key', signer.verifier.vkey]);
    expect({ exitCode, output: output.join('\n') }).toMatchObject({ exitCode: 0 });

    // The proof served before the erasure still checks against the root signed before it, and that root against the newer one.
    const oldRoot = fromBase64(before.rootHash)!;
    expect(verifyInclusion(BigInt(proofBefore.leafIndex), BigInt(proofBefore.treeSize), fromBase64(proofBefore.leafHash)!, proofBefore.hashes.map((h: string) => fromBase64(h)!), oldRoot).ok).toBe(true);
    const consistency = (await http().get(`/api/v1/log/proofs/consistency?from=${before.treeSize}&to=${after.treeSize}`).expect(200)).body;
    expect(verifyConsistency(BigInt(before.treeSize), BigInt(after.treeSize), consistency.hashes.map((h: string) => fromBase64(h)!), oldRoot, fromBase64(after.rootHash)!).ok).toBe(true);
    const proofAfter = (await http().get(`/api/v1/log/proofs/inclusion?eventId=${registeredEvent}`).expect(200)).body;
    expect(verifyInclusion(BigInt(proofAfter.leafIndex), BigInt(proofAfter.treeSize), fromBase64(proofAfter.leafHash)!, proofAfter.hashes.map((h: string) => fromBase64(h)!), fromBase64(after.rootHash)!).ok).toBe(true);
    expect(verifyBundle(bundleBefore, signer.verifier.vkey).ok).toBe(true);
  });
});
