import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, NO_STREAM, WrongExpectedVersionError, jsonEvent, type AppendExpectedRevision } from '@eventstore/db-client';
import { EsdbEmulator } from '../support/esdb-emulator/esdb-emulator';

/** The emulator follows EventStoreDB's documented semantics where the adapter relies on them, and refuses the rest loudly. */
describe('EventStoreDB emulator (test support)', () => {
  let emulator: EsdbEmulator;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    emulator = await EsdbEmulator.start({ systemEventEvery: 0 });
    client = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterAll(async () => {
    await client?.dispose();
    await emulator?.stop();
  });

  const event = (id = randomUUID()) => jsonEvent({ id, type: 'Tested', data: { id } });
  const revisions = async (stream: string) => {
    const out: bigint[] = [];
    for await (const resolved of client.readStream(stream)) out.push(resolved.event!.revision);
    return out;
  };
  const refusal = (promise: Promise<unknown>) => promise.then(() => 'no error', (error: Error) => error.message);

  it('binds 127.0.0.1 on an ephemeral port, insecure', () => {
    expect(emulator.connectionString).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it('an exact expected revision repeated with the same event ids is an idempotent success; other ids after it are a wrong expected version', async () => {
    const stream = `idem-${randomUUID()}`;
    const [a, b] = [event(), event()];
    expect((await client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM })).nextExpectedRevision).toBe(1n);
    expect((await client.appendToStream(stream, [a, b], { expectedRevision: NO_STREAM })).nextExpectedRevision).toBe(1n);
    expect((await client.appendToStream(stream, [b], { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
    const wrong = await client.appendToStream(stream, [a, event()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WrongExpectedVersionError);
    expect((wrong as WrongExpectedVersionError).actualVersion).toBe(1n);
    expect(await revisions(stream)).toEqual([0n, 1n]);
  });

  it.each<[string, AppendExpectedRevision, bigint | 'no_stream']>([
    ['stream_exists on a missing stream', 'stream_exists', 'no_stream'],
    ['an exact revision ahead of the stream', 5n, 'no_stream'],
  ])('%s is a wrong expected version with the actual revision', async (_label, expectedRevision, actual) => {
    const wrong = await client.appendToStream(`wev-${randomUUID()}`, [event()], { expectedRevision }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WrongExpectedVersionError);
    expect((wrong as WrongExpectedVersionError).actualVersion).toBe(actual);
  });

  it('reads $all forwards from a position inclusively and subscribes after it exclusively', async () => {
    const stream = `all-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
    const [first, second] = emulator.log.all.slice(-2).map((r) => r.position);
    const read: bigint[] = [];
    for await (const resolved of client.readAll({ fromPosition: { commit: first!, prepare: first! }, maxCount: 5 })) read.push(resolved.event!.position!.commit);
    expect(read).toEqual([first, second]);
    const subscription = client.subscribeToAll({ fromPosition: { commit: first!, prepare: first! } });
    const next = await subscription[Symbol.asyncIterator]().next();
    expect(next.value.event.position.commit).toBe(second);
    await subscription.unsubscribe();
  });

  it.each<[string, () => Promise<unknown>]>([
    ['deleting a stream', () => client.deleteStream('x')],
    ['tombstoning a stream', () => client.tombstoneStream('x')],
    ['resolving links', () => collect(client.readAll({ resolveLinkTos: true, maxCount: 1 }))],
    ['subscribing to one stream', () => collect(client.subscribeToStream('x'))],
    ['server-side filters', () => collect(client.subscribeToAll({ filter: { filterOn: 'streamName', prefixes: ['a'], checkpointInterval: 1 } }))],
    ['appending to a system stream', () => client.appendToStream('$settings', [event()])],
    ['projections', () => client.getProjectionState('x')],
  ])('refuses %s with UNIMPLEMENTED and says so', async (_label, call) => {
    expect(await refusal(call())).toMatch(/UNIMPLEMENTED.*not emulated|not emulated/i);
  });
});

const collect = async (read: AsyncIterable<unknown>): Promise<void> => {
  for await (const _ of read) break;
};
