import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from '../problem-details';
import type { Schema } from './entity-schema';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } } });

export type EventLogReadOptions = Readonly<{
  summary: string;
  /** The typed 200 body. */
  response: Schema;
  /** Media type of the 200 body when it is not JSON (a signed note, Server-Sent Events). */
  contentType?: string;
}>;

/**
 * OpenAPI of a GET over the event log itself (transparency log, feed, audit, schemas): summary and
 * typed 200. Unlike ReadOperation it has no minPosition: these routes read the log, not the read
 * models, so there is nothing to wait for (the controller declares `x-reads: event-log`).
 */
export const EventLogRead = (options: EventLogReadOptions): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: options.summary }),
    options.contentType === undefined
      ? ApiOkResponse({ description: options.summary, schema: options.response })
      : ApiOkResponse({ description: options.summary, content: { [options.contentType]: { schema: options.response } } }),
    ApiExtraModels(ProblemDetailsDto),
    problem(400, 'invalid query'),
    problem(404, 'nothing stored under that id, position or size'),
  );
