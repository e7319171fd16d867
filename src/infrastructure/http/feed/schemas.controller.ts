import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags, ApiExtension } from '@nestjs/swagger';
import { NotFoundError } from '../../../domain/shared';
import { Public } from '../../auth/auth.decorators';
import { EVENT_SCHEMA_SOURCES } from '../../feed/event-schema-sources';
import schemas from '../../feed/event-schemas.json';
import { DecidesPersonalData } from '../public-redaction';
import { EventLogRead } from '../openapi/event-log-read';
import { EVENT_JSON_SCHEMA_SCHEMA, SCHEMAS_INDEX_SCHEMA } from './feed-schemas';

const table = schemas as Record<string, Record<string, object>>;

/** JSON Schema of every event type and version (generated from the event types; `npm run schemas`). */
@ApiTags('event feed')
@ApiExtension('x-reads', 'event-log')
@Controller('schemas')
export class SchemasController {
  @Public()
  @DecidesPersonalData()
  @Get()
  @EventLogRead({ summary: 'Every event type with its schema versions and the current one', response: SCHEMAS_INDEX_SCHEMA })
  index() {
    return {
      items: EVENT_SCHEMA_SOURCES.flatMap(({ schema }) =>
        Object.entries(schema).map(([type, current]) => ({
          type,
          currentVersion: current,
          versions: Object.keys(table[type] ?? {}).map(Number),
          href: `/api/v1/schemas/${type}/${current}`,
        })),
      ),
    };
  }

  @Public()
  @DecidesPersonalData()
  @Get(':type/:version')
  @EventLogRead({ summary: 'The JSON Schema (draft-07) of one event type and version: { type, data }', response: EVENT_JSON_SCHEMA_SCHEMA })
  schema(@Param('type') type: string, @Param('version') version: string) {
    const schema = table[type]?.[version];
    if (schema === undefined) throw new NotFoundError('SCHEMA.UNKNOWN', `no schema for event type ${type} version ${version}`);
    return schema;
  }
}
