import { HttpCode, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { Command, CommandBus } from '@nestjs/cqrs';
import type { HttpReply } from './http-types';
import type { CommandResult } from '../../application/command-handling/handle-command';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from './problem-details';

/** The 201 body of every procedure step. */
export class CommandAcceptedDto {
  @ApiProperty({ example: 'community-c-17' }) streamId!: string;
  @ApiProperty({ example: '0', pattern: '^\\d{1,19}$', description: 'stream revision after the step (64-bit, as a string); also the ETag' }) revision!: string;
  @ApiPropertyOptional({ example: '42', pattern: '^\\d{1,19}$', nullable: true, description: 'global position of the last appended event (64-bit, as a string; use it as minPosition); null when nothing was appended' })
  globalPosition!: string | null;
  @ApiProperty({ type: [String] }) eventIds!: string[];
}

export const toCommandAccepted = (result: CommandResult): CommandAcceptedDto => {
  const last = result.positions[result.positions.length - 1];
  return {
    streamId: result.stream,
    revision: result.revision.toString(),
    globalPosition: last === undefined ? null : last.toString(),
    eventIds: [...result.eventIds],
  };
};

/**
 * Sets `ETag: "<revision>"` and returns the 201 body; use with `@Res({ passthrough: true })`.
 * A repeated Idempotency-Key gets exactly the first answer.
 */
export const commandAccepted = (response: HttpReply, result: CommandResult): CommandAcceptedDto => {
  response.header('ETag', `"${result.revision.toString()}"`);
  return toCommandAccepted(result);
};

/** Sends a step's command to its procedure's handler and answers 201 with the stream revision as ETag. */
export const acceptStep = async (commands: CommandBus, command: Command<CommandResult>, response: HttpReply): Promise<CommandAcceptedDto> =>
  commandAccepted(response, await commands.execute(command));

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } } });

/** OpenAPI for a procedure step: 201 + ETag, the request headers, and every problem response. */
export const CommandEndpoint = (): MethodDecorator =>
  applyDecorators(
    HttpCode(201),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDetailsDto),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'command id; a repeat returns the first result and appends nothing' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'expected stream revision ("3"); a mismatch is 412' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'ties the events of one business transaction together; echoed, stored on the events; made up when absent' }),
    ApiHeader({ name: 'X-Causation-Id', required: false, description: 'id of the message that caused this step (e.g. the event id a process manager reacted to); stored on the events; defaults to the command id' }),
    ApiCreatedResponse({ type: CommandAcceptedDto, description: 'events appended', headers: { ETag: { description: 'stream revision', schema: { type: 'string' } } } }),
    problem(400, 'invalid input; `errors` lists every invalid field'),
    problem(401, 'missing or invalid bearer token'),
    problem(403, 'the caller lacks the role for this scope'),
    problem(404, 'unknown id'),
    problem(409, 'the procedure does not allow this step now'),
    problem(412, 'If-Match does not match the current revision'),
    problem(413, 'request body too large'),
    problem(422, 'the step breaks a rule (see `rule`)'),
  );

/** OpenAPI for a public read (see also ReadOperation, which documents the response and read-your-writes). */
export const PublicReadEndpoint = (): MethodDecorator => applyDecorators(ApiExtraModels(ProblemDetailsDto));
