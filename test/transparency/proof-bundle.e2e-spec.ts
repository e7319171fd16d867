import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Command } from 'commander';
import { ed25519 } from '@noble/curves/ed25519';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register } from '../../src/infrastructure/cli/commands/verify-bundle.command';
import { cosign, cosignatureVerifier } from '../../src/transparency/note-keys';
import { verifyBundle } from '../../src/transparency/proof-bundle';
import { formatSignatureLine, parseNote } from '../../src/transparency/signed-note';
import { createTestApp } from '../support/test-aggregate/test-app';
import { expectMatchesSchemas } from '../support/event-schema-validator';

const C = 'c-bundle';
const at = (local: string) => `${local}:00+08:00`;

describe('proof bundles and the offline verifier', () => {
  let app: NestFastifyApplication;
  let auditor: string;
  let logKey: string;
  let witnessVkey: string;
  let bundle: Buffer;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const created = await createTestApp();
    app = created.app;
    const township = await created.tokens.sign('officer-9', ['township_government@township:t-1']);
    const committee = await created.tokens.sign('clerk-1', [`villagers_committee@community:${C}`]);
    auditor = await created.tokens.sign('auditor-1', ['auditor']);
    const admin = await created.tokens.sign('log-admin-1', ['log_administrator']);
    const post = (path: string, token: string, body: object) => http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body).expect(201);
    await post('/communities', township, { communityId: C, kind: 'village', name: '东河村', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-01-05T09:00') });
    await post(`/communities/${C}/committee-terms`, committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-06T09:00') });
    await post(`/communities/${C}/census-snapshots`, committee, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-06T10:00') });
    logKey = (await http().get('/api/v1/log/key').expect(200)).body.verifierKey;

    // A witness cosigns the current checkpoint, so the bundle carries a cosignature too.
    const witnessKey = Uint8Array.from({ length: 32 }, (_, i) => 77 + i);
    const name = 'civil-affairs.example/d-1';
    witnessVkey = cosignatureVerifier(name, ed25519.getPublicKey(witnessKey)).vkey;
    await post('/log/witnesses', admin, { name, verifierKey: witnessVkey });
    const checkpoint = (await post('/log/checkpoints', admin, {})).body;
    const note = parseNote(checkpoint.note);
    if (typeof note === 'string') throw new Error(note);
    const line = formatSignatureLine(cosign(name, witnessKey, note.text, 1_767_300_000n)).trimEnd();
    await http().post(`/api/v1/log/witnesses/${encodeURIComponent(name)}/cosignatures`).send({ treeSize: checkpoint.treeSize, cosignature: line }).expect(201);

    const response = await http().get(`/api/v1/log/bundles/community/${C}`).set('Authorization', `Bearer ${auditor}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    bundle = response.body as Buffer;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports a community record: all its events with inclusion proofs and the cosigned checkpoint, verified offline', () => {
    const verdict = verifyBundle(bundle, logKey, [witnessVkey]);
    // Every field disclosed: the values are the stored data, which matches its schema.
    const entries = JSON.parse(bundle.toString('utf8')).entries as { event: { type: string; schemaVersion: number; hashScheme: string; data: Record<string, { value: unknown }> } }[];
    expect(entries.every((e) => e.event.hashScheme === 'sd-1')).toBe(true);
    expectMatchesSchemas(entries.map((e) => ({ ...e.event, data: Object.fromEntries(Object.entries(e.event.data).map(([k, o]) => [k, o.value])) })));
    expect(verdict).toMatchObject({ ok: true, stream: `community-${C}`, events: 3, withheldFields: 0, opaqueEvents: 0, cosignedBy: ['civil-affairs.example/d-1'], trustedCosigners: ['civil-affairs.example/d-1'] });
  });

  it('fails when any single byte of the bundle is changed', () => {
    const survivors: number[] = [];
    for (let i = 0; i < bundle.length; i++) {
      const changed = Buffer.from(bundle);
      changed[i] = changed[i]! ^ 0x01;
      if (verifyBundle(changed, logKey).ok) survivors.push(i);
    }
    expect(survivors).toEqual([]);
    expect(bundle.length).toBeGreaterThan(1000);
  });

  it('fails with another log key, and is refused to callers who may not audit', async () => {
    const other = cosignatureVerifier('x', ed25519.getPublicKey(new Uint8Array(32).fill(5))).vkey.replace('+', '+');
    expect(verifyBundle(bundle, other).ok).toBe(false);
    await http().get(`/api/v1/log/bundles/community/${C}`).expect(401);
    await http().get(`/api/v1/log/bundles/unknown-kind/${C}`).set('Authorization', `Bearer ${auditor}`).expect(400);
    await http().get('/api/v1/log/bundles/meeting/m-none').set('Authorization', `Bearer ${auditor}`).expect(404);
  });

  it('civic-ledger verify-bundle FILE --key VKEY: exit 0 for the bundle, 1 for a changed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-bundle-'));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, bundle);
    writeFileSync(bad, bundle.toString('utf8').replace(/("adults":\{"salt":"[0-9a-f]{64}","value":)100\}/, '$1101}'));
    const run = async (args: string[]) => {
      const output: string[] = [];
      let code = 0;
      const program = new Command('civic-ledger').exitOverride();
      register(program, { out: (t) => output.push(t), setExitCode: (c) => (code = c) });
      await program.parseAsync(['node', 'civic-ledger', 'verify-bundle', ...args]);
      return { code, output: output.join('\n') };
    };
    const ok = await run([good, '--key', logKey, '--witness', witnessVkey]);
    expect(ok).toEqual({ code: 0, output: expect.stringContaining(`OK: 3 events of community-${C}`) });
    expect(readFileSync(bad, 'utf8')).not.toBe(bundle.toString('utf8'));
    const broken = await run([bad, '--key', logKey]);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('does not hash to its hash');
  });
});
