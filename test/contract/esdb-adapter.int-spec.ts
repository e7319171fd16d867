import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import { GENESIS_HASH, type RecordedEvent } from '../../src/domain/shared';
import { envelopeHasher, linkedEvent, linkEvents, type EnvelopeHasher } from '../../src/infrastructure/event-store/event-hash';
import { verifyHasher } from '../../src/infrastructure/event-store/sql/server-secrets';
import { EsdbCommandLedger } from '../../src/infrastructure/event-store/esdb/esdb-command-ledger';
import { toEsdbEvent, type EsdbAppendIntent } from '../../src/infrastructure/event-store/esdb/esdb-envelope';
import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import { createPostgresSqlClient } from '../../src/infrastructure/event-store/sql/postgres-sql-client';
import type { SqlClient } from '../../src/infrastructure/event-store/sql/sql-client';
import { EsdbEmulator } from '../support/esdb-emulator/esdb-emulator';
import { isStoreUnavailable } from '../../src/infrastructure/http/store-unavailable';
import { verifyLogChains } from '../../src/infrastructure/event-store/verify-log';
import { createTestDatabase, describePostgres } from '../support/postgres';
import { anEvent } from './event-store.contract';

/** What only the EventStoreDB adapter has to prove: $all mapping, dropped subscriptions, intents left by a crash. */
describePostgres('EventStoreDB adapter over the emulator', () => {
  let emulator: EsdbEmulator;
  let database: { url: string; drop: () => Promise<void> };
  let sql: SqlClient;
  let store: EsdbEventStore;
  let raw: EventStoreDBClient;
  let ledger: EsdbCommandLedger;
  let hasher: EnvelopeHasher;
  let n = 0;
  const stream = () => `adapter-${Date.now().toString(36)}-${n++}`;

  beforeAll(async () => {
    emulator = await EsdbEmulator.start({ systemEventEvery: 1 });
    database = await createTestDatabase('cl_esdb_adapter');
    sql = createPostgresSqlClient(database.url, { maxConnections: 4 });
    store = EsdbEventStore.connect(emulator.connectionString, sql);
    await store.migrate();
    await store.appendToStream(stream(), [anEvent()], { expectedRevision: 'no_stream' });
    const stored = await verifyHasher(sql);
    hasher = envelopeHasher(stored.secret);
    ledger = new EsdbCommandLedger(createPostgresSqlClient(database.url, { maxConnections: 2 }));
    raw = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterAll(async () => {
    await raw?.dispose();
    await store?.close();
    await database?.drop();
    await emulator?.stop();
  });

  /** The write a process would have reserved for these events on top of `head`. */
  const intentFor = (name: string, events = [anEvent(), anEvent()]): EsdbAppendIntent => ({
    stream: name,
    expectedRevision: -1n,
    events: linkEvents(hasher, name, { revision: -1n, hash: GENESIS_HASH }, events, linkedEvent),
  });

  it('readAll leaves out EventStoreDB’s own events and uses each event’s $all commit position', async () => {
    const after = await store.headPosition();
    const name = stream();
    const result = await store.appendToStream(name, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    await store.appendToStream(name, [anEvent()], { expectedRevision: 1n });
    const logged = emulator.log.all.filter((r) => r.position > after);
    expect(logged.some((r) => r.type === '$statsCollected')).toBe(true);
    const read = await store.readAll({ after });
    expect(read.map((e) => e.globalPosition)).toEqual(logged.filter((r) => !r.stream.startsWith('$')).map((r) => r.position));
    expect(result.positions).toEqual(read.slice(0, 2).map((e) => e.globalPosition));
    expect(await store.headPosition()).toBe(read[2]!.globalPosition);
    expect(emulator.log.all[emulator.log.all.length - 1]!.stream.startsWith('$')).toBe(true);
  });

  it('a subscription the server drops (node restart, new leader) resumes after its last event: nothing skipped, nothing twice', async () => {
    const name = stream();
    const after = await store.headPosition();
    const subscription = store.subscribeToAll({ after, filter: { streamPrefix: name } });
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      const first = await store.appendToStream(name, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const got: RecordedEvent[] = [(await iterator.next()).value, (await iterator.next()).value];
      emulator.dropSubscriptions();
      const second = await store.appendToStream(name, [anEvent()], { expectedRevision: 1n });
      got.push((await iterator.next()).value);
      expect(got.map((e) => e.eventId)).toEqual([...first.eventIds, ...second.eventIds]);
    } finally {
      await subscription.close();
    }
  });

  it('a process that died after reserving a command and before appending: the retry lands the reserved events once', async () => {
    const name = stream();
    const intent = intentFor(name);
    expect(await ledger.reserve('cmd-died-before', intent, 'fp')).not.toBeNull();
    const retry = await store.appendToStream(name, [anEvent()], { expectedRevision: 'any', commandId: 'cmd-died-before', commandFingerprint: 'fp' });
    expect(retry).toMatchObject({ duplicate: true, commandFingerprint: 'fp', nextExpectedRevision: 1n });
    expect(retry.eventIds).toEqual(intent.events.map((e) => e.eventId));
    expect((await store.readStream(name)).map((e) => e.eventId)).toEqual(intent.events.map((e) => e.eventId));
  });

  it('a process that died after EventStoreDB stored the events and before the ledger knew: the retry appends nothing', async () => {
    const name = stream();
    const intent = intentFor(name);
    await ledger.reserve('cmd-died-after', intent, undefined);
    await raw.appendToStream(name, intent.events.map(toEsdbEvent), { expectedRevision: NO_STREAM });
    const retry = await store.appendToStream(name, [anEvent()], { expectedRevision: 'no_stream', commandId: 'cmd-died-after' });
    const stored = await store.readStream(name);
    expect(retry).toMatchObject({ duplicate: true, nextExpectedRevision: 1n, positions: stored.map((e) => e.globalPosition) });
    expect(stored).toHaveLength(2);
  });

  it('a reserved write whose revision went to other events is dead: released, and the retry appends its own events', async () => {
    const name = stream();
    await ledger.reserve('cmd-overtaken', intentFor(name), undefined);
    await store.appendToStream(name, [anEvent()], { expectedRevision: 'no_stream' });
    const own = anEvent();
    const retry = await store.appendToStream(name, [own], { expectedRevision: 'any', commandId: 'cmd-overtaken' });
    expect(retry).toMatchObject({ duplicate: false, nextExpectedRevision: 1n, eventIds: [own.eventId] });
    expect(await store.readStream(name)).toHaveLength(2);
    expect(await store.findCommand('cmd-overtaken')).toMatchObject({ duplicate: true, eventIds: [own.eventId] });
  });

  it('an answer lost after EventStoreDB committed (the node died): the caller sees the store unavailable, and the retried command appends nothing', async () => {
    const name = stream();
    emulator.loseTheNextAppendAnswer();
    const first = [anEvent()];
    const error = await store.appendToStream(name, first, { expectedRevision: 'no_stream', commandId: 'cmd-lost-answer' }).catch((e: unknown) => e);
    expect(isStoreUnavailable(error)).toBe(true);
    // The pipeline decides again after a failure: new event ids, same command id.
    const retry = await store.appendToStream(name, [anEvent()], { expectedRevision: 'no_stream', commandId: 'cmd-lost-answer' });
    expect(retry).toMatchObject({ duplicate: true, eventIds: [first[0]!.eventId] });
    expect((await store.readStream(name)).map((e) => e.eventId)).toEqual([first[0]!.eventId]);
  });

  it('a leader failover: a follower answers NotLeader with the leader, the client reconnects there, the retry appends once', async () => {
    const follower = await EsdbEmulator.start({ log: emulator.log });
    follower.followLeaderOn(emulator.port);
    const viaFollower = EsdbEventStore.connect(follower.connectionString, createPostgresSqlClient(database.url, { maxConnections: 2 }));
    try {
      const name = stream();
      const first = anEvent();
      const error = await viaFollower.appendToStream(name, [first], { expectedRevision: 'no_stream', commandId: 'cmd-failover' }).catch((e: unknown) => e);
      expect((error as { type?: string }).type).toBe('not-leader');
      expect(isStoreUnavailable(error)).toBe(true);
      // The retry goes to the leader and lands the reserved intent of the first attempt, once.
      const retry = await viaFollower.appendToStream(name, [anEvent()], { expectedRevision: 'no_stream', commandId: 'cmd-failover' });
      expect(retry).toMatchObject({ duplicate: true, eventIds: [first.eventId] });
      expect((await store.readStream(name)).map((e) => e.eventId)).toEqual([first.eventId]);
    } finally {
      await viaFollower.close();
      await follower.stop();
    }
  });

  it('civic-ledger verify in EventStoreDB mode walks $all: intact chains pass, an edited event is found', async () => {
    const name = stream();
    await store.appendToStream(name, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    const ours = () => emulator.log.all.filter((r) => !r.stream.startsWith('$')).length;
    for (const pageSize of [1, 1000]) expect(await verifyLogChains(store, await verifyHasher(sql), { pageSize })).toMatchObject({ events: ours(), breaks: [] });
    // Someone with write access appends an event whose content no longer matches its hash.
    const forged = intentFor(`${name}-forged`, [anEvent()]);
    const edited = { ...forged.events[0]!, data: { ...forged.events[0]!.data, note: 'rewritten' } };
    await raw.appendToStream(forged.stream, [toEsdbEvent(edited)], { expectedRevision: NO_STREAM });
    const report = await verifyLogChains(store, await verifyHasher(sql));
    expect(report.breaks).toEqual([expect.objectContaining({ stream: forged.stream, revision: 0n, kind: 'hash_mismatch' })]);
  });
});
