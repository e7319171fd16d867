import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { WorkListStepCommand } from '../../../application/work-item-lists/work-list-step.command';
import { Public, RequireRoles } from '../../auth/auth.decorators';
import { CommandRequestFrom } from '../command-request.decorator';
import { acceptStep, CommandEndpoint, PublicReadEndpoint, type CommandAcceptedDto } from '../command-response';
import { AdoptWorkingCalendarDto, AdoptWorkListPolicyDto, AsOfQueryDto, DiffQueryDto, EstablishWorkListSetDto } from './work-list.dto';
import { WorkListReadModels } from './work-list-read-models.service';
import { ReadOperation } from '../openapi/read-operation';
import { BURDEN_TREND_SCHEMA, LIST_DIFF_SCHEMA, LIST_SET_SCHEMA, LIST_VIEW_SCHEMA } from './work-list-schemas';

export const LIST_KEEPERS = ['list_approval_body@jurisdiction', 'civil_affairs_office@jurisdiction'] as const;

/** Admission policy, list sets and their public views (stream work-list-set-<jurisdictionId>). */
@ApiTags('work-item-lists')
@Controller()
export class WorkListsController {
  constructor(private readonly commands: CommandBus, private readonly reads: WorkListReadModels) {}

  @Post('work-list-policies/:jurisdictionId/versions')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Adopt an admission policy version: reviewing/approving body, steps, time limits in working days (§5.3; effective-dated)' })
  @RequireRoles(...LIST_KEEPERS)
  async adoptPolicy(@Param('jurisdictionId') jurisdictionId: string, @Body() dto: AdoptWorkListPolicyDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return acceptStep(this.commands, new WorkListStepCommand({ type: 'AdoptWorkListPolicyVersion', data: { ...data, jurisdictionId } }, r), res);
  }

  @Post('work-list-policies/:jurisdictionId/calendars')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Adopt the holidays and make-up working days of a year (working-day time limits count by it)' })
  @RequireRoles(...LIST_KEEPERS)
  async adoptCalendar(@Param('jurisdictionId') jurisdictionId: string, @Body() dto: AdoptWorkingCalendarDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return acceptStep(this.commands, new WorkListStepCommand({ type: 'AdoptWorkingCalendar', data: { ...data, jurisdictionId } }, r), res);
  }

  @Post('work-lists')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Establish the list set of an owning jurisdiction (WL-3 prefecture city for urban, WL-6 county for villages)' })
  @RequireRoles(...LIST_KEEPERS)
  async establish(@Body() dto: EstablishWorkListSetDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    const { occurredAt: _, levelDeviationReason, ...data } = dto;
    const step = { type: 'EstablishWorkListSet' as const, data: { ...data, ...(levelDeviationReason === undefined ? {} : { levelDeviationReason }) } };
    return acceptStep(this.commands, new WorkListStepCommand(step, r), res);
  }

  @Public()
  @Get('work-lists/:jurisdictionId')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'The list set and its versions (effective dates, sources, counts per list), with provenance', response: LIST_SET_SCHEMA })
  overview(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.overview(jurisdictionId);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/items')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'The lists in force on asOf (default today) or at a version; each item with the version and approval that added it', response: LIST_VIEW_SCHEMA })
  items(@Param('jurisdictionId') jurisdictionId: string, @Query() q: AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.list(jurisdictionId, q);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/diff')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Items added, removed and amended between two versions', response: LIST_DIFF_SCHEMA })
  diff(@Param('jurisdictionId') jurisdictionId: string, @Query() q: DiffQueryDto): Promise<Record<string, unknown>> {
    return this.reads.diff(jurisdictionId, q.from, q.to);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/burden-trend')
  @PublicReadEndpoint()
  @ReadOperation({ summary: 'Items per list over the versions, and whether a list grew back after a reduction', response: BURDEN_TREND_SCHEMA })
  trend(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.trend(jurisdictionId);
  }
}
