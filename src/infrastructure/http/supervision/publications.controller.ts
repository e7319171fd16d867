import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../openapi/read-operation';
import { PUBLICATION_RECORD_SCHEMA } from './supervision-read-schemas';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { PublicationStepCommand, type PublicationStep } from '../../../application/supervision/publication-step';
import { acceptStep, CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { CommandRequestFrom } from '../command-request.decorator';
import * as Dto from './supervision.dto';
import { SupervisionReadModels } from './supervision-read-models.service';
import { COMMITTEES, PublicationRoles, RECORD_READERS, RESIDENTS, SUPERVISION_COMMITTEE } from './supervision-scopes';

/** A publication's steps after drafting: revision, review (PD-8), posting (PD-3), correction (SV-8), queries (PD-3). */
@ApiTags('publications')
@ApiParam({ name: 'publicationId' })
@Controller('publications')
export class PublicationsController {
  constructor(private readonly commands: CommandBus, private readonly reads: SupervisionReadModels) {}

  private run(step: PublicationStep, r: CommandRequest, res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new PublicationStepCommand(step, r), res);
  }

  @Post(':publicationId/revisions') @CommandEndpoint() @PublicationRoles(...COMMITTEES)
  @ApiOperation({ summary: 'Draft revised (after a return); the review starts again (PD-8)' })
  revise(@Param('publicationId') publicationId: string, @Body() dto: Dto.ReviseDraftDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'ReviseDraft', data: { publicationId, title: dto.title, documentHash: dto.documentHash, ...(dto.channels === undefined ? {} : { channels: [...dto.channels] }) } }, r, res);
  }

  @Post(':publicationId/reviews') @CommandEndpoint() @PublicationRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Supervision committee approves or returns the draft with comments (PD-8, SV-14)' })
  review(@Param('publicationId') publicationId: string, @Body() dto: Dto.ReviewPublicationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'ReviewPublication', data: { publicationId, decision: dto.decision, ...(dto.comments === undefined ? {} : { comments: dto.comments }) } }, r, res);
  }

  @Post(':publicationId/postings') @CommandEndpoint() @PublicationRoles(...COMMITTEES)
  @ApiOperation({ summary: 'Posted on the public board (and online) for at least 15 days from the 2025 text (PD-3); reviewed first where required (PD-8)' })
  post(@Param('publicationId') publicationId: string, @Body() dto: Dto.PostPublicationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'PostPublication', data: { publicationId, postedFrom: dto.postedFrom, postedUntil: dto.postedUntil } }, r, res);
  }

  @Post(':publicationId/corrections') @CommandEndpoint() @PublicationRoles(...COMMITTEES)
  @ApiOperation({ summary: 'Correction of a posted publication: a new event, the original stays (SV-8)' })
  correct(@Param('publicationId') publicationId: string, @Body() dto: Dto.CorrectPublicationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'CorrectPublication', data: { publicationId, correctionId: dto.correctionId, title: dto.title, documentHash: dto.documentHash, reason: dto.reason } }, r, res);
  }

  @Post(':publicationId/queries') @CommandEndpoint() @PublicationRoles(...RESIDENTS)
  @ApiOperation({ summary: "A resident's query on a posted publication (PD-3); the resident is the token's actor" })
  query(@Param('publicationId') publicationId: string, @Body() dto: Dto.RecordQueryDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'RecordPublicationQuery', data: { publicationId, queryId: dto.queryId, residentRef: r.actorId, question: dto.question } }, r, res);
  }

  @Post(':publicationId/queries/:queryId/answer') @CommandEndpoint() @PublicationRoles(...COMMITTEES)
  @ApiOperation({ summary: 'The committee answers the query (PD-3)' })
  answer(@Param('publicationId') publicationId: string, @Param('queryId') queryId: string, @Body() dto: Dto.AnswerQueryDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run({ type: 'AnswerPublicationQuery', data: { publicationId, queryId, answer: dto.answer } }, r, res);
  }

  @Get(':publicationId') @ApiBearerAuth() @PublicationRoles(...RECORD_READERS)
  @ReadOperation({ summary: 'the whole record: draft revisions, reviews with comments, posting, corrections, queries and answers, each with provenance', response: PUBLICATION_RECORD_SCHEMA })
  record(@Param('publicationId') publicationId: string): Promise<Record<string, unknown>> {
    return this.reads.publication(publicationId);
  }
}
