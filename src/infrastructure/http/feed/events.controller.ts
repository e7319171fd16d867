import { Controller, Get, Headers, Inject, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiExtension } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { STORAGE } from '../../../application/command-handling/tokens';
import { ValidationError } from '../../../domain/shared';
import { CurrentActor, Public } from '../../auth/auth.decorators';
import type { Actor } from '../../auth/token.service';
import type { FeedFilter } from '../../feed/event-feed';
import { feedOf, type FeedPages } from '../../feed/feed-of';
import { toFeedEntry, visibilityOf } from '../../feed/feed-visibility';
import type { Storage } from '../../storage/create-storage';
import { FeedQueryDto } from './events.dto';
import { DecidesPersonalData } from '../public-redaction';
import { EventLogRead } from '../openapi/event-log-read';
import { FEED_PAGE_SCHEMA, FEED_STREAM_SCHEMA } from './feed-schemas';

const POLL_MS = 250;

const filterOf = (q: FeedQueryDto): FeedFilter => ({
  ...(q.type === undefined ? {} : { types: q.type }),
  ...(q.category === undefined ? {} : { category: q.category }),
  ...(q.community === undefined ? {} : { community: q.community }),
});

/**
 * The integrators' feed: the one log in global order through the gap-safe reader, filtered by the
 * caller's visibility class. Page with `after` = the previous `nextCursor`; the SSE stream resumes
 * from `Last-Event-ID` (the global position of the last event received). Entries are shaped by
 * toFeedEntry per visibility class (@DecidesPersonalData).
 */
@ApiTags('event feed')
@ApiExtension('x-reads', 'event-log')
@Controller('events')
export class EventsController {
  private readonly feed: FeedPages;

  constructor(@Inject(STORAGE) storage: Storage) {
    this.feed = feedOf(storage);
  }

  @Public()
  @DecidesPersonalData()
  @Get()
  @ApiBearerAuth()
  @EventLogRead({ summary: 'Events in global order after a position, with filters and the next cursor; public entries carry ids, dates and counts only', response: FEED_PAGE_SCHEMA })
  async page(@Query() q: FeedQueryDto, @CurrentActor() actor: Actor | undefined) {
    const visibility = visibilityOf(actor);
    const page = await this.feed.page(BigInt(q.after ?? '0'), q.limit ?? 100, filterOf(q));
    return { items: page.events.map((e) => toFeedEntry(e, visibility)), nextCursor: page.nextCursor.toString() };
  }

  @Public()
  @DecidesPersonalData()
  @Sse('stream')
  @ApiBearerAuth()
  @EventLogRead({
    summary: 'Server-Sent Events from a position (?after= or Last-Event-ID), catch-up then live; each event id is its global position',
    response: FEED_STREAM_SCHEMA,
    contentType: 'text/event-stream',
  })
  stream(@Query() q: FeedQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @CurrentActor() actor: Actor | undefined): Observable<MessageEvent> {
    if (lastEventId !== undefined && !/^(0|[1-9][0-9]{0,18})$/.test(lastEventId)) {
      throw new ValidationError('Last-Event-ID is the global position of the last event received', [{ field: 'Last-Event-ID', message: 'a decimal position' }]);
    }
    const visibility = visibilityOf(actor);
    const filter = filterOf(q);
    const limit = q.limit ?? 100;
    const start = BigInt(lastEventId ?? q.after ?? '0');
    return new Observable<MessageEvent>((subscriber) => {
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      const run = async (): Promise<void> => {
        let cursor = start;
        while (!closed) {
          const page = await this.feed.page(cursor, limit, filter);
          for (const event of page.events) {
            if (closed) return;
            subscriber.next({ id: event.globalPosition.toString(), type: 'event', data: toFeedEntry(event, visibility) });
          }
          cursor = page.nextCursor;
          if (page.events.length < limit) await new Promise<void>((resolve) => (timer = setTimeout(resolve, POLL_MS)));
        }
      };
      run().catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    });
  }
}
