import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { ConsultationStepCommand, type ConsultationStep } from '../../../application/consultation/consultation-step.command';
import { RequireRoles } from '../../auth/auth.decorators';
import { acceptStep, CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { CommandRequestFrom } from '../command-request.decorator';
import { commandData } from '../command-request.dto';
import * as Dto from './consultation-preparation.dto';
import { ConsultationRoles, ORGANISERS, SUPERVISION_REPORTERS } from './consultation-scope';

type Res_ = HttpReply;
/** Sends a step to the one consultation handler and answers 201 with the stream revision as ETag. */
export const runStep = (commands: CommandBus, step: ConsultationStep, request: CommandRequest, res: Res_): Promise<CommandAcceptedDto> =>
  acceptStep(commands, new ConsultationStepCommand(step, request), res);

export const stepData = commandData;

/** Opening a consultation and the steps up to the session (CS-5..CS-8, CS-13..CS-15, SV-5). */
@ApiTags('consultations')
@Controller('consultations')
export class ConsultationPreparationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CommandEndpoint()
  @ApiOperation({ summary: 'Opinions solicited: opens a consultation (CS-5)' })
  @RequireRoles(...ORGANISERS)
  solicit(@Body() dto: Dto.SolicitOpinionsDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'SolicitOpinions', data: commandData(dto) }, r, res);
  }

  @Post(':id/topic')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Topic proposed from the locality catalogue (CS-5, CS-7, CS-13)' })
  @ConsultationRoles(ORGANISERS)
  topic(@Param('id') id: string, @Body() dto: Dto.ProposeTopicDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    const data = { ...commandData(dto), commissioner: dto.commissioner ?? null, consultationId: id };
    return runStep(this.commands, { type: 'ProposeTopic', data }, r, res);
  }

  @Post(':id/participants')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Participants determined (CS-14)' })
  @ConsultationRoles(ORGANISERS)
  participants(@Param('id') id: string, @Body() dto: Dto.DetermineParticipantsDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    const participants = dto.participants.map((p) => ({ personRef: p.personRef, category: p.category }));
    return runStep(this.commands, { type: 'DetermineParticipants', data: { consultationId: id, participants } }, r, res);
  }

  @Post(':id/experts')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Expert invited (CS-8)' })
  @ConsultationRoles(ORGANISERS)
  expert(@Param('id') id: string, @Body() dto: Dto.InviteExpertDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'InviteExpert', data: { ...commandData(dto), consultationId: id } }, r, res);
  }

  @Post(':id/supervision-members')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Supervision committee member admitted (SV-5)' })
  @ConsultationRoles([...ORGANISERS, 'supervision_committee@community'])
  supervisionMember(@Param('id') id: string, @Body() dto: Dto.AdmitSupervisionMemberDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'AdmitSupervisionMember', data: { ...commandData(dto), consultationId: id } }, r, res);
  }

  @Post(':id/supervision-refusals')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Supervision attendance refused, reported (SV-5)' })
  @ConsultationRoles(SUPERVISION_REPORTERS)
  supervisionRefusal(@Param('id') id: string, @Body() dto: Dto.RecordSupervisionAttendanceRefusedDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'RecordSupervisionAttendanceRefused', data: { ...commandData(dto), consultationId: id } }, r, res);
  }

  @Post(':id/notices')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Content notified to every participant in advance (CS-5)' })
  @ConsultationRoles(ORGANISERS)
  notice(@Param('id') id: string, @Body() dto: Dto.NotifyContentDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'NotifyContent', data: { ...commandData(dto), consultationId: id } }, r, res);
  }

  @Post(':id/sessions')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Consultation held (CS-5, CS-6, CS-15)' })
  @ConsultationRoles(ORGANISERS)
  session(@Param('id') id: string, @Body() dto: Dto.HoldConsultationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    const views = dto.views.map((v) => ({ personRef: v.personRef, position: v.position, text: v.text ?? null }));
    return runStep(this.commands, { type: 'HoldConsultation', data: { ...commandData(dto), views, consultationId: id } }, r, res);
  }

  @Post(':id/deviations')
  @CommandEndpoint()
  @ApiParam({ name: 'id', description: 'consultation id' })
  @ApiOperation({ summary: 'Procedure deviation recorded with its reason (policy-fixed steps only; law-fixed steps are refused with CS-3/CS-4/PD-3)' })
  @ConsultationRoles(ORGANISERS, { opening: true })
  deviation(@Param('id') id: string, @Body() dto: Dto.RecordProcedureDeviationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Res_): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type: 'RecordProcedureDeviation', data: { ...commandData(dto), consultationId: id } }, r, res);
  }
}
