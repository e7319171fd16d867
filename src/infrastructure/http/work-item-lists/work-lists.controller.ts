import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { WorkListStepCommand } from '../../../application/work-item-lists/work-list-step.command';
import { Public, RequireRoles } from '../../auth/auth.decorators';
import { CommandRequestFrom } from '../command-request.decorator';
import { CommandEndpoint, PublicReadEndpoint, commandAccepted, type CommandAcceptedDto } from '../command-response';
import { AdoptWorkingCalendarDto, AdoptWorkListPolicyDto, AsOfQueryDto, DiffQueryDto, EstablishWorkListSetDto } from './work-list.dto';
import { WorkListReadModels } from './work-list-read-models.service';

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
  async adoptPolicy(@Param('jurisdictionId') jurisdictionId: string, @Body() dto: AdoptWorkListPolicyDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new WorkListStepCommand({ type: 'AdoptWorkListPolicyVersion', data: { ...data, jurisdictionId } }, r)));
  }

  @Post('work-list-policies/:jurisdictionId/calendars')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Adopt the holidays and make-up working days of a year (working-day time limits count by it)' })
  @RequireRoles(...LIST_KEEPERS)
  async adoptCalendar(@Param('jurisdictionId') jurisdictionId: string, @Body() dto: AdoptWorkingCalendarDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, ...data } = dto;
    return commandAccepted(res, await this.commands.execute(new WorkListStepCommand({ type: 'AdoptWorkingCalendar', data: { ...data, jurisdictionId } }, r)));
  }

  @Post('work-lists')
  @CommandEndpoint()
  @ApiOperation({ summary: 'Establish the list set of an owning jurisdiction (WL-3 prefecture city for urban, WL-6 county for villages)' })
  @RequireRoles(...LIST_KEEPERS)
  async establish(@Body() dto: EstablishWorkListSetDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: Response): Promise<CommandAcceptedDto> {
    const { occurredAt: _, levelDeviationReason, ...data } = dto;
    const step = { type: 'EstablishWorkListSet' as const, data: { ...data, ...(levelDeviationReason === undefined ? {} : { levelDeviationReason }) } };
    return commandAccepted(res, await this.commands.execute(new WorkListStepCommand(step, r)));
  }

  @Public()
  @Get('work-lists/:jurisdictionId')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'the list set and its versions (effective dates, sources, counts per list), with provenance' })
  overview(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.overview(jurisdictionId);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/items')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'the lists in force on asOf (default today) or at a version; each item with the version and approval that added it' })
  items(@Param('jurisdictionId') jurisdictionId: string, @Query() q: AsOfQueryDto): Promise<Record<string, unknown>> {
    return this.reads.list(jurisdictionId, q);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/diff')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'items added, removed and amended between two versions' })
  diff(@Param('jurisdictionId') jurisdictionId: string, @Query() q: DiffQueryDto): Promise<Record<string, unknown>> {
    return this.reads.diff(jurisdictionId, q.from, q.to);
  }

  @Public()
  @Get('work-lists/:jurisdictionId/burden-trend')
  @PublicReadEndpoint()
  @ApiOkResponse({ description: 'items per list over the versions, and whether a list grew back after a reduction' })
  trend(@Param('jurisdictionId') jurisdictionId: string): Promise<Record<string, unknown>> {
    return this.reads.trend(jurisdictionId);
  }
}
