import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from '../problem-details';
import { MIN_POSITION_HEADER, MIN_POSITION_QUERY } from '../read-contract/read-your-writes.interceptor';
import type { Schema } from './entity-schema';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } } });

export type ReadOperationOptions = Readonly<{
  summary: string;
  description?: string;
  /** The typed 200 body (entitySchema, pageSchema or a hand-written schema). */
  response: Schema;
  responseDescription?: string;
}>;

/**
 * OpenAPI of a GET on the read models: summary, typed 200, the read-your-writes parameters and the
 * problems every read can answer. Roles are added to the document from the auth metadata.
 */
export const ReadOperation = (options: ReadOperationOptions): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: options.summary, ...(options.description === undefined ? {} : { description: options.description }) }),
    ApiOkResponse({ description: options.responseDescription ?? options.summary, schema: options.response }),
    ApiQuery({
      name: MIN_POSITION_QUERY,
      required: false,
      schema: { type: 'string', pattern: '^\\d{1,19}$' },
      description: 'read your writes: wait (at most READ_WAIT_MS) until the read models have applied this global position (the `globalPosition` of a 201); same as the X-Min-Position header',
    }),
    ApiHeader({ name: MIN_POSITION_HEADER, required: false, description: 'read your writes: as the minPosition query parameter', schema: { type: 'string', pattern: '^\\d{1,19}$' } }),
    ApiExtraModels(ProblemDetailsDto),
    problem(400, 'invalid query, or a minimum position beyond the last stored event'),
    problem(404, 'unknown id'),
    problem(503, 'READ_MODEL.LAGGING: the read models have not applied minPosition within READ_WAIT_MS (Retry-After)'),
  );
