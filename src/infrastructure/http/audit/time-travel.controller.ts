import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiTags } from '@nestjs/swagger';
import { EventLogRead } from '../openapi/event-log-read';
import { RequireRoles } from '../../auth/auth.decorators';
import { GLOBAL_AUDITORS, StreamRoles } from './stream-scopes';
import { parseAsOf, TimeTravel } from '../../time-travel/time-travel';
import { AsOfPositionQueryDto, AsOfQueryDto } from './time-travel.dto';

/** Global auditors; a community's committees for its own streams, and its township. */
const COMMUNITY_COMMITTEES = ['villagers_committee@community', 'residents_committee@community', 'community_committee@community', 'supervision_committee@community'] as const;
const TOWNSHIP = ['township_government@township', 'street_office@township'] as const;

const S = { type: 'string' } as const;
const NULLABLE = { type: 'string', nullable: true } as const;

/**
 * Time travel (issue 10 "Audit API"): an aggregate's state as of a global position or a date, and a
 * read model's rows as of a global position, rebuilt in memory on demand (bounded by
 * AUDIT_TIME_TRAVEL_MAX_EVENTS).
 */
@ApiTags('audit')
@ApiExtension('x-reads', 'event-log')
@ApiBearerAuth()
@Controller('audit')
export class TimeTravelController {
  constructor(private readonly timeTravel: TimeTravel) {}

  @Get('streams/:stream/state')
  @StreamRoles(...GLOBAL_AUDITORS, ...COMMUNITY_COMMITTEES, ...TOWNSHIP)
  @EventLogRead({
    summary: "An aggregate's state as of a global position or an occurredAt instant: its stream's events up to it, folded by the procedure's decider",
    response: {
      type: 'object',
      required: ['stream', 'asOf', 'eventsFolded', 'streamRevision', 'globalPosition', 'state'],
      properties: {
        stream: S,
        asOf: { type: 'object', properties: { position: S, date: S } },
        eventsFolded: { type: 'integer' },
        streamRevision: NULLABLE,
        globalPosition: NULLABLE,
        state: { description: "the decider's state, free-form per procedure (Maps as objects, Sets as arrays, bigints as strings)" },
      },
    },
  })
  state(@Param('stream') stream: string, @Query() q: AsOfQueryDto) {
    return this.timeTravel.streamState(stream, parseAsOf(q.asOfPosition, q.asOfDate));
  }

  @Get('read-models/:name/rows')
  @RequireRoles(...GLOBAL_AUDITORS)
  @EventLogRead({
    summary: "A read model's rows as of a global position, rebuilt in memory by its fold (422 AUDIT.TIME_TRAVEL_TOO_LONG beyond AUDIT_TIME_TRAVEL_MAX_EVENTS events)",
    response: {
      type: 'object',
      required: ['readModel', 'asOfPosition', 'eventsRead', 'rows'],
      properties: {
        readModel: S,
        asOfPosition: S,
        eventsRead: { type: 'integer' },
        rows: { type: 'array', items: { type: 'object', required: ['key', 'row'], properties: { key: S, row: { description: "the row as the read model serves it (its entity's columns, provenance as one object)" } } } },
      },
    },
  })
  rows(@Param('name') name: string, @Query() q: AsOfPositionQueryDto) {
    return this.timeTravel.readModelRows(name, BigInt(q.asOfPosition));
  }
}
