import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../src/domain/shared';
import canonicalize from 'canonicalize';
import { verifyChains } from '../../src/infrastructure/event-store/verify-chain';
import { envelopeHasher, NO_COMMITMENT_SECRET, nodeSha256 } from '../../src/infrastructure/event-store/event-hash';
import { SqlEventStore, toRecordedEvent } from '../../src/infrastructure/event-store/sql/sql-event-store';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { canonicalEnvelope, envelopeHash } from '../../src/transparency/event-leaf';
import { committedEnvelope, digestsOfOpenings, nobleSha256, openFields } from '../../src/transparency/field-commitments';
import { anEvent } from '../contract/event-store.contract';

type Row = Parameters<typeof toRecordedEvent>[0];

describe('field commitments (hash scheme sd-1) beside whole-envelope hashes (PGlite)', () => {
  let storage: Storage;
  const PHONE = '13800138000';
  beforeAll(async () => {
    storage = await createStorage({ dataDir: 'memory://' });
    const legacy = new SqlEventStore(storage.sql, { hashScheme: 'legacy' });
    // One stream begun before the scheme and continued after it, one stream under it only.
    await legacy.appendToStream('mixed-1', [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    await storage.eventStore.appendToStream('mixed-1', [anEvent(), { ...anEvent(), data: { phone: PHONE, note: 'x' } }], { expectedRevision: 1n });
    await storage.eventStore.appendToStream('new-1', [anEvent()], { expectedRevision: 'no_stream' });
  });
  afterAll(async () => {
    await storage.sql.close();
  });

  const stored = async () => (await storage.sql.query<Row>('SELECT * FROM cl_events ORDER BY global_position')).rows.map(toRecordedEvent);

  it('old events keep their whole-envelope hash, new ones carry the marker, and every chain verifies', async () => {
    const events = await stored();
    expect(events.map((e) => e.metadata.hashScheme ?? 'legacy')).toEqual(['legacy', 'legacy', 'sd-1', 'sd-1', 'sd-1']);
    for (const e of events.slice(0, 2)) expect(envelopeHash(e)).toBe(e.hash);
    // A new event's hash is not the whole-envelope hash: its canonical envelope holds digests, not values.
    const phoneEvent = events[3]!;
    expect(envelopeHash(phoneEvent)).not.toBe(phoneEvent.hash);
    expect((await verifyChains(storage.sql)).breaks).toEqual([]);
  });

  it('the browser (@noble/hashes) recomputes the service hash (node:crypto) from the openings, and a digest does not give the value away', async () => {
    const hasher = await verifyHasher(storage.sql);
    const event = (await stored())[3]!;
    for (const primitives of [nodeSha256, nobleSha256]) {
      const openings = openFields(primitives, hasher.secret!, event, (section, name) => section === 'data' && name === 'phone');
      const digests = digestsOfOpenings(nobleSha256, openings);
      if (typeof digests === 'string') throw new Error(digests);
      const canonical = committedEnvelope(event, digests);
      expect(nobleSha256.sha256Hex(canonical)).toBe(event.hash);
      expect(canonical).not.toContain(PHONE);
      // Guessing the phone number without the salt: no digest equals the plain hash of the value.
      const guesses = [PHONE, canonicalize(PHONE)!, canonicalize(['', 'data.phone', PHONE])!, canonicalize(['data.phone', PHONE])!].map((g) => createHash('sha256').update(g).digest('hex'));
      expect(guesses).not.toContain(digests.data['phone']);
    }
    expect(canonicalEnvelope(event)).toContain(PHONE);
  });

  it('editing a value, dropping or adding the marker, or losing the commitment secret breaks the chain where it happens', async () => {
    await storage.sql.exec('BEGIN');
    try {
      await storage.sql.query(`UPDATE cl_events SET data = jsonb_set(data, '{phone}', '"13800138001"') WHERE stream_id = 'mixed-1' AND stream_revision = 3`);
      await storage.sql.query(`UPDATE cl_events SET metadata = metadata - 'hashScheme' WHERE stream_id = 'new-1' AND stream_revision = 0`);
      await storage.sql.query(`UPDATE cl_events SET metadata = metadata || '{"hashScheme":"sd-1"}' WHERE stream_id = 'mixed-1' AND stream_revision = 0`);
      const { breaks } = await verifyChains(storage.sql);
      expect(breaks.map((b) => [b.stream, b.revision, b.kind])).toEqual([
        ['mixed-1', 0n, 'hash_mismatch'],
        ['new-1', 0n, 'hash_mismatch'],
      ]);
      await storage.sql.query(`UPDATE cl_events SET metadata = metadata - 'hashScheme' WHERE stream_id = 'mixed-1' AND stream_revision = 0`);
      expect((await verifyChains(storage.sql)).breaks.map((b) => [b.stream, b.revision])).toEqual([['mixed-1', 3n], ['new-1', 0n]]);
      await storage.sql.query(`DELETE FROM cl_server_secrets`);
      const lost = await verifyChains(storage.sql);
      expect(lost.breaks.map((b) => [b.stream, b.revision, b.expected])).toEqual([['mixed-1', 2n, NO_COMMITMENT_SECRET], ['new-1', 0n, expect.any(String)]]);
    } finally {
      await storage.sql.exec('ROLLBACK');
    }
    expect((await verifyChains(storage.sql)).breaks).toEqual([]);
  });
});

describe('the canonical sd-1 envelope', () => {
  it('an sd-1 event hashes as it did when the scheme came (stored events keep verifying)', () => {
    // Computed with main at 6ccd32c, before the append path was made cheaper.
    const secret = new Uint8Array(Array.from({ length: 32 }, (_, i) => i));
    const hasher = envelopeHasher(secret, 'sd-1');
    const metadata = hasher.mark({
      actor: 'a-1',
      actorRoles: ['r@c:1'],
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-03-01T09:00:00+08:00',
      recordedAt: '2026-03-01T01:00:00.000Z',
    } as RecordedEvent['metadata']);
    const data = { opinion: 'agree', weight: 1.5, tags: ['b', 'a'], nested: { z: 1, a: [null, true] }, note: 'é😀"\n', skipped: undefined };
    const fields = { eventId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', type: 'OpinionRecorded', schemaVersion: 1, stream: 'consultation-1', streamRevision: 4n, prevHash: 'a'.repeat(64) };
    expect(hasher.hash({ ...fields, data, metadata })).toBe('57c24f607b9b0f6d703cacd5fc1151fe4404bfb5396e89180cce2a5a6044c8ef');
  });

  it('is the RFC 8785 text canonicalize gives for the envelope object, whatever the field names', () => {
    const names = ['b', 'a', 'B', 'é', '\u20ac', '😀', 'a"quote', 'back\\slash', 'line\nbreak', '10', '9', 'aa', ''];
    const digests = (offset: number) => Object.fromEntries(names.map((name, i) => [name, createHash('sha256').update(`${offset}${i}`).digest('hex')]));
    const fields = { eventId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', type: 'Type"Ω', schemaVersion: 3, stream: 'stream/é-1', streamRevision: 12n, prevHash: 'f'.repeat(64) };
    const sections = { data: digests(0), metadata: digests(1) };
    expect(committedEnvelope(fields, sections)).toBe(
      canonicalize({ hashScheme: 'sd-1', ...fields, streamRevision: '12', data: sections.data, metadata: sections.metadata }),
    );
    expect(committedEnvelope({ ...fields, streamRevision: '12' }, { data: {}, metadata: {} })).toBe(
      canonicalize({ hashScheme: 'sd-1', ...fields, streamRevision: '12', data: {}, metadata: {} }),
    );
  });
});
