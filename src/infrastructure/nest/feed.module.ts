import { Module } from '@nestjs/common';
import { AuditController } from '../http/audit/audit.controller';
import { EventsController } from '../http/feed/events.controller';
import { SchemasController } from '../http/feed/schemas.controller';

/** Reading the one log: the integrators' feed (paged and SSE, by visibility class), the event schemas, the audit API. */
@Module({ controllers: [EventsController, SchemasController, AuditController] })
export class FeedModule {}
