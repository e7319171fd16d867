import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { SupervisionStepCommand, type SupervisionStep } from '../../../application/supervision/supervision-step';
import { acceptStep, CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { commandData } from '../command-request.dto';
import { CommandRequestFrom } from '../command-request.decorator';
import { ReadOperation } from '../openapi/read-operation';
import { AsOfQueryDto } from './supervision.dto';
import * as Dto from './supervision-workflows.dto';
import { SupervisionReadModels } from './supervision-read-models.service';
import { COMPLAINTS_SCHEMA, EXPENDITURE_CONTROL_SCHEMA } from './supervision-read-schemas';
import { COMMITTEES, CommunityRoles, RECORD_READERS, RESIDENTS, SUPERVISION_COMMITTEE, TOWNSHIP } from './supervision-scopes';

/** PD-4 complaint -> investigation -> finding -> publication order; SV-15 expenditure veto and appeal; SV-13 voucher co-signing. */
@ApiTags('supervision')
@Controller('communities/:communityId')
export class SupervisionWorkflowsController {
  constructor(private readonly commands: CommandBus, private readonly reads: SupervisionReadModels) {}

  private step(step: SupervisionStep, r: CommandRequest, res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new SupervisionStepCommand(step, r), res);
  }

  @Post('publication-complaints') @CommandEndpoint() @CommunityRoles(...RESIDENTS)
  @ApiOperation({ summary: "A resident's complaint to the township that a matter was not published or was untrue (PD-4); the complainant is the token's actor" })
  complain(@Param('communityId') communityId: string, @Body() dto: Dto.FileComplaintDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'FilePublicationComplaint', data: { ...commandData(dto), complainantRef: r.actorId, communityId } }, r, res);
  }

  @Post('publication-complaints/:complaintId/investigation') @CommandEndpoint() @CommunityRoles(...TOWNSHIP)
  @ApiOperation({ summary: 'The township opens its investigation of the complaint (PD-4 调查核实)' })
  investigate(@Param('communityId') communityId: string, @Param('complaintId') complaintId: string, @Body() _dto: Dto.OpenInvestigationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'OpenPublicationInvestigation', data: { complaintId, communityId } }, r, res);
  }

  @Post('publication-complaints/:complaintId/finding') @CommandEndpoint() @CommunityRoles(...TOWNSHIP)
  @ApiOperation({ summary: 'The township finds the complaint founded or unfounded, after its investigation (PD-4)' })
  finding(@Param('communityId') communityId: string, @Param('complaintId') complaintId: string, @Body() dto: Dto.ComplaintFindingDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'RecordComplaintFinding', data: { finding: dto.finding, documentHash: dto.documentHash, complaintId, communityId } }, r, res);
  }

  @Post('publication-complaints/:complaintId/order') @CommandEndpoint() @CommunityRoles(...TOWNSHIP)
  @ApiOperation({ summary: 'On a founded finding only: the township orders publication by a date; an obligation opens that the covering publication closes (PD-4 责令依法公布)' })
  order(@Param('communityId') communityId: string, @Param('complaintId') complaintId: string, @Body() dto: Dto.OrderPublicationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'OrderPublication', data: { orderId: dto.orderId, dueBy: dto.dueBy, complaintId, communityId } }, r, res);
  }

  @Get('publication-complaints') @ApiBearerAuth() @CommunityRoles(...RECORD_READERS)
  @ReadOperation({ summary: 'complaints about publication (PD-4): ground, investigation, finding and order, each step with provenance', response: COMPLAINTS_SCHEMA })
  complaints(@Param('communityId') communityId: string, @Query() q: AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.complaints(communityId, q.asOf);
  }

  @Post('expenditure-vetoes') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'The supervision committee vetoes an unreasonable expenditure, where the locality policy has the workflow (SV-15)' })
  veto(@Param('communityId') communityId: string, @Body() dto: Dto.VetoExpenditureDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'VetoExpenditure', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('expenditure-vetoes/:vetoId/appeal') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: "The villagers'/residents' committee appeals the veto to a meeting (SV-15 当事人有异议的); the appellant is the token's actor" })
  appeal(@Param('communityId') communityId: string, @Param('vetoId') vetoId: string, @Body() dto: Dto.AppealVetoDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'AppealExpenditureVeto', data: { grounds: dto.grounds, appellantRef: r.actorId, vetoId, communityId } }, r, res);
  }

  @Post('expenditure-vetoes/:vetoId/appeal-decision') @CommandEndpoint() @CommunityRoles(...COMMITTEES, ...SUPERVISION_COMMITTEE, ...TOWNSHIP)
  @ApiOperation({ summary: "The appeal's outcome, read from the meeting's stream: an adopted decision overturns the veto, a rejected one upholds it (SV-15)" })
  appealDecision(@Param('communityId') communityId: string, @Param('vetoId') vetoId: string, @Body() dto: Dto.DecideAppealDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'DecideExpenditureVetoAppeal', data: { meetingId: dto.meetingId, itemId: dto.itemId, vetoId, communityId } }, r, res);
  }

  @Post('vouchers/:voucherId/countersignature') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'The supervision committee co-signs a voucher or refuses with comments (SV-13 三签一章, SV-12 审核权); the signer is the token\'s actor' })
  countersign(@Param('communityId') communityId: string, @Param('voucherId') voucherId: string, @Body() dto: Dto.CountersignVoucherDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const data = { expenditureRef: dto.expenditureRef, decision: dto.decision, signerRef: r.actorId, ...(dto.comments === undefined ? {} : { comments: dto.comments }), voucherId, communityId };
    return this.step({ type: 'CountersignVoucher', data }, r, res);
  }

  @Post('vouchers/:voucherId/booking') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: 'Voucher booked (报账): co-signed first where the policy requires it (SV-13); never while a veto stands (SV-15)' })
  book(@Param('communityId') communityId: string, @Param('voucherId') voucherId: string, @Body() dto: Dto.BookVoucherDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'BookVoucher', data: { expenditureRef: dto.expenditureRef, documentHash: dto.documentHash, voucherId, communityId } }, r, res);
  }

  @Get('expenditure-control') @ApiBearerAuth() @CommunityRoles(...RECORD_READERS)
  @ReadOperation({ summary: 'expenditure vetoes with appeal and meeting decision (SV-15), vouchers with co-signatures and booking (SV-13), with provenance', response: EXPENDITURE_CONTROL_SCHEMA })
  expenditureControl(@Param('communityId') communityId: string): Promise<Record<string, unknown>> {
    return this.reads.expenditureControl(communityId);
  }
}
