import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { AssignTaskCommand, WorkListStepCommand, type AssignmentResult, type WorkListStep } from '../../../application/work-item-lists/work-list-step.command';
import { RequireRoles } from '../../auth/auth.decorators';
import { COMMITTEES } from '../communities/communities.controller';
import { CommandRequestFrom } from '../command-request.decorator';
import { acceptStep, CommandEndpoint, commandAccepted, type CommandAcceptedDto } from '../command-response';
import {
  AnswerConsultationDto,
  ApproveChangeRequestDto,
  AssignmentQueryDto,
  AssignTaskDto,
  ChangeRequestQueryDto,
  ConsultCommunitiesDto,
  EmptyCommandDto,
  FileChangeRequestDto,
  InvokeExemptionDto,
  ProvincialApprovalDto,
  ReasonsDto,
  RecordAssessmentDto,
  RefuseAssignmentDto,
  ReviewChangeRequestDto,
  WithdrawChangeRequestDto,
} from './work-list.dto';
import { WorkListReadModels } from './work-list-read-models.service';
import { ReadOperation } from '../openapi/read-operation';
import { ADMISSIONS_SCHEMA, ASSIGNMENTS_SCHEMA, CHANGE_REQUEST_QUEUE_SCHEMA, CHANGE_REQUEST_SCHEMA, OVERSIGHT_SCHEMA } from './work-list-schemas';
import { CommunityOfAssignment, DepartmentOfBody, FirstCommunityOfBody, ScopesOfChangeRequest } from './work-list-scopes';

const DEPARTMENT = 'government_department@department';
const REVIEW_BODY = 'list_review_body@jurisdiction';
const APPROVAL_BODY = 'list_approval_body@jurisdiction';

type Accepted = CommandAcceptedDto;

/** 准入: change requests, task admission, emergency exemptions and reported assessments. */
@ApiTags('work-item-lists')
@Controller()
export class WorkListProcedureController {
  constructor(private readonly commands: CommandBus, private readonly reads: WorkListReadModels) {}

  private async step(step: WorkListStep, r: CommandRequest, res: HttpReply): Promise<Accepted> {
    return acceptStep(this.commands, new WorkListStepCommand(step, r), res);
  }

  @Post('work-list-change-requests')
  @CommandEndpoint()
  @ApiOperation({ summary: 'A department applies to add, amend or remove an item (reasons, legal basis, funding; WL-1, policy lead time)' })
  @RequireRoles(DEPARTMENT)
  @DepartmentOfBody()
  file(@Body() dto: FileChangeRequestDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, item, ...data } = dto;
    const clean = item === undefined || item === null ? null : { ...item, funding: { kind: item.funding.kind, departmentRef: item.funding.departmentRef } };
    return this.step({ type: 'FileChangeRequest', data: { ...data, item: clean } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/consultations')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The reviewing or approving body consults communities' })
  @RequireRoles(REVIEW_BODY, APPROVAL_BODY)
  @ScopesOfChangeRequest()
  consult(@Param('changeRequestId') changeRequestId: string, @Body() dto: ConsultCommunitiesDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, answerBy, communityIds } = dto;
    return this.step({ type: 'ConsultCommunities', data: { changeRequestId, communityIds, ...(answerBy === undefined ? {} : { answerBy }) } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/answers')
  @CommandEndpoint()
  @ApiOperation({ summary: 'A consulted community answers' })
  @RequireRoles(...COMMITTEES)
  answer(@Param('changeRequestId') changeRequestId: string, @Body() dto: AnswerConsultationDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, ...data } = dto;
    return this.step({ type: 'AnswerConsultation', data: { ...data, changeRequestId } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/reviews')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The reviewing body reviews (recommendation and reasons)' })
  @RequireRoles(REVIEW_BODY)
  @ScopesOfChangeRequest()
  review(@Param('changeRequestId') changeRequestId: string, @Body() dto: ReviewChangeRequestDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, ...data } = dto;
    return this.step({ type: 'ReviewChangeRequest', data: { ...data, changeRequestId } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/provincial-approvals')
  @CommandEndpoint()
  @ApiOperation({ summary: 'WL-6: provincial approval of a new village-level mechanism' })
  @RequireRoles('provincial_government', APPROVAL_BODY)
  @ScopesOfChangeRequest()
  provincial(@Param('changeRequestId') changeRequestId: string, @Body() dto: ProvincialApprovalDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, ...data } = dto;
    return this.step({ type: 'RecordProvincialApproval', data: { ...data, changeRequestId } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/approval')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The approving body approves, with reasons and the effective date' })
  @RequireRoles(APPROVAL_BODY)
  @ScopesOfChangeRequest()
  approve(@Param('changeRequestId') changeRequestId: string, @Body() dto: ApproveChangeRequestDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, effectiveFrom, reasons } = dto;
    return this.step({ type: 'ApproveChangeRequest', data: { changeRequestId, reasons, ...(effectiveFrom === undefined ? {} : { effectiveFrom }) } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/rejection')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The approving body rejects, with reasons' })
  @RequireRoles(APPROVAL_BODY)
  @ScopesOfChangeRequest()
  reject(@Param('changeRequestId') changeRequestId: string, @Body() dto: ReasonsDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    return this.step({ type: 'RejectChangeRequest', data: { changeRequestId, reasons: dto.reasons } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/withdrawal')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The applying department withdraws before a decision' })
  @RequireRoles(DEPARTMENT)
  @ScopesOfChangeRequest()
  withdraw(@Param('changeRequestId') changeRequestId: string, @Body() dto: WithdrawChangeRequestDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    return this.step({ type: 'WithdrawChangeRequest', data: { changeRequestId, reason: dto.reason } }, r, res);
  }

  @Post('work-list-change-requests/:changeRequestId/publication')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Publish the approved change: a new list version in force from its effective date' })
  @RequireRoles(APPROVAL_BODY)
  @ScopesOfChangeRequest()
  publish(@Param('changeRequestId') changeRequestId: string, @Body() _dto: EmptyCommandDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    return this.step({ type: 'PublishApprovedChange', data: { changeRequestId } }, r, res);
  }

  @Get('work-list-change-requests')
  @ApiBearerAuth()
  @RequireRoles()
  @ReadOperation({ summary: 'The change-request queue with decision deadlines and overdue flags', response: CHANGE_REQUEST_QUEUE_SCHEMA })
  queue(@Query() q: ChangeRequestQueryDto): Promise<Record<string, unknown>> {
    return this.reads.changeRequests(q);
  }

  @Get('work-list-change-requests/:changeRequestId')
  @ApiBearerAuth()
  @RequireRoles()
  @ReadOperation({ summary: 'One change request: steps with reasons and provenance, consultation answers, deadline', response: CHANGE_REQUEST_SCHEMA })
  changeRequest(@Param('changeRequestId') changeRequestId: string): Promise<Record<string, unknown>> {
    return this.reads.changeRequest(changeRequestId);
  }

  @Post('work-assignments')
  @CommandEndpoint()
  @ApiOperation({ summary: 'A department assigns a task to a community: admitted or refused against the list version in force on its date; both recorded' })
  @RequireRoles(DEPARTMENT)
  @DepartmentOfBody()
  async assign(@Body() dto: AssignTaskDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted & Omit<AssignmentResult, keyof import('../../../application/command-handling/handle-command').CommandResult>> {
    const { occurredAt: _, itemId, taskCategory, exemptionId, ...data } = dto;
    const result = await this.commands.execute(new AssignTaskCommand({ ...data, itemId: itemId ?? null, taskCategory: taskCategory ?? null, exemptionId: exemptionId ?? null }, r));
    const { outcome, reason, rule, listVersion, emergency } = result;
    return { ...commandAccepted(res, result), outcome, reason, rule, listVersion, emergency };
  }

  @Post('work-assignments/:assignmentId/refusals')
  @CommandEndpoint()
  @ApiOperation({ summary: 'The community refuses an assignment itself, citing the list (§5.3)' })
  @RequireRoles(...COMMITTEES)
  @CommunityOfAssignment
  refuse(@Param('assignmentId') assignmentId: string, @Body() dto: RefuseAssignmentDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    return this.step({ type: 'RefuseAssignment', data: { assignmentId, citedItemId: dto.citedItemId ?? null, citedCategory: dto.citedCategory ?? null, reason: dto.reason } }, r, res);
  }

  @Get('work-assignments')
  @ApiBearerAuth()
  @RequireRoles()
  @ReadOperation({ summary: 'Assignments with their admission outcome, reason and rule', response: ASSIGNMENTS_SCHEMA })
  assignments(@Query() q: AssignmentQueryDto): Promise<Record<string, unknown>> {
    return this.reads.assignments(q);
  }

  @Get('work-lists/:jurisdictionId/admissions')
  @ApiBearerAuth()
  @RequireRoles()
  @ReadOperation({ summary: 'Admissions per department and community: admitted, refused by reason and rule, refused by the community', response: ADMISSIONS_SCHEMA })
  admissions(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.admissionSummary(jurisdictionId);
  }

  @Post('work-list-exemptions')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Invoke an emergency exemption (§5.3): category, who, expiry' })
  @RequireRoles(DEPARTMENT, APPROVAL_BODY)
  @DepartmentOfBody('invokedByRef')
  exempt(@Body() dto: InvokeExemptionDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, ...data } = dto;
    return this.step({ type: 'InvokeEmergencyExemption', data }, r, res);
  }

  @Post('work-list-assessments')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Record a department\'s separate assessment or ranking of communities on admitted items (a violation, WL-4)' })
  @RequireRoles(...COMMITTEES, REVIEW_BODY, APPROVAL_BODY, 'civil_affairs_office@jurisdiction')
  @FirstCommunityOfBody
  assess(@Body() dto: RecordAssessmentDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<Accepted> {
    const { occurredAt: _, ...data } = dto;
    return this.step({ type: 'RecordSeparateAssessment', data }, r, res);
  }

  @Get('work-lists/:jurisdictionId/oversight')
  @ApiBearerAuth()
  @RequireRoles()
  @ReadOperation({ summary: 'Emergency exemptions and recorded separate assessments (WL-4 violations)', response: OVERSIGHT_SCHEMA })
  oversight(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.oversight(jurisdictionId);
  }
}
