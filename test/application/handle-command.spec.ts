import { handleCommand, CommandIdReusedError, type CommandPipelineDeps } from '../../src/application/command-handling/handle-command';
import { TestIllegalState } from '../support/test-errors';
import { type Command, type Decider, type Event } from '../../src/domain/shared';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import { InMemoryEventTypeRegistry } from '../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../src/infrastructure/serialization/uuid-v7-id-generator';

/** A tiny aggregate with all three answers a repeated command can meet: append again, no-op, refusal. */
type Counted = Event<'Counted', { by: number }>;
type FlagRaised = Event<'FlagRaised', Record<string, never>>;
type Closed = Event<'Closed', Record<string, never>>;
type E = Counted | FlagRaised | Closed;
type C = Command<'Count', { by: number }> | Command<'RaiseFlag', Record<string, never>> | Command<'Close', Record<string, never>>;
type S = { count: number; flag: boolean; closed: boolean };

const decider: Decider<S, C, E> = {
  initialState: () => ({ count: 0, flag: false, closed: false }),
  evolve: (s, e) => (e.type === 'Counted' ? { ...s, count: s.count + e.data.by } : e.type === 'FlagRaised' ? { ...s, flag: true } : { ...s, closed: true }),
  decide: (c, s) => {
    if (c.type === 'Count') return [{ type: 'Counted', data: { by: c.data.by } }];
    if (c.type === 'RaiseFlag') return s.flag ? [] : [{ type: 'FlagRaised', data: {} }];
    if (s.closed) throw new TestIllegalState('TEST.CLOSED', 'already closed');
    return [{ type: 'Closed', data: {} }];
  },
};

const metadata = { now: new Date('2026-03-01T00:00:00Z'), occurredAt: new Date('2026-03-01T00:00:00Z'), actorId: 'a', actorRoles: [] };
const cmd = (type: C['type'], data: Record<string, unknown> = {}): C => ({ type, data, metadata }) as unknown as C;
const ctx = (commandId: string, fingerprint = 'f-1') => ({ commandId, correlationId: 'c', causationId: 'c', fingerprint });

let storage: Storage;
let deps: CommandPipelineDeps;
beforeAll(async () => {
  storage = await createStorage({ dataDir: 'memory://' });
  deps = { eventStore: storage.eventStore, registry: new InMemoryEventTypeRegistry().registerSchema({ Counted: 1, FlagRaised: 1, Closed: 1 }), clock: { now: () => metadata.now }, ids: uuidV7IdGenerator };
}, 60_000);
afterAll(async () => {
  await storage?.sql.close();
});

describe('handleCommand: a repeated command id returns the first result and appends nothing', () => {
  it('when deciding again would append again (the store refuses the second append)', async () => {
    const first = await handleCommand(deps, decider, 's-count', cmd('Count', { by: 2 }), ctx('count-1'));
    const again = await handleCommand(deps, decider, 's-count', cmd('Count', { by: 2 }), ctx('count-1'));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await storage.eventStore.readStream('s-count')).toHaveLength(1);
  });

  it('when deciding again is a no-op', async () => {
    const first = await handleCommand(deps, decider, 's-flag', cmd('RaiseFlag'), ctx('flag-1'));
    await handleCommand(deps, decider, 's-flag', cmd('Count', { by: 1 }), ctx('flag-2'));
    const again = await handleCommand(deps, decider, 's-flag', cmd('RaiseFlag'), ctx('flag-1'));
    expect(again).toEqual({ ...first, duplicate: true });
    // A new command id on the same no-op is not a duplicate: it reports the stream as it is.
    const other = await handleCommand(deps, decider, 's-flag', cmd('RaiseFlag'), ctx('flag-3'));
    expect(other).toEqual({ stream: 's-flag', revision: 1n, positions: [], eventIds: [], duplicate: false });
  });

  it('when deciding again is refused', async () => {
    const first = await handleCommand(deps, decider, 's-close', cmd('Close'), ctx('close-1'));
    await expect(handleCommand(deps, decider, 's-close', cmd('Close'), ctx('close-2'))).rejects.toBeInstanceOf(TestIllegalState);
    expect(await handleCommand(deps, decider, 's-close', cmd('Close'), ctx('close-1'))).toEqual({ ...first, duplicate: true });
  });

  it('refuses the id reused with another fingerprint, whichever path finds it', async () => {
    await handleCommand(deps, decider, 's-reuse', cmd('RaiseFlag'), ctx('reuse-1', 'f-1'));
    await expect(handleCommand(deps, decider, 's-reuse', cmd('RaiseFlag'), ctx('reuse-1', 'f-2'))).rejects.toBeInstanceOf(CommandIdReusedError);
    await expect(handleCommand(deps, decider, 's-reuse-2', cmd('Count', { by: 1 }), ctx('reuse-1', 'f-2'))).rejects.toBeInstanceOf(CommandIdReusedError);
    expect(await storage.eventStore.readStream('s-reuse-2')).toHaveLength(0);
  });
});

describe('handleCommand with assumeNewStream (a command that usually creates its stream)', () => {
  const assumeNew = (commandId: string) => ({ ...ctx(commandId), assumeNewStream: true });

  it('appends to a new stream without reading it first', async () => {
    const reads: string[] = [];
    const spy = { ...deps, eventStore: new Proxy(storage.eventStore, { get: (t, p, r) => (p === 'readStream' ? (s: string) => (reads.push(s), t.readStream(s)) : Reflect.get(t, p, r)) }) };
    const result = await handleCommand(spy, decider, 's-new-1', cmd('Close'), assumeNew('new-1'));
    expect(result).toMatchObject({ revision: 0n, duplicate: false });
    expect(reads).toEqual([]);
  });

  it('decides on the stream as it is when it exists after all (even with no retries allowed)', async () => {
    await handleCommand(deps, decider, 's-new-2', cmd('Close'), ctx('new-2a'));
    const noRetries = { ...deps, maxRetries: 0 };
    await expect(handleCommand(noRetries, decider, 's-new-2', cmd('Close'), assumeNew('new-2b'))).rejects.toThrow(TestIllegalState);
    const counted = await handleCommand(noRetries, decider, 's-new-2', cmd('Count', { by: 1 }), assumeNew('new-2c'));
    expect(counted).toMatchObject({ revision: 1n, duplicate: false });
    expect(await storage.eventStore.readStream('s-new-2')).toHaveLength(2);
  });

  it('answers a repeated command id with the first result', async () => {
    const first = await handleCommand(deps, decider, 's-new-3', cmd('Close'), assumeNew('new-3'));
    const again = await handleCommand(deps, decider, 's-new-3', cmd('Close'), assumeNew('new-3'));
    expect(again).toEqual({ ...first, duplicate: true });
    await expect(handleCommand(deps, decider, 's-new-3', cmd('Close'), { ...assumeNew('new-3'), fingerprint: 'other' })).rejects.toThrow(CommandIdReusedError);
  });
});
