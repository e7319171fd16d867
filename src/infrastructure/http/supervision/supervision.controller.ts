import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../openapi/read-operation';
import { APPRAISALS_SCHEMA, CADENCE_SCHEMA, CASEBOOK_SCHEMA, OBLIGATIONS_SCHEMA, PUBLIC_BOARD_SCHEMA, ROSTER_SCHEMA } from './supervision-read-schemas';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { PublicationStepCommand } from '../../../application/supervision/publication-step';
import { SupervisionStepCommand, type SupervisionStep } from '../../../application/supervision/supervision-step';
import { ValidationError } from '../../../domain/shared';
import { Public, RequireRoles } from '../../auth/auth.decorators';
import { acceptStep, CommandEndpoint, PublicReadEndpoint, type CommandAcceptedDto } from '../command-response';
import { CommandRequestFrom } from '../command-request.decorator';
import * as Dto from './supervision.dto';
import { SupervisionReadModels } from './supervision-read-models.service';
import { COMMITTEES, CommunityRoles, RECORD_READERS, SUPERVISION_COMMITTEE, TOWNSHIP } from './supervision-scopes';
import { commandData } from '../command-request.dto';

const LOCALITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const POLICY_ROLES = ['township_government', 'street_office', 'district_government', 'civil_affairs_office'];

/** 村务/居务监督: the supervision committee, its members' eligibility, kinship, misconduct reports; drafting publications; the public board. */
@ApiTags('supervision')
@Controller()
export class SupervisionController {
  constructor(private readonly commands: CommandBus, private readonly reads: SupervisionReadModels) {}

  private step(step: SupervisionStep, r: CommandRequest, res: HttpReply): Promise<CommandAcceptedDto> {
    return acceptStep(this.commands, new SupervisionStepCommand(step, r), res);
  }

  @Post('supervision-policies/:localityId/versions') @CommandEndpoint() @RequireRoles(...POLICY_ROLES)
  @ApiOperation({ summary: 'Adopt a supervision/publication policy version (SV-3 near relatives, SV-10, PD-8, PD-2 finance monthly, PD-2 max lag, PD-5 urban cadence, SV-7 threshold)' })
  policy(@Param('localityId') localityId: string, @Body() dto: Dto.AdoptSupervisionPolicyVersionDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    if (!LOCALITY_ID.test(localityId)) throw new ValidationError('invalid locality id', [{ field: 'localityId', message: 'must be an id (letters, digits, . _ : -)' }]);
    const d = commandData(dto);
    return this.step({ type: 'AdoptSupervisionPolicyVersion', data: { ...d, majorMatterMaxLagDays: d.majorMatterMaxLagDays ?? null, localityId } }, r, res);
  }

  @Post('communities/:communityId/office-holders') @CommandEndpoint() @CommunityRoles(...COMMITTEES, ...TOWNSHIP)
  @ApiOperation({ summary: "Posts of a committee term (村/居委会 members, Party secretary, accountant, ...); the supervision committee is re-checked (SV-3, SV-10)" })
  officeHolders(@Param('communityId') communityId: string, @Body() dto: Dto.RecordOfficeHoldersDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const d = commandData(dto);
    return this.step({ type: 'RecordOfficeHolders', data: { ...d, holders: d.holders.map((h) => ({ personRef: h.personRef, post: h.post })), communityId } }, r, res);
  }

  @Post('communities/:communityId/supervision-committees') @CommandEndpoint() @CommunityRoles(...COMMITTEES, ...TOWNSHIP)
  @ApiOperation({ summary: "Supervision committee constituted from an adopted election decision read from the meeting's stream (SV-2, SV-3, SV-4, SV-9)" })
  constitute(@Param('communityId') communityId: string, @Body() dto: Dto.ConstituteSupervisionCommitteeDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { justification, members, electedBy, ...d } = commandData(dto);
    const data = {
      ...d, communityId, electedBy: { meetingId: electedBy.meetingId, itemId: electedBy.itemId },
      members: members.map((m) => ({ personRef: m.personRef, role: m.role, competences: [...m.competences], basis: m.basis })),
      ...(justification === undefined ? {} : { justification }),
    };
    return this.step({ type: 'ConstituteSupervisionCommittee', data }, r, res);
  }

  @Post('communities/:communityId/kinships') @CommandEndpoint() @CommunityRoles(...COMMITTEES, ...SUPERVISION_COMMITTEE, ...TOWNSHIP)
  @ApiOperation({ summary: 'Kinship declared; a conflict it creates with a committee in office is recorded in the same step (SV-3)' })
  kinship(@Param('communityId') communityId: string, @Body() dto: Dto.DeclareKinshipDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'DeclareKinship', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('communities/:communityId/kinships/:kinshipId/withdrawal') @CommandEndpoint() @CommunityRoles(...COMMITTEES, ...SUPERVISION_COMMITTEE, ...TOWNSHIP)
  @ApiOperation({ summary: 'Kinship withdrawn; conflicts that rested on it are cleared (SV-3)' })
  withdraw(@Param('communityId') communityId: string, @Param('kinshipId') kinshipId: string, @Body() dto: Dto.WithdrawKinshipDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'WithdrawKinship', data: { reason: dto.reason, kinshipId, communityId } }, r, res);
  }

  @Post('communities/:communityId/misconduct-reports') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Misconduct reported to the government and the supervisory organ, both named (SV-6)' })
  misconduct(@Param('communityId') communityId: string, @Body() dto: Dto.ReportMisconductDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'ReportMisconduct', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('communities/:communityId/funds-receipts') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: 'Relief/subsidy funds or donations received: opens a publication obligation (PD-1 ②, PD-5 ②)' })
  funds(@Param('communityId') communityId: string, @Body() dto: Dto.RecordFundsReceiptDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'RecordFundsReceipt', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Public() @Get('communities/:communityId/publication-obligations') @PublicReadEndpoint()
  @ReadOperation({ summary: 'publication obligations (PD-1 ① ② ④, PD-5, PD-4 orders) with due date (order date, consultation due date, policy max lag, else end of quarter), covering publication and recorded miss', response: OBLIGATIONS_SCHEMA })
  obligations(@Param('communityId') communityId: string, @Query() q: Dto.AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.obligations(communityId, q.asOf);
  }

  @Post('communities/:communityId/appraisals') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Democratic appraisal hosted by the supervision committee at a meeting; a second consecutive 不称职 ends the mandate (SV-7)' })
  appraisal(@Param('communityId') communityId: string, @Body() dto: Dto.RecordAppraisalDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { results, ...d } = commandData(dto);
    return this.step({ type: 'RecordAppraisal', data: { ...d, results: results.map((x) => ({ cadreRef: x.cadreRef, competent: x.competent, basicallyCompetent: x.basicallyCompetent, incompetent: x.incompetent })), communityId } }, r, res);
  }

  @Get('communities/:communityId/appraisals') @ApiBearerAuth() @CommunityRoles(...RECORD_READERS)
  @ReadOperation({ summary: 'appraisal history per cadre (SV-7): counts, verdict under the locality threshold, mandate terminations, with provenance', response: APPRAISALS_SCHEMA })
  appraisals(@Param('communityId') communityId: string, @Query() q: Dto.AppraisalQueryDto): Promise<Record<string, unknown>> {
    return this.reads.appraisals(communityId, q.cadreRef);
  }

  @Post('communities/:communityId/inquiries') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Inquiry (质询) raised by the supervision committee, tagged with a supervision domain (SV-12, SV-11)' })
  inquiry(@Param('communityId') communityId: string, @Body() dto: Dto.RaiseInquiryDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'RaiseInquiry', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('communities/:communityId/inquiries/:inquiryId/answer') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: "The villagers'/residents' committee answers the inquiry (SV-12)" })
  answerInquiry(@Param('communityId') communityId: string, @Param('inquiryId') inquiryId: string, @Body() dto: Dto.AnswerInquiryDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'AnswerInquiry', data: { answer: dto.answer, inquiryId, communityId } }, r, res);
  }

  @Post('communities/:communityId/findings') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Finding recorded, tagged with one of the six supervision domains (SV-11)' })
  finding(@Param('communityId') communityId: string, @Body() dto: Dto.RecordFindingDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'RecordFinding', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('communities/:communityId/rectifications') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'Rectification requested on a finding, due by a date (SV-12)' })
  rectification(@Param('communityId') communityId: string, @Body() dto: Dto.RequestRectificationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'RequestRectification', data: { ...commandData(dto), communityId } }, r, res);
  }

  @Post('communities/:communityId/rectifications/:rectificationId/report') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: "The villagers'/residents' committee reports the rectification" })
  rectificationReport(@Param('communityId') communityId: string, @Param('rectificationId') rectificationId: string, @Body() dto: Dto.ReportRectificationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'ReportRectification', data: { reportHash: dto.reportHash, rectificationId, communityId } }, r, res);
  }

  @Post('communities/:communityId/rectifications/:rectificationId/closure') @CommandEndpoint() @CommunityRoles(...SUPERVISION_COMMITTEE)
  @ApiOperation({ summary: 'The supervision committee closes the rectification: rectified (after a report) or not' })
  rectificationClosure(@Param('communityId') communityId: string, @Param('rectificationId') rectificationId: string, @Body() dto: Dto.CloseRectificationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    return this.step({ type: 'CloseRectification', data: { outcome: dto.outcome, rectificationId, communityId } }, r, res);
  }

  @Get('communities/:communityId/casebook') @ApiBearerAuth() @CommunityRoles(...RECORD_READERS)
  @ReadOperation({ summary: "the supervision committee's casebook: inquiries, findings (SV-11 domain), rectifications with status and overdue flags, with provenance", response: CASEBOOK_SCHEMA })
  casebook(@Param('communityId') communityId: string, @Query() q: Dto.AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.casebook(communityId, q.asOf);
  }

  @Post('communities/:communityId/publications') @CommandEndpoint() @CommunityRoles(...COMMITTEES)
  @ApiOperation({ summary: "Publication drafted by the villagers'/residents' committee (PD-1, PD-5, PD-6); review required per policy (PD-8)" })
  async draft(@Param('communityId') communityId: string, @Body() dto: Dto.DraftPublicationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { covers, ...d } = commandData(dto);
    const step = { type: 'DraftPublication' as const, data: { ...d, channels: [...d.channels], covers: covers ?? [], communityId } };
    return acceptStep(this.commands, new PublicationStepCommand(step, r), res);
  }

  @Get('communities/:communityId/supervision-committee') @ApiBearerAuth() @CommunityRoles(...RECORD_READERS)
  @ReadOperation({ summary: 'roster: committees with mandate (SV-4), members with eligibility and conflicts (SV-3, SV-10), warnings and justification (SV-9), SV-1 flag, kinships, misconduct reports (SV-6); provenance on every entry', response: ROSTER_SCHEMA })
  roster(@Param('communityId') communityId: string, @Query() q: Dto.AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.roster(communityId, q.asOf);
  }

  @Public() @Get('communities/:communityId/public-board') @PublicReadEndpoint()
  @ReadOperation({ summary: 'public board (PD-3): what is posted now and the full history; published content only, no personal data', response: PUBLIC_BOARD_SCHEMA })
  board(@Param('communityId') communityId: string, @Query() q: Dto.AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.publicBoard(communityId, q.asOf);
  }

  @Public() @Get('communities/:communityId/publication-cadence') @PublicReadEndpoint()
  @ReadOperation({ summary: 'due and missing publications per category and period (PD-2 villages, PD-5 urban per policy)', response: CADENCE_SCHEMA })
  cadence(@Param('communityId') communityId: string, @Query() q: Dto.AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.cadence(communityId, q);
  }
}
