import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import type { ConsultationStep } from '../../../application/consultation/consultation-step.command';
import { CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { CommandRequestFrom } from '../command-request.decorator';
import * as Dto from './consultation-outcome.dto';
import { runStep, stepData } from './consultation-preparation.controller';
import { ConsultationRoles, ORGANISERS, TOWNSHIP_GOVERNMENT } from './consultation-scope';

type StepType = ConsultationStep['type'];

/** The opinion or meeting decision, implementation, publication, feedback and closure (CS-3, CS-4, CS-9..CS-12, PD-3). */
@ApiTags('consultations')
@ApiParam({ name: 'id', description: 'consultation id' })
@Controller('consultations')
export class ConsultationOutcomeController {
  constructor(private readonly commands: CommandBus) {}

  private run(type: StepType, id: string, dto: Dto.EmptyStepDto, r: CommandRequest, res: HttpReply): Promise<CommandAcceptedDto> {
    return runStep(this.commands, { type, data: { ...stepData(dto), consultationId: id } } as ConsultationStep, r, res);
  }

  @Post(':id/opinion') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Opinion formed (CS-5; an unresolved or seriously contested matter must be referred, CS-9)' })
  opinion(@Param('id') id: string, @Body() dto: Dto.FormOpinionDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('FormOpinion', id, dto, r, res);
  }

  @Post(':id/dissenter-briefings') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Dissenters briefed (CS-9)' })
  briefing(@Param('id') id: string, @Body() dto: Dto.BriefDissentersDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('BriefDissenters', id, dto, r, res);
  }

  @Post(':id/referrals') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: "Referred to a villagers'/residents' (representatives') meeting (CS-9)" })
  referral(@Param('id') id: string, @Body() dto: Dto.ReferToMeetingDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('ReferToMeeting', id, dto, r, res);
  }

  @Post(':id/meeting-decisions') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: "Meeting decision recorded; outcome and date are read from the meeting's stream (CS-3)" })
  meetingDecision(@Param('id') id: string, @Body() dto: Dto.RecordMeetingDecisionDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const data = { consultationId: id, meetingId: dto.meetingId, decisionId: dto.itemId };
    return runStep(this.commands, { type: 'RecordMeetingDecision', data }, r, res);
  }

  @Post(':id/withdrawal') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Consultation withdrawn before the outcome' })
  withdrawal(@Param('id') id: string, @Body() dto: Dto.WithdrawConsultationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('WithdrawConsultation', id, dto, r, res);
  }

  @Post(':id/corrections') @CommandEndpoint() @ConsultationRoles(TOWNSHIP_GOVERNMENT)
  @ApiOperation({ summary: 'Outcome corrected by the township government / street office (CS-10)' })
  correction(@Param('id') id: string, @Body() dto: Dto.CorrectOutcomeDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('CorrectOutcome', id, dto, r, res);
  }

  @Post(':id/implementation-plan') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Implementation plan published (CS-12, PD-3)' })
  plan(@Param('id') id: string, @Body() dto: Dto.PublishImplementationPlanDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('PublishImplementationPlan', id, dto, r, res);
  }

  @Post(':id/implementation') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Implementation started (CS-3, CS-12)' })
  implementation(@Param('id') id: string, @Body() dto: Dto.EmptyStepDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('StartImplementation', id, dto, r, res);
  }

  @Post(':id/progress-reports') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Implementation progress published (CS-12, PD-3)' })
  progress(@Param('id') id: string, @Body() dto: Dto.ReportImplementationProgressDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('ReportImplementationProgress', id, dto, r, res);
  }

  @Post(':id/completion') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Implementation completed and its results published (CS-3, CS-12, PD-3)' })
  completion(@Param('id') id: string, @Body() dto: Dto.CompleteImplementationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { satisfied, neutral, dissatisfied } = dto.satisfaction;
    return runStep(this.commands, { type: 'CompleteImplementation', data: { ...stepData(dto), satisfaction: { satisfied, neutral, dissatisfied }, consultationId: id } }, r, res);
  }

  @Post(':id/commissioner-reports') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Reported to the commissioning body (CS-11)' })
  commissionerReport(@Param('id') id: string, @Body() dto: Dto.ReportToCommissionerDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('ReportToCommissioner', id, dto, r, res);
  }

  @Post(':id/commissioner-feedback') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: "The commissioning body's feedback received (CS-11)" })
  commissionerFeedback(@Param('id') id: string, @Body() dto: Dto.RecordCommissionerFeedbackDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('RecordCommissionerFeedback', id, dto, r, res);
  }

  @Post(':id/publications') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Result or implementation published (CS-4, CS-12, PD-3)' })
  publication(@Param('id') id: string, @Body() dto: Dto.PublishResultDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('PublishResult', id, dto, r, res);
  }

  @Post(':id/feedback') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Feedback given to every participant (CS-5)' })
  feedback(@Param('id') id: string, @Body() dto: Dto.GiveFeedbackDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('GiveFeedback', id, dto, r, res);
  }

  @Post(':id/closure') @CommandEndpoint() @ConsultationRoles(ORGANISERS)
  @ApiOperation({ summary: 'Consultation closed (CS-3, CS-4, CS-5, CS-9, CS-11)' })
  closure(@Param('id') id: string, @Body() dto: Dto.EmptyStepDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.run('CloseConsultation', id, dto, r, res);
  }
}
