import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import {
  ConstituteRepresentativeMeetingCommand,
  RecordAuthorisationCommand,
  RecordCensusSnapshotCommand,
  RegisterCommunityCommand,
  StartCommitteeTermCommand,
} from '../../../application/community/community.handlers';
import { Public, RequireRoles, ScopeFrom } from '../../auth/auth.decorators';
import { CommandRequestFrom } from '../command-request.decorator';
import { CommandEndpoint, PublicReadEndpoint, commandAccepted, type CommandAcceptedDto } from '../command-response';
import { MeetingReadModels, type Page } from '../meetings/meeting-read-models.service';
import { CadenceQueryDto, DecisionsQueryDto, MeetingsQueryDto, ObligationsQueryDto } from '../meetings/meeting-queries.dto';
import { ConstituteRepresentativeMeetingDto, RecordAuthorisationDto, RecordCensusSnapshotDto, RegisterCommunityDto, StartCommitteeTermDto } from './community.dto';

export const COMMITTEES = ['villagers_committee@community', 'residents_committee@community', 'community_committee@community'] as const;

const townshipOfBody = ScopeFrom('township', (request) => {
  const body: unknown = request.body;
  const ref = typeof body === 'object' && body !== null ? (body as { townshipRef?: unknown }).townshipRef : undefined;
  return typeof ref === 'string' ? ref : undefined;
});

const PAGE = { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: 'string', nullable: true } } } };

@ApiTags('communities')
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly commands: CommandBus, private readonly reads: MeetingReadModels) {}

  @Post()
  @CommandEndpoint()
  @RequireRoles('township_government@township', 'street_office@township')
  @townshipOfBody
  async register(@Body() dto: RegisterCommunityDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, timeZone, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new RegisterCommunityCommand({ ...data, ...(timeZone === undefined ? {} : { timeZone }) }, request)));
  }

  @Post(':communityId/committee-terms')
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async startTerm(@Param('communityId') communityId: string, @Body() dto: StartCommitteeTermDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new StartCommitteeTermCommand({ ...data, communityId }, request)));
  }

  @Post(':communityId/census-snapshots')
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async recordCensus(@Param('communityId') communityId: string, @Body() dto: RecordCensusSnapshotDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, villageGroups, residentGroups, ...data } = dto;
    const optional = { ...(villageGroups === undefined ? {} : { villageGroups: villageGroups.map((g) => ({ ...g })) }), ...(residentGroups === undefined ? {} : { residentGroups }) };
    return commandAccepted(res, await this.commands.execute(new RecordCensusSnapshotCommand({ ...data, ...optional, communityId }, request)));
  }

  @Post(':communityId/representative-meeting-constitutions')
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async constitute(@Param('communityId') communityId: string, @Body() dto: ConstituteRepresentativeMeetingDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, deviationReason, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new ConstituteRepresentativeMeetingCommand({ ...data, ...(deviationReason === undefined ? {} : { deviationReason }), communityId }, request)));
  }

  @Post(':communityId/authorisations')
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async authorise(@Param('communityId') communityId: string, @Body() dto: RecordAuthorisationDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, validUntil, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new RecordAuthorisationCommand({ ...data, ...(validUntil === undefined ? {} : { validUntil }), communityId }, request)));
  }

  @Public()
  @Get(':communityId')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'the community (read model `communities`): kind, place, current term, census in force' })
  get(@Param('communityId') communityId: string): Promise<Record<string, unknown>> {
    return this.reads.communityView(communityId);
  }

  @Public()
  @Get(':communityId/meetings')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'meetings of the community (read model `meetings`), filtered, by meetingId', ...PAGE })
  meetings(@Param('communityId') communityId: string, @Query() query: MeetingsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.meetings(communityId, query);
  }

  @Public()
  @Get(':communityId/decisions')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'decisions register (in force / corrected / changed / revoked, with who and why: VM-8, VM-12, VM-13, RM-8)', ...PAGE })
  decisions(@Param('communityId') communityId: string, @Query() query: DecisionsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.decisions(communityId, query);
  }

  @Public()
  @Get(':communityId/must-convene-obligations')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'obligations to convene opened by petitions (VM-2, VM-10, RM-2, RM-4); default open ones', ...PAGE })
  obligations(@Param('communityId') communityId: string, @Query() query: ObligationsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.obligations(communityId, query);
  }

  @Public()
  @Get(':communityId/meeting-cadence')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'per required kind (VM-4, VM-10, RM-4): last meeting held, periods, next due date, overdue' })
  cadence(@Param('communityId') communityId: string, @Query() query: CadenceQueryDto): Promise<Record<string, unknown>> {
    return this.reads.cadence(communityId, query);
  }
}
