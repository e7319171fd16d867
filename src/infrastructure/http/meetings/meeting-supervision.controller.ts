import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { MeetingSupervisionCommandMessage } from '../../../application/meeting/meeting-supervision.handler';
import { RequireRoles } from '../../auth/auth.decorators';
import { CommandRequestFrom } from '../command-request.decorator';
import { acceptStep, CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { COMMITTEES } from '../communities/communities.controller';
import { AdmitSupervisionMemberDto, RecordSupervisionAttendanceRefusedDto } from '../consultation/consultation-preparation.dto';
import { CommunityOfMeeting } from './meeting-scopes';

const CONVENERS = [...COMMITTEES, 'village_group_leader@community'] as const;
const SUPERVISION = 'supervision_committee@community';

/** SV-5 at meetings, the same two steps as at consultations (consultation-preparation.controller.ts). */
@ApiTags('meetings')
@Controller('meetings/:meetingId')
export class MeetingSupervisionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('supervision-observers')
  @ApiOperation({ summary: 'Supervision committee member admitted as observer (列席, SV-5)' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS, SUPERVISION)
  @CommunityOfMeeting
  async admit(@Param('meetingId') meetingId: string, @Body() dto: AdmitSupervisionMemberDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new MeetingSupervisionCommandMessage({ type: 'AdmitSupervisionObserver', data: { meetingId, personRef: dto.personRef } }, r), res);
  }

  @Post('supervision-refusals')
  @ApiOperation({ summary: 'Supervision attendance refused, reported; a violation at a representative meeting under the 2025 text (SV-5)' })
  @CommandEndpoint()
  @RequireRoles(...CONVENERS, SUPERVISION, 'resident@community')
  @CommunityOfMeeting
  async refused(@Param('meetingId') meetingId: string, @Body() dto: RecordSupervisionAttendanceRefusedDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const data = { meetingId, personRef: dto.personRef, refusedByRole: dto.refusedByRole, note: dto.note };
    return acceptStep(this.commands, new MeetingSupervisionCommandMessage({ type: 'RecordSupervisionObserverRefused', data }, r), res);
  }
}
