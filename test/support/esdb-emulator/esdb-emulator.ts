import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { OperationsService } from '@eventstore/db-client/generated/operations_grpc_pb';
import { PersistentSubscriptionsService } from '@eventstore/db-client/generated/persistent_grpc_pb';
import { ProjectionsService } from '@eventstore/db-client/generated/projections_grpc_pb';
import { UsersService } from '@eventstore/db-client/generated/users_grpc_pb';
import { MonitoringService } from '@eventstore/db-client/generated/monitoring_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { EmulatedLog, type Expected, type ProposedEvent, type StoredRecord } from './emulated-log';

/** EventStoreDB's default `MaxAppendSize` (1 MiB). */
const MAX_APPEND_SIZE = 1_048_576;

export type EsdbEmulatorOptions = Readonly<{
  /**
   * EventStoreDB writes its own events into `$all` (stats every 30 s, settings, metadata). The
   * emulator writes a `$statsCollected` event to `$stats-<node>` after every N appends, so readers
   * meet system events between ours. 0 turns it off.
   */
  systemEventEvery?: number;
  /** Another node's log: this node then serves the same data (a cluster member). */
  log?: EmulatedLog;
}>;

type ServiceError = Partial<grpc.StatusObject> & { code: grpc.status; details: string };

const unimplemented = (what: string): ServiceError => ({
  code: grpc.status.UNIMPLEMENTED,
  details: `EventStoreDB emulator (test support): ${what} is not emulated`,
  metadata: new grpc.Metadata(),
});

/** A handler that refuses every call of a method, whatever its shape. */
const refuse = (definition: grpc.MethodDefinition<unknown, unknown>, what: string): grpc.UntypedHandleCall => {
  if (!definition.requestStream && !definition.responseStream) {
    return (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(unimplemented(what));
  }
  if (definition.requestStream && !definition.responseStream) {
    return (call: grpc.ServerReadableStream<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      call.on('data', () => undefined);
      callback(unimplemented(what));
    };
  }
  return (call: grpc.ServerWritableStream<unknown, unknown>) => call.emit('error', unimplemented(what));
};

const refuseAll = (service: grpc.ServiceDefinition): grpc.UntypedServiceImplementation =>
  Object.fromEntries(Object.entries(service).map(([name, definition]) => [name, refuse(definition, `${definition.path}`)]));

const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifier = (name: string): StreamIdentifier => new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

const uuidOf = (id: UUID | undefined): string | undefined => (id?.hasString() === true ? id.getString().toLowerCase() : undefined);

const toReadEvent = (record: StoredRecord, fromAll: boolean): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(identifier(record.stream))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setCustomMetadata(record.metadata)
    .setData(record.data);
  recorded.getMetadataMap().set('type', record.type).set('content-type', record.contentType).set('created', record.created.toString());
  const event = new ReadResp.ReadEvent().setEvent(recorded);
  if (fromAll) event.setCommitPosition(record.position.toString());
  else event.setNoPosition(new Empty());
  return new ReadResp().setEvent(event);
};

/**
 * An in-process gRPC server speaking the part of EventStoreDB's client protocol the adapter uses:
 * Streams.Append, Streams.Read (a stream, `$all`, and `$all` subscriptions), ServerFeatures. It is
 * test support, not product. Everything else answers UNIMPLEMENTED with a message naming it.
 */
export class EsdbEmulator {
  readonly log: EmulatedLog;
  private appends = 0;
  /** When set, this node is a follower: appends and leader-only reads answer NotLeader with this leader port. */
  private leaderPort: number | undefined;
  private loseNextAppendAnswer = false;
  private readonly subscriptions = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
    private readonly options: EsdbEmulatorOptions,
  ) {
    this.log = options.log ?? new EmulatedLog();
  }

  /** Binds 127.0.0.1 on an ephemeral port, insecure. */
  static async start(options: EsdbEmulatorOptions = {}): Promise<EsdbEmulator> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const emulator = new EsdbEmulator(server, port, options);
    emulator.register();
    return emulator;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Makes this node a follower of the node on `port` (a leader election moved the leadership there). */
  followLeaderOn(port: number | undefined): void {
    this.leaderPort = port;
  }

  /** The next append commits, then its answer is lost (UNAVAILABLE): the node died before replying. */
  loseTheNextAppendAnswer(): void {
    this.loseNextAppendAnswer = true;
  }

  /** Ends every live subscription with UNAVAILABLE, as a node restart or leader change would. */
  dropSubscriptions(): void {
    for (const call of this.subscriptions) call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'emulated node restart' });
    this.subscriptions.clear();
  }

  /** Stops at once: calls still open (a client that was not disposed) are cut. */
  async stop(): Promise<void> {
    this.dropSubscriptions();
    this.server.forceShutdown();
  }

  private register(): void {
    const streams = StreamsService as unknown as grpc.ServiceDefinition;
    this.server.addService(streams, {
      ...refuseAll(streams),
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.append(call, callback),
    });
    this.server.addService(ServerFeaturesService as unknown as grpc.ServiceDefinition, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => {
        const method = (name: string) => new SupportedMethod().setServiceName('event_store.client.streams.Streams').setMethodName(name);
        callback(null, new SupportedMethods().setEventStoreServerVersion('0.0.0-emulator').setMethodsList([method('read'), method('append')]));
      },
    });
    for (const service of [GossipService, OperationsService, PersistentSubscriptionsService, ProjectionsService, UsersService, MonitoringService]) {
      this.server.addService(service as unknown as grpc.ServiceDefinition, refuseAll(service as unknown as grpc.ServiceDefinition));
    }
  }

  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    const messages: AppendReq[] = [];
    call.on('data', (message: AppendReq) => messages.push(message));
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        if (this.leaderPort !== undefined) throw notLeader(this.leaderPort);
        const answer = this.commit(messages);
        if (this.loseNextAppendAnswer) {
          this.loseNextAppendAnswer = false;
          throw { code: grpc.status.UNAVAILABLE, details: 'emulated: the node went away after committing', metadata: new grpc.Metadata() };
        }
        callback(null, answer);
      } catch (error) {
        callback(error as ServiceError);
      }
    });
  }

  private commit(messages: readonly AppendReq[]): AppendResp {
    const options = messages[0]?.getOptions();
    if (options === undefined) throw { code: grpc.status.INVALID_ARGUMENT, details: 'the first append message must carry the options' };
    const stream = streamName(options.getStreamIdentifier());
    if (stream.startsWith('$')) throw unimplemented(`appending to the system stream ${stream} (ACLs, stream metadata)`);
    const expected = expectedOf(options);
    const events = messages.slice(1).map(proposedEvent);
    if (events.length === 0) throw unimplemented('an append without events');
    const size = events.reduce((sum, e) => sum + e.data.length + e.metadata.length, 0);
    if (size > MAX_APPEND_SIZE) {
      const metadata = new grpc.Metadata();
      metadata.set('exception', 'maximum-append-size-exceeded');
      metadata.set('maximum-append-size', String(MAX_APPEND_SIZE));
      throw { code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${MAX_APPEND_SIZE} Exceeded.`, metadata };
    }
    const outcome = this.log.append(stream, expected, events);
    if (outcome.kind === 'wrong_expected_version') return new AppendResp().setWrongExpectedVersion(wrongExpectedVersion(expected, outcome.currentRevision));
    if (outcome.kind === 'written') this.afterAppend();
    const success = new AppendResp.Success()
      .setCurrentRevision(outcome.currentRevision.toString())
      .setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
    return new AppendResp().setSuccess(success);
  }

  private afterAppend(): void {
    const every = this.options.systemEventEvery ?? 3;
    if (every <= 0 || ++this.appends % every !== 0) return;
    const data = Buffer.from(JSON.stringify({ 'proc-tcpConnections': this.appends }), 'utf8');
    this.log.append(`$stats-127.0.0.1:${this.port}`, 'any', [
      { id: randomUUID(), type: '$statsCollected', contentType: 'application/json', data, metadata: new Uint8Array() },
    ]);
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    try {
      const options = call.request.getOptions();
      if (options === undefined) throw { code: grpc.status.INVALID_ARGUMENT, details: 'a read needs options' };
      if (this.leaderPort !== undefined && call.metadata.get('requires-leader')[0] === 'true') throw notLeader(this.leaderPort);
      if (options.getResolveLinks()) throw unimplemented('resolving links (resolveLinkTos)');
      if (options.hasFilter()) throw unimplemented('server-side filters (read or subscribe with a filter)');
      if (options.getUuidOption()?.hasStructured() === true) throw unimplemented('structured UUIDs');
      const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
      if (options.hasSubscription()) {
        if (!options.hasAll()) throw unimplemented('subscriptions to a single stream');
        this.subscribeToAll(call, options.getAll()!);
        return;
      }
      const count = BigInt(options.getCount());
      const records = options.hasAll() ? this.readAll(options.getAll()!, backwards) : this.readStream(call, options.getStream()!, backwards);
      if (records === undefined) return;
      for (const record of records.slice(0, Number(count > BigInt(records.length) ? records.length : count))) call.write(toReadEvent(record, options.hasAll()));
      call.end();
    } catch (error) {
      call.emit('error', error);
    }
  }

  private readStream(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options.StreamOptions, backwards: boolean): StoredRecord[] | undefined {
    const name = streamName(options.getStreamIdentifier());
    const stored = this.log.stream(name);
    if (stored === undefined) {
      call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier(name))));
      call.end();
      return undefined;
    }
    const last = BigInt(stored.length - 1);
    const from = options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? (backwards ? last : last + 1n) : backwards ? -1n : 0n;
    return backwards ? stored.filter((r) => r.revision <= from).reverse() : stored.filter((r) => r.revision >= from);
  }

  /** Forwards from a position includes the event at it; backwards returns what lies before it. */
  private readAll(options: ReadReq.Options.AllOptions, backwards: boolean): StoredRecord[] {
    const all = this.log.all;
    if (options.hasStart()) return backwards ? [] : [...all];
    if (options.hasEnd()) return backwards ? [...all].reverse() : [];
    const from = positionOf(options.getPosition()!);
    return backwards ? all.filter((r) => r.position < from).reverse() : all.filter((r) => r.position >= from);
  }

  /** Catch-up (after the position, exclusive), caught-up, then live: all in one turn, so nothing falls between. */
  private subscribeToAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options.AllOptions): void {
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    const after = options.hasPosition() ? positionOf(options.getPosition()!) : undefined;
    const catchUp = options.hasEnd() ? [] : this.log.all.filter((r) => after === undefined || r.position > after);
    for (const record of catchUp) call.write(toReadEvent(record, true));
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const stop = this.log.onCommit((record) => call.write(toReadEvent(record, true)));
    this.subscriptions.add(call);
    const end = () => {
      stop();
      this.subscriptions.delete(call);
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }
}

/** EventStoreDB's answer from a follower to a leader-only call: the leader's endpoint in the trailers. */
const notLeader = (leaderPort: number): ServiceError => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'not-leader');
  metadata.set('leader-endpoint-host', '127.0.0.1');
  metadata.set('leader-endpoint-port', String(leaderPort));
  return { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata };
};

const positionOf = (position: ReadReq.Options.Position): bigint => {
  const commit = BigInt(position.getCommitPosition());
  if (commit !== BigInt(position.getPreparePosition())) throw unimplemented('positions whose commit and prepare differ (explicit transactions)');
  return commit;
};

const expectedOf = (options: AppendReq.Options): Expected => {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  if (options.hasAny()) return 'any';
  throw { code: grpc.status.INVALID_ARGUMENT, details: 'an append needs an expected revision' };
};

const proposedEvent = (message: AppendReq): ProposedEvent => {
  const proposed = message.getProposedMessage();
  const id = uuidOf(proposed?.getId());
  const type = proposed?.getMetadataMap().get('type');
  const contentType = proposed?.getMetadataMap().get('content-type');
  if (proposed === undefined || id === undefined || type === undefined || contentType === undefined) {
    throw { code: grpc.status.INVALID_ARGUMENT, details: 'a proposed message needs an id (string UUID), a type and a content-type' };
  }
  return { id, type, contentType, data: proposed.getData_asU8(), metadata: proposed.getCustomMetadata_asU8() };
};

const wrongExpectedVersion = (expected: Expected, current: bigint): AppendResp.WrongExpectedVersion => {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current < 0n) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.toString());
  return wrong;
};
