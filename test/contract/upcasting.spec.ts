import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { InMemoryEventTypeRegistry } from '../../src/infrastructure/serialization/event-type-registry';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { anEvent } from './event-store.contract';

describe('upcasting stored events (PGlite in memory)', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createStorage({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await storage.sql.close();
  });

  const v1 = { ...anEvent('ParticipantNotified'), schemaVersion: 1, data: { personRef: 'p-1', channel: 'sms' } };
  const splitChannel = (data: Record<string, unknown>) => {
    const { channel, ...rest } = data;
    return { ...rest, channels: [channel], notifiedVia: 'legacy-v1' };
  };

  it('reads a stored v1 event back as v2 through the registered upcaster, leaving the stored event untouched', async () => {
    await storage.eventStore.appendToStream('upcast-1', [v1], { expectedRevision: 'no_stream' });
    const registry = new InMemoryEventTypeRegistry().register('ParticipantNotified', { currentVersion: 2, upcasters: { 1: splitChannel } });

    const [stored] = await storage.eventStore.readStream('upcast-1');
    expect(stored?.schemaVersion).toBe(1);
    const upcast = registry.upcast(stored!);
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ personRef: 'p-1', channels: ['sms'], notifiedVia: 'legacy-v1' });
    expect(upcast.eventId).toBe(v1.eventId);

    // Upcasting is a read-time view: the stored v1 still hashes to its recorded hash.
    const [again] = await storage.eventStore.readStream('upcast-1');
    expect(again?.data).toEqual(v1.data);
    expect((await verifyHasher(storage.sql)).hash(again!)).toBe(again!.hash);
  });

  it('chains upcasters v1 -> v2 -> v3 and passes current-version events through', async () => {
    await storage.eventStore.appendToStream('upcast-2', [{ ...v1, eventId: anEvent().eventId }], { expectedRevision: 'no_stream' });
    const registry = new InMemoryEventTypeRegistry().register('ParticipantNotified', {
      currentVersion: 3,
      upcasters: { 1: splitChannel, 2: (data) => ({ ...data, channels: (data.channels as string[]).map((c) => c.toUpperCase()) }) },
    });
    const [stored] = await storage.eventStore.readStream('upcast-2');
    expect(registry.upcast(stored!)).toMatchObject({ schemaVersion: 3, data: { channels: ['SMS'] } });
    const current = { ...stored!, schemaVersion: 3, data: { personRef: 'p-2', channels: ['wechat'] } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('refuses to guess when an upcaster is missing', async () => {
    const [stored] = await storage.eventStore.readStream('upcast-1');
    const registry = new InMemoryEventTypeRegistry().register('ParticipantNotified', { currentVersion: 2 });
    expect(() => registry.upcast(stored!)).toThrow(/no upcaster for ParticipantNotified v1 -> v2/);
  });
});
