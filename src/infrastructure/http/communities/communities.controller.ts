import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
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
import { acceptStep, CommandEndpoint, PublicReadEndpoint, type CommandAcceptedDto } from '../command-response';
import { MeetingReadModels, type Page } from '../meetings/meeting-read-models.service';
import { CadenceQueryDto, CommunitiesQueryDto, DecisionsQueryDto, MeetingsQueryDto, ObligationsQueryDto } from '../meetings/meeting-queries.dto';
import { CADENCE_SCHEMA } from '../meetings/meeting-read-schemas';
import { entitySchema, pageSchema } from '../openapi/entity-schema';
import { ReadOperation } from '../openapi/read-operation';
import { StreamResource } from '../read-contract/stream-etag';
import { CommunityEntity } from '../../../projections/communities/community.entity';
import { DecisionRegisterEntity } from '../../../projections/meetings/decisions-register.entity';
import { MeetingListEntity } from '../../../projections/meetings/meetings-list.entity';
import { MustConveneEntity } from '../../../projections/meetings/must-convene-obligations.entity';
import { ConstituteRepresentativeMeetingDto, RecordAuthorisationDto, RecordCensusSnapshotDto, RegisterCommunityDto, StartCommitteeTermDto } from './community.dto';

export const COMMITTEES = ['villagers_committee@community', 'residents_committee@community', 'community_committee@community'] as const;

const townshipOfBody = ScopeFrom('township', (request) => {
  const body: unknown = request.body;
  const ref = typeof body === 'object' && body !== null ? (body as { townshipRef?: unknown }).townshipRef : undefined;
  return typeof ref === 'string' ? ref : undefined;
});

@ApiTags('communities')
@Controller('communities')
export class CommunitiesController {
  constructor(private readonly commands: CommandBus, private readonly reads: MeetingReadModels) {}

  @Post()
  @ApiOperation({ summary: 'Register a village or urban community (township government or street office of its township)' })
  @CommandEndpoint()
  @RequireRoles('township_government@township', 'street_office@township')
  @townshipOfBody
  async register(@Body() dto: RegisterCommunityDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, timeZone, ...data } = dto;
    return acceptStep(this.commands, new RegisterCommunityCommand({ ...data, ...(timeZone === undefined ? {} : { timeZone }) }, request), res);
  }

  @Post(':communityId/committee-terms')
  @ApiOperation({ summary: 'Start a committee term' })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async startTerm(@Param('communityId') communityId: string, @Body() dto: StartCommitteeTermDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return acceptStep(this.commands, new StartCommitteeTermCommand({ ...data, communityId }, request), res);
  }

  @Post(':communityId/census-snapshots')
  @ApiOperation({ summary: 'Record a dated census snapshot (adults, households, groups) used for quorum and thresholds' })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async recordCensus(@Param('communityId') communityId: string, @Body() dto: RecordCensusSnapshotDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, villageGroups, residentGroups, ...data } = dto;
    const optional = { ...(villageGroups === undefined ? {} : { villageGroups: villageGroups.map((g) => ({ ...g })) }), ...(residentGroups === undefined ? {} : { residentGroups }) };
    return acceptStep(this.commands, new RecordCensusSnapshotCommand({ ...data, ...optional, communityId }, request), res);
  }

  @Post(':communityId/representative-meeting-constitutions')
  @ApiOperation({ summary: 'Constitute the representative meeting (composition rules VM-9, RM-6)' })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async constitute(@Param('communityId') communityId: string, @Body() dto: ConstituteRepresentativeMeetingDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, deviationReason, ...data } = dto;
    return acceptStep(this.commands, new ConstituteRepresentativeMeetingCommand({ ...data, ...(deviationReason === undefined ? {} : { deviationReason }), communityId }, request), res);
  }

  @Post(':communityId/authorisations')
  @ApiOperation({ summary: "Record the villagers' meeting's authorisation of the representative meeting (VM-6)" })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  async authorise(@Param('communityId') communityId: string, @Body() dto: RecordAuthorisationDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, validUntil, ...data } = dto;
    return acceptStep(this.commands, new RecordAuthorisationCommand({ ...data, ...(validUntil === undefined ? {} : { validUntil }), communityId }, request), res);
  }

  @Public()
  @Get()
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Registered communities, filtered by township or kind (cursor-paginated by community id)', response: pageSchema(entitySchema(CommunityEntity)) })
  listCommunities(@Query() query: CommunitiesQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.communities(query);
  }

  @Public()
  @Get(':communityId')
  @PublicReadEndpoint()
  @StreamResource()
  @ReadOperation({ summary: 'One community (read model `communities`): kind, place, current term, census in force', response: entitySchema(CommunityEntity) })
  getCommunity(@Param('communityId') communityId: string): Promise<Record<string, unknown>> {
    return this.reads.communityView(communityId);
  }

  @Public()
  @Get(':communityId/meetings')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Meetings of the community (read model `meetings`), filtered, by meeting id', response: pageSchema(entitySchema(MeetingListEntity)) })
  listCommunityMeetings(@Param('communityId') communityId: string, @Query() query: MeetingsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.meetings(communityId, query);
  }

  @Public()
  @Get(':communityId/decisions')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Decisions register: in force, corrected, changed or revoked, with who and why (VM-8, VM-12, VM-13, RM-8)', response: pageSchema(entitySchema(DecisionRegisterEntity)) })
  listCommunityDecisions(@Param('communityId') communityId: string, @Query() query: DecisionsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.decisions(communityId, query);
  }

  @Public()
  @Get(':communityId/must-convene-obligations')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Obligations to convene opened by petitions (VM-2, VM-10, RM-2, RM-4); open ones by default', response: pageSchema(entitySchema(MustConveneEntity)) })
  listMustConveneObligations(@Param('communityId') communityId: string, @Query() query: ObligationsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.reads.obligations(communityId, query);
  }

  @Public()
  @Get(':communityId/meeting-cadence')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Per required meeting kind (VM-4, VM-10, RM-4): last meeting held, periods, next due date, overdue', response: CADENCE_SCHEMA })
  getMeetingCadence(@Param('communityId') communityId: string, @Query() query: CadenceQueryDto): Promise<Record<string, unknown>> {
    return this.reads.cadence(communityId, query);
  }
}
