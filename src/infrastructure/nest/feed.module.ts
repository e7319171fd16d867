import { Module } from '@nestjs/common';
import { EventsController } from '../http/feed/events.controller';

/** The integrators' event feed: paged and Server-Sent Events, filtered by visibility class. */
@Module({ controllers: [EventsController] })
export class FeedModule {}
