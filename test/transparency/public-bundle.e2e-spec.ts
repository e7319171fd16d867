import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import request from 'supertest';
import canonicalize from 'canonicalize';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GENESIS_HASH } from '../../src/domain/shared';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { register } from '../../src/infrastructure/cli/commands/verify-bundle.command';
import { SqlEventStore } from '../../src/infrastructure/event-store/sql/sql-event-store';
import type { Storage } from '../../src/infrastructure/storage/create-storage';
import { showsInPublicAsIs } from '../../src/infrastructure/http/public-redaction';
import { verifyBundle } from '../../src/transparency/proof-bundle';
import type { FieldOpening } from '../../src/transparency/field-commitments';
import { createTestApp } from '../support/test-aggregate/test-app';
import { anEvent } from '../contract/event-store.contract';
import { C, CORRELATION_NAME, fetchBundle as fetchPublicMeetingBundle, M, NAME_IN_TEXT, PERSON, PHONE, recordPublicMeeting } from './support/public-meeting';

type Opening = Record<string, unknown>;
type Entry = { leafIndex: string; proof: string[]; event: { type: string; hashScheme?: string; content?: string; data: Record<string, Opening>; metadata: Record<string, Opening> } };
type Bundle = { format: string; record: Record<string, unknown>; checkpoint: string; witnesses: unknown[]; entries: Entry[] };
const reserialize = (bundle: Bundle): Buffer => Buffer.from(`${canonicalize(bundle)}\n`, 'utf8');
const flipHex = (hex: string): string => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

describe('public proof bundles: the public fields disclosed, the rest withheld as salted digests (docs/architecture.md "The event envelope")', () => {
  let app: NestFastifyApplication;
  let storage: Storage;
  let logKey: string;
  let bytes: Buffer;
  let text: string;
  let bundle: Bundle;
  const http = () => request(app.getHttpServer());
  const fetchBundle = (path: string, token?: string) => fetchPublicMeetingBundle(app, path, token);

  beforeAll(async () => {
    const created = await createTestApp();
    app = created.app;
    storage = created.storage;
    ({ logKey, bytes } = await recordPublicMeeting(app, created.tokens));
    text = bytes.toString('utf8');
    bundle = JSON.parse(text) as Bundle;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is served without a token and verifies offline: every hash, link and inclusion proof, with the withheld fields as digests', () => {
    const verdict = verifyBundle(bytes, logKey);
    expect(verdict).toMatchObject({ ok: true, stream: `meeting-${M}`, record: { kind: 'meeting', id: M, view: 'public' }, events: 4, opaqueEvents: 0 });
    expect(verdict.ok && verdict.withheldFields).toBeGreaterThanOrEqual(4 * 4);
  });

  it('discloses exactly the fields the public redaction shows as they are, and withholds every other one', () => {
    const expectedWithheld: string[] = [];
    const withheld: string[] = [];
    for (const { event } of bundle.entries) {
      expect(event.hashScheme).toBe('sd-1');
      for (const section of ['data', 'metadata'] as const) {
        for (const [name, opening] of Object.entries(event[section]) as [string, FieldOpening][]) {
          if ('digest' in opening) withheld.push(`${event.type}.${section}.${name}`);
          else expect(showsInPublicAsIs(name, opening.value)).toBe(true);
        }
      }
    }
    for (const { event } of bundle.entries) expectedWithheld.push(...['actor', 'commandId', 'correlationId', 'causationId'].map((k) => `${event.type}.metadata.${k}`));
    expectedWithheld.push('MeetingConvened.data.urgencyReason', 'AttendanceRecorded.data.attendeeRefs', 'AttendanceRecorded.data.observerRefs');
    expect(withheld.sort()).toEqual(expectedWithheld.sort());
    // What a resident reads on the public page is what the bundle proves.
    const votes = bundle.entries.find((e) => e.event.type === 'VoteRecorded')!.event;
    expect(votes.data).toMatchObject({ itemId: { value: 'canal' }, yes: { value: 2 }, no: { value: 0 }, abstain: { value: 0 } });
    expect(bundle.entries[0]!.event.metadata).toMatchObject({ occurredAt: { value: '2026-02-01T01:00:00.000Z' }, actorRoles: { value: [`villagers_committee@community:${C}`] } });
  });

  it('a withheld value (phone number, name, person reference) appears nowhere in the public bundle', () => {
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME_IN_TEXT);
    expect(text).not.toContain(CORRELATION_NAME);
    expect(text).not.toContain(PERSON);
    expect(text).not.toContain('clerk-');
  });

  it('civic-ledger verify-bundle checks it and says what it withholds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-public-bundle-'));
    const file = join(dir, 'public.json');
    writeFileSync(file, bytes);
    const output: string[] = [];
    let code = -1;
    const program = new Command('civic-ledger').exitOverride();
    register(program, { out: (t) => output.push(t), setExitCode: (c) => (code = c) });
    await program.parseAsync(['node', 'civic-ledger', 'verify-bundle', file, '--key', logKey]);
    expect(code).toBe(0);
    expect(output.join('\n')).toMatch(new RegExp(`^OK: 4 events of meeting-${M} \\(public bundle: \\d+ fields withheld as salted digests, 0 events shown by hash only\\)`));
  });

  it('fails when any single byte is changed', () => {
    const survivors: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      if (verifyBundle(changed, logKey).ok) survivors.push(i);
    }
    expect(survivors).toEqual([]);
  });

  it('fails, re-serialised canonically, when a revealed value, a digest, a salt, a proof node or the checkpoint is changed', () => {
    const variant = (edit: (b: Bundle) => void): string => {
      const copy = JSON.parse(text) as Bundle;
      edit(copy);
      const verdict = verifyBundle(reserialize(copy), logKey);
      return verdict.ok ? 'verified' : verdict.reason;
    };
    const votes = (b: Bundle) => b.entries.find((e) => e.event.type === 'VoteRecorded')!.event;
    const opening = (b: Bundle, section: 'data' | 'metadata', name: string) => votes(b)[section][name]!;
    expect(variant(() => undefined)).toBe('verified');
    expect(variant((b) => (opening(b, 'data', 'yes')['value'] = 1))).toMatch(/does not hash to its hash/);
    expect(variant((b) => (opening(b, 'data', 'yes')['salt'] = flipHex(opening(b, 'data', 'yes')['salt'] as string)))).toMatch(/does not hash to its hash/);
    expect(variant((b) => (opening(b, 'metadata', 'actor')['digest'] = flipHex(opening(b, 'metadata', 'actor')['digest'] as string)))).toMatch(/does not hash to its hash/);
    // A withheld field cannot be dropped, nor a field added.
    expect(variant((b) => delete votes(b).metadata['actor'])).toMatch(/does not hash to its hash/);
    expect(variant((b) => (votes(b).data['extra'] = { salt: '0'.repeat(64), value: 1 }))).toMatch(/does not hash to its hash/);
    // Disclosing a made-up value for a withheld field: its digest does not come out.
    expect(variant((b) => (votes(b).metadata['actor'] = { salt: '0'.repeat(64), value: 'someone-else' }))).toMatch(/does not hash to its hash/);
    expect(variant((b) => (b.entries[3]!.proof[0] = Buffer.alloc(32, 7).toString('base64')))).toMatch(/not in the signed tree/);
    expect(variant((b) => (b.checkpoint = b.checkpoint.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`)))).toMatch(/not in the signed tree|checkpoint/);
    expect(variant((b) => (b.record = { ...b.record, view: 'full' }))).toMatch(/a full bundle withholds no field/);
  });

  it('the full bundle for auditing bodies discloses every field and verifies too; the public route is only for public records', async () => {
    const auditor = await app.get(TokenService).sign('auditor-1', ['auditor']);
    const full = await fetchBundle(`/log/bundles/meeting/${M}`, auditor);
    expect(full.status).toBe(200);
    expect(verifyBundle(full.body as Buffer, logKey)).toMatchObject({ ok: true, events: 4, withheldFields: 0, record: { view: 'full' } });
    expect((full.body as Buffer).toString('utf8')).toContain(PERSON);
    await http().get(`/api/v1/log/bundles/community/${C}/public`).expect(400);
    await http().get('/api/v1/log/bundles/meeting/m-none/public').expect(404);
  });

  it('events stored before field commitments stay verifiable: opaque in a public bundle, whole in a full one', async () => {
    const stream = 'meeting-m-mixed';
    const legacy = new SqlEventStore(storage.sql, { hashScheme: 'legacy' });
    await legacy.appendToStream(stream, [anEvent('LegacyNoted'), anEvent('LegacyNoted')], { expectedRevision: 'no_stream' });
    await storage.eventStore.appendToStream(stream, [anEvent('CommittedNoted')], { expectedRevision: 1n });
    const stored = await storage.eventStore.readStream(stream);
    expect(stored.map((e) => e.metadata.hashScheme)).toEqual([undefined, undefined, 'sd-1']);
    expect(stored[0]!.prevHash).toBe(GENESIS_HASH);
    const admin = await app.get(TokenService).sign('log-admin-1', ['log_administrator']);
    await http().post('/api/v1/log/checkpoints').set('Authorization', `Bearer ${admin}`).send({}).expect(201);
    const pub = await fetchBundle('/log/bundles/meeting/m-mixed/public');
    expect(verifyBundle(pub.body as Buffer, logKey)).toMatchObject({ ok: true, events: 3, opaqueEvents: 2 });
    const entries = (JSON.parse((pub.body as Buffer).toString('utf8')) as Bundle).entries;
    expect(entries.map((e) => Object.keys(e.event).includes('content'))).toEqual([true, true, false]);
    const auditor = await app.get(TokenService).sign('auditor-1', ['auditor']);
    const full = await fetchBundle('/log/bundles/meeting/m-mixed', auditor);
    expect(verifyBundle(full.body as Buffer, logKey)).toMatchObject({ ok: true, events: 3, opaqueEvents: 0, withheldFields: 0 });

    // A v1 bundle (before field commitments: whole envelopes, no view) still verifies; a v1 bundle cannot carry sd-1 events.
    const v1 = JSON.parse((full.body as Buffer).toString('utf8')) as Bundle;
    v1.format = 'civic-ledger/proof-bundle/v1';
    delete v1.record['view'];
    expect(verifyBundle(reserialize({ ...v1, entries: v1.entries.slice(0, 2) }), logKey)).toMatchObject({ ok: true, events: 2 });
    expect(verifyBundle(reserialize(v1), logKey)).toEqual({ ok: false, reason: 'malformed event' });
  });
});
