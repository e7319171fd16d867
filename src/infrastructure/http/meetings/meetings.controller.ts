import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import {
  AddAgendaItemCommand,
  CloseMeetingCommand,
  ConveneMeetingCommand,
  OrderCorrectionCommand,
  OverruleByHigherMeetingCommand,
  PetitionToConveneCommand,
  RecordAttendanceCommand,
  RecordCourtRevocationCommand,
  RecordPartyPreDeliberationCommand,
  RecordVoteCommand,
} from '../../../application/meeting/meeting.handlers';
import { CurrentActor, Public, RequireRoles } from '../../auth/auth.decorators';
import type { Actor } from '../../auth/token.service';
import { DecidesPersonalData, mayReadPersonalData, redactForPublic } from '../public-redaction';
import { CommandRequestFrom } from '../command-request.decorator';
import { acceptStep, CommandEndpoint, PublicReadEndpoint, type CommandAcceptedDto } from '../command-response';
import { COMMITTEES } from '../communities/communities.controller';
import {
  AddAgendaItemDto,
  CloseMeetingDto,
  ConveneMeetingDto,
  OrderCorrectionDto,
  OverruleByHigherMeetingDto,
  PetitionToConveneDto,
  RecordAttendanceDto,
  RecordCourtRevocationDto,
  RecordPartyPreDeliberationDto,
  RecordVoteDto,
} from './meeting.dto';
import { MeetingReadModels } from './meeting-read-models.service';
import { entitySchema } from '../openapi/entity-schema';
import { ReadOperation } from '../openapi/read-operation';
import { StreamResource } from '../read-contract/stream-etag';
import { MeetingRecordEntity } from '../../../projections/meetings/meeting-record.entity';
import { CommunityOfMeeting, MeetingScopes, PlaceOfMeeting } from './meeting-scopes';
import { commandData } from '../command-request.dto';

/** Conveners (VM-2, VM-10, VM-11, RM-2, RM-4); the decider narrows by meeting kind. */
const CONVENERS = [...COMMITTEES, 'village_group_leader@community'] as const;


/** Drops undefined optional fields (exactOptionalPropertyTypes). */
const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

@ApiTags('meetings')
@Controller()
export class MeetingsController {
  constructor(private readonly commands: CommandBus, private readonly reads: MeetingReadModels, private readonly scopes: MeetingScopes) {}

  @Post('meetings/:meetingId/petitions')
  @ApiOperation({ summary: 'Petition to convene a meeting (VM-2, VM-10, RM-2, RM-4): opens an obligation to convene when the threshold is met' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS, 'resident@community')
  async petition(@Param('meetingId') meetingId: string, @Body() dto: PetitionToConveneDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new PetitionToConveneCommand({ ...commandData(dto), meetingId }, request), res);
  }

  @Post('communities/:communityId/meetings')
  @ApiOperation({ summary: "Convene a meeting with at least 10 days' notice or a recorded urgency (VM-3, RM-2)" })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS)
  async convene(@Param('communityId') communityId: string, @Body() dto: ConveneMeetingDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new ConveneMeetingCommand(defined({ ...commandData(dto), communityId }), request), res);
  }

  @Post('meetings/:meetingId/agenda-items')
  @ApiOperation({ summary: "Add an item to a convened meeting's agenda (reserved matters need authorisation: VM-6)" })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS)
  @CommunityOfMeeting
  async addAgendaItem(@Param('meetingId') meetingId: string, @Body() dto: AddAgendaItemDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new AddAgendaItemCommand(defined({ ...commandData(dto), meetingId }), request), res);
  }

  @Post('meetings/:meetingId/party-pre-deliberations')
  @ApiOperation({ summary: "Record the Party organisation's prior deliberation of an important matter (VM-7, RM-7)" })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS, 'party_organisation@community')
  @CommunityOfMeeting
  async preDeliberate(@Param('meetingId') meetingId: string, @Body() dto: RecordPartyPreDeliberationDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new RecordPartyPreDeliberationCommand({ ...commandData(dto), meetingId }, request), res);
  }

  @Post('meetings/:meetingId/attendance')
  @ApiOperation({ summary: 'Record attendance (observers never count towards the quorum)' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS)
  @CommunityOfMeeting
  async attendance(@Param('meetingId') meetingId: string, @Body() dto: RecordAttendanceDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new RecordAttendanceCommand(defined({ ...commandData(dto), meetingId }), request), res);
  }

  @Post('meetings/:meetingId/votes')
  @ApiOperation({ summary: 'Record the vote on an agenda item (quorum and majority: VM-5, VM-10, VM-11, RM-3, RM-5)' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS)
  @CommunityOfMeeting
  async vote(@Param('meetingId') meetingId: string, @Body() dto: RecordVoteDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new RecordVoteCommand({ ...commandData(dto), meetingId }, request), res);
  }

  @Post('meetings/:meetingId/closure')
  @ApiOperation({ summary: 'Close the meeting' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS)
  @CommunityOfMeeting
  async close(@Param('meetingId') meetingId: string, @Body() _dto: CloseMeetingDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new CloseMeetingCommand({ meetingId }, request), res);
  }

  /** VM-12: the township government; RM-8: the district government or the street office. */
  @Post('meetings/:meetingId/corrections')
  @ApiOperation({ summary: 'Order a correction of a decision (VM-12, RM-8)' })
  @CommandEndpoint()
  @RequireRoles('township_government@township', 'street_office@township', 'district_government@district')
  @PlaceOfMeeting()
  async correct(@Param('meetingId') meetingId: string, @Body() dto: OrderCorrectionDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new OrderCorrectionCommand({ ...commandData(dto), meetingId }, request), res);
  }

  /** VM-13: recorded by the committee or the township government with the judgment reference. */
  @Post('meetings/:meetingId/court-revocations')
  @ApiOperation({ summary: "Record a court's revocation of a decision (VM-13)" })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES, 'township_government@township')
  @CommunityOfMeeting
  @PlaceOfMeeting()
  async courtRevocation(@Param('meetingId') meetingId: string, @Body() dto: RecordCourtRevocationDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new RecordCourtRevocationCommand({ ...commandData(dto), meetingId }, request), res);
  }

  /** VM-8: recorded by the committee; the overruling decision is read from the plenary meeting's stream. */
  @Post('meetings/:meetingId/overrulings')
  @ApiOperation({ summary: 'Record that a higher meeting overruled a decision (VM-8)' })
  @CommandEndpoint()
  @RequireRoles(...COMMITTEES)
  @CommunityOfMeeting
  async overrule(@Param('meetingId') meetingId: string, @Body() dto: OverruleByHigherMeetingDto, @CommandRequestFrom() request: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new OverruleByHigherMeetingCommand(defined({ ...commandData(dto), meetingId }), request), res);
  }

  @Public()
  @DecidesPersonalData()
  @Get('meetings/:meetingId')
  @PublicReadEndpoint()
  @StreamResource()
  @ReadOperation({ summary: "One meeting's full record (read model `meeting-records`): every entry with its event's provenance; acting accounts and personal data removed for the public", response: entitySchema(MeetingRecordEntity) })
  async getMeeting(@Param('meetingId') meetingId: string, @CurrentActor() actor: Actor | undefined): Promise<Record<string, unknown>> {
    const record = await this.reads.meetingRecord(meetingId);
    // Attendees, observers, signers and reasons: only for the community's bodies, the township above it and auditors.
    const place = { communityId: String(record['communityId']), ...(actor === undefined ? {} : await this.scopes.placeOfCommunity(String(record['communityId'])).catch(() => ({}))) };
    return mayReadPersonalData(actor, place) ? record : (redactForPublic(record) as Record<string, unknown>);
  }
}
