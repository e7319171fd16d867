import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiExtension } from '@nestjs/swagger';
import { STORAGE } from '../../../application/command-handling/tokens';
import { GENESIS_HASH, NotFoundError, ValidationError, type RecordedEvent } from '../../../domain/shared';
import { RequireRoles } from '../../auth/auth.decorators';
import { eventHash } from '../../event-store/event-hash';
import { toRecordedEvent } from '../../event-store/sql/sql-event-store';
import type { Storage } from '../../storage/create-storage';
import { AuditEventsQueryDto } from './audit.dto';

const AUDITORS = ['auditor', 'civil_affairs_office', 'supervision_committee', 'township_government', 'log_administrator'];

type Row = Parameters<typeof toRecordedEvent>[0] & { leaf_index: string | null };

const COLUMNS = `e.global_position, e.event_id, e.stream_id, e.stream_revision, e.type, e.schema_version, e.data, e.metadata, e.prev_hash, e.hash, l.leaf_index`;

const envelope = (e: RecordedEvent, leafIndex: string | null) => ({
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
  leafIndex,
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
  @RequireRoles(...AUDITORS)
  @ApiOperation({ summary: "A stream's full history: each envelope, whether its hash recomputes and links to the one before, and its leaf index in the log" })
  async stream(@Param('stream') stream: string) {
    const { rows } = await this.storage.sql.query<Row>(
      `SELECT ${COLUMNS} FROM cl_events e LEFT JOIN cl_log_leaves l ON l.global_position = e.global_position WHERE e.stream_id = $1 ORDER BY e.stream_revision`,
      [stream],
    );
    if (rows.length === 0) throw new NotFoundError('AUDIT.NO_SUCH_STREAM', `no events in stream ${stream}`);
    let previous: RecordedEvent | undefined;
    const events = rows.map((row) => {
      const event = toRecordedEvent(row);
      const link = {
        hashRecomputes: eventHash(event) === event.hash,
        linksToPrevious: event.prevHash === (previous?.hash ?? GENESIS_HASH),
        revisionFollows: event.streamRevision === (previous === undefined ? 0n : previous.streamRevision + 1n),
      };
      previous = event;
      return { ...envelope(event, row.leaf_index === null ? null : String(row.leaf_index)), link, inLog: row.leaf_index !== null };
    });
    return { stream, intact: events.every((e) => e.link.hashRecomputes && e.link.linksToPrevious && e.link.revisionFollows), events };
  }

  @Get('events')
  @RequireRoles(...AUDITORS)
  @ApiOperation({ summary: 'Events by actor, correlation id and/or a time range (occurredAt or recordedAt), in global order with a cursor' })
  async events(@Query() q: AuditEventsQueryDto) {
    if (q.actor === undefined && q.correlationId === undefined && q.from === undefined && q.to === undefined) {
      throw new ValidationError('give at least one of actor, correlationId, from, to', [{ field: 'actor', message: 'a filter is required' }], 'AUDIT.FILTER_REQUIRED');
    }
    const params: unknown[] = [q.after ?? '0', q.limit ?? 100];
    const where = ['e.global_position > $1'];
    const add = (clause: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (q.actor !== undefined) add((n) => `e.metadata->>'actor' = $${n}`, q.actor);
    if (q.correlationId !== undefined) add((n) => `e.metadata->>'correlationId' = $${n}`, q.correlationId);
    const axis = q.timeAxis ?? 'recordedAt';
    if (q.from !== undefined) add((n) => `(e.metadata->>'${axis}')::timestamptz >= $${n}::timestamptz`, q.from);
    if (q.to !== undefined) add((n) => `(e.metadata->>'${axis}')::timestamptz < $${n}::timestamptz`, q.to);
    const { rows } = await this.storage.sql.query<Row>(
      `SELECT ${COLUMNS} FROM cl_events e LEFT JOIN cl_log_leaves l ON l.global_position = e.global_position
        WHERE ${where.join(' AND ')} ORDER BY e.global_position LIMIT $2`,
      params,
    );
    const items = rows.map((row) => envelope(toRecordedEvent(row), row.leaf_index === null ? null : String(row.leaf_index)));
    return { items, nextCursor: items.length === params[1] ? items[items.length - 1]!.globalPosition : null };
  }
}
