import { WorkListFacts } from '../../src/application/work-item-lists/work-list-facts';
import type { EventStore } from '../../src/application/ports/event-store.port';
import type { RecordedEvent } from '../../src/domain/shared';
import { InMemoryEventTypeRegistry } from '../../src/infrastructure/serialization/event-type-registry';
import { WorkListEventSchema, workListSetUpcasters } from '../../src/domain/work-item-lists';

const established = (revision: bigint): RecordedEvent => ({
  eventId: `e-${revision}`, type: revision === 0n ? 'WorkListSetEstablished' : 'WorkListVersionPublished', schemaVersion: 1, stream: 'work-list-set-j', streamRevision: revision, globalPosition: revision + 1n, prevHash: '', hash: '',
  metadata: { actor: 'a', actorRoles: [], commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '', recordedAt: '' },
  data: revision === 0n
    ? { jurisdictionId: 'j', name: 'j', communityKind: 'urban', level: 'prefecture_city', coveredAreaRefs: [], levelDeviationReason: null, rule: 'WL-3', occurredAt: '' }
    : { jurisdictionId: 'j', version: Number(revision), effectiveFrom: '2026-01-01', publishedOn: '2026-01-01', source: { kind: 'import', importId: 'i', sourceDocument: 'd' }, changes: [], itemCount: 0, occurredAt: '' },
});

/** A stream the test grows; every read is counted and answered after a tick. */
const fakeStore = () => {
  const events: RecordedEvent[] = [established(0n)];
  const reads: bigint[] = [];
  const store = {
    readStream: async (_stream: string, options?: { from?: bigint }) => {
      reads.push(options?.from ?? 0n);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return events.filter((e) => e.streamRevision >= (options?.from ?? 0n));
    },
  } as unknown as EventStore;
  return { store, events, reads };
};

describe('WorkListFacts: the list set in memory, tail reads shared by concurrent admissions', () => {
  const registry = new InMemoryEventTypeRegistry().registerSchema(WorkListEventSchema, workListSetUpcasters);

  it('eight concurrent callers share at most two reads; later calls read only the tail', async () => {
    const { store, reads } = fakeStore();
    const facts = new WorkListFacts(store, registry);
    const states = await Promise.all(Array.from({ length: 8 }, () => facts.listSet('j')));
    expect(states.every((s) => s.established?.jurisdictionId === 'j')).toBe(true);
    // A stored v1 establishment in the lists' old vocabulary reads in the registry's (WorkListSetEstablished v2).
    expect(states[0]!.established?.communityKind).toBe('urban_community');
    expect(reads.length).toBeLessThanOrEqual(2);
    await facts.listSet('j');
    expect(reads[reads.length - 1]).toBe(1n);
  });

  it('a caller never misses an event committed before it asked, even while a read is in flight', async () => {
    const { store, events } = fakeStore();
    const facts = new WorkListFacts(store, registry);
    const first = facts.listSet('j');
    events.push(established(1n));
    const second = facts.listSet('j');
    expect((await first).versions.length).toBeLessThanOrEqual(1);
    expect((await second).versions).toHaveLength(1);
  });

  it('trusting the cache skips the read within the window (off by default)', async () => {
    const { store, reads } = fakeStore();
    const facts = new WorkListFacts(store, registry);
    await facts.listSet('j');
    await facts.listSet('j');
    expect(reads).toHaveLength(2);
    facts.trustCacheFor(60_000);
    await facts.listSet('j');
    expect(reads).toHaveLength(2);
  });
});
