import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiExtension } from '@nestjs/swagger';
import { STORAGE } from '../../../application/command-handling/tokens';
import { GENESIS_HASH, NotFoundError, ValidationError, type RecordedEvent } from '../../../domain/shared';
import { RequireRoles } from '../../auth/auth.decorators';
import { verifyHasher } from '../../event-store/sql/server-secrets';
import { leafIndexesOf } from '../../transparency/log-tree-store';
import type { Storage } from '../../storage/create-storage';
import { AuditEventsQueryDto } from './audit.dto';
import { EventLogRead } from '../openapi/event-log-read';
import { GLOBAL_AUDITORS, StreamRoles } from './stream-scopes';
import { AUDIT_EVENTS_PAGE_SCHEMA, AUDIT_STREAM_SCHEMA } from './audit-schemas';

/** A stream's history: the global auditors, and the supervision committee and township of the stream's community. */
const STREAM_AUDITORS = [...GLOBAL_AUDITORS, 'supervision_committee@community', 'township_government@township', 'street_office@township'];

const envelope = (e: RecordedEvent, leafIndex: bigint | undefined) => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  stream: e.stream,
  streamRevision: e.streamRevision.toString(),
  globalPosition: e.globalPosition.toString(),
  data: e.data,
  metadata: e.metadata,
  prevHash: e.prevHash,
  hash: e.hash,
  leafIndex: leafIndex === undefined ? null : leafIndex.toString(),
});

/**
 * The audit API (supervisory committees, auditors): whole envelopes with their hash-link state and
 * their leaf in the transparency log, by stream, actor, time range or correlation id.
 */
@ApiTags('audit')
@ApiExtension('x-reads', 'event-log')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  @Get('streams/:stream')
  @StreamRoles(...STREAM_AUDITORS)
  @EventLogRead({ summary: "A stream's full history: each envelope, whether its hash recomputes and links to the one before, and its leaf index in the log", response: AUDIT_STREAM_SCHEMA })
  async stream(@Param('stream') stream: string) {
    const stored = await this.storage.eventStore.readStream(stream);
    if (stored.length === 0) throw new NotFoundError('AUDIT.NO_SUCH_STREAM', `no events in stream ${stream}`);
    const leaves = await leafIndexesOf(this.storage.sql, stored.map((e) => e.globalPosition));
    const hasher = await verifyHasher(this.storage.sql);
    let previous: RecordedEvent | undefined;
    const events = stored.map((event) => {
      const link = {
        hashRecomputes: hasher.hash(event) === event.hash,
        linksToPrevious: event.prevHash === (previous?.hash ?? GENESIS_HASH),
        revisionFollows: event.streamRevision === (previous === undefined ? 0n : previous.streamRevision + 1n),
      };
      previous = event;
      const leafIndex = leaves.get(event.globalPosition);
      return { ...envelope(event, leafIndex), link, inLog: leafIndex !== undefined };
    });
    return { stream, intact: events.every((e) => e.link.hashRecomputes && e.link.linksToPrevious && e.link.revisionFollows), events };
  }

  @Get('events')
  // Searches run across every community's events: global auditors only.
  @RequireRoles(...GLOBAL_AUDITORS)
  @EventLogRead({ summary: 'Events by actor, correlation id and/or a time range (occurredAt or recordedAt), in global order with a cursor', response: AUDIT_EVENTS_PAGE_SCHEMA })
  async events(@Query() q: AuditEventsQueryDto) {
    if (q.actor === undefined && q.correlationId === undefined && q.from === undefined && q.to === undefined) {
      throw new ValidationError('give at least one of actor, correlationId, from, to', [{ field: 'actor', message: 'a filter is required' }], 'AUDIT.FILTER_REQUIRED');
    }
    const limit = q.limit ?? 100;
    const found = await this.storage.audit.search({
      ...(q.actor === undefined ? {} : { actor: q.actor }),
      ...(q.correlationId === undefined ? {} : { correlationId: q.correlationId }),
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      timeAxis: q.timeAxis ?? 'recordedAt',
      after: BigInt(q.after ?? '0'),
      limit,
    });
    const leaves = await leafIndexesOf(this.storage.sql, found.map((e) => e.globalPosition));
    const items = found.map((event) => envelope(event, leaves.get(event.globalPosition)));
    return { items, nextCursor: items.length === limit ? items[items.length - 1]!.globalPosition : null };
  }
}
