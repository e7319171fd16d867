import { Module } from '@nestjs/common';
import { EventsController } from '../http/feed/events.controller';
import { SchemasController } from '../http/feed/schemas.controller';

/** The integrators' event feed (paged and Server-Sent Events, filtered by visibility class) and the event schemas. */
@Module({ controllers: [EventsController, SchemasController] })
export class FeedModule {}
