import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { HttpReply } from '../http-types';
import type { CommandRequest } from '../../../application/command-handling/command-request';
import { AdoptLocalityPolicyVersionCommand } from '../../../application/locality-policy/adopt-locality-policy-version.handler';
import { POLICY_SETTING_ROLES } from '../../../domain/locality-policy';
import { ValidationError } from '../../../domain/shared';
import { RequireRoles } from '../../auth/auth.decorators';
import { acceptStep, CommandEndpoint, type CommandAcceptedDto } from '../command-response';
import { CommandRequestFrom } from '../command-request.decorator';
import { CommandRequestDto } from '../command-request.dto';
import { Count, Id, LocalDate, Text, TextList } from '../consultation/consultation-fields';

export class CatalogueEntryDto {
  @Id('greening') code!: string;
  @Text(300, 'Lighting and greening') title!: string;
  @ApiProperty({ example: 'public_affairs', description: 'CS-13 content class' }) @IsString() @MaxLength(60) contentClass!: string;
}

export class AdoptLocalityPolicyVersionDto extends CommandRequestDto {
  @LocalDate('2026-02-01', 'in force from this local date (never before the adoption date)') effectiveFrom!: string;
  @ApiProperty({ type: [CatalogueEntryDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CatalogueEntryDto)
  catalogue!: CatalogueEntryDto[];
  @Count(365, 3, 'CS-5: days of notice before a session') noticeLeadDays!: number;
  @Count(3650, 30, 'CS-3: days to start implementation') implementationStartDeadlineDays!: number;
  @Count(3650, 10, 'CS-12: days to publish') publicationDeadlineDays!: number;
  @TextList(20, 100, ['notice_board', 'online_forum'], 'CS-12: publication channels') channels!: string[];
  @TextList(50, 60, ['teahouse_meeting'], 'CS-15: forms added to the national list') extraConsultationForms!: string[];
  @Count(100, 34, 'CS-9: seriously contested when 100*against >= percent*views') seriousContestPercent!: number;
}

const LOCALITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Locality consultation policy: configuration held as events (stream locality-policy-<id>). */
@ApiTags('locality-policies')
@Controller('locality-policies')
export class LocalityPolicyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':localityId/versions')
  @CommandEndpoint()
  @ApiParam({ name: 'localityId' })
  @ApiOperation({ summary: 'Adopt a new policy version (full snapshot, effective-dated, never retroactive)' })
  @RequireRoles(...POLICY_SETTING_ROLES)
  async adopt(@Param('localityId') localityId: string, @Body() dto: AdoptLocalityPolicyVersionDto, @CommandRequestFrom() r: CommandRequest, @Res({ passthrough: true }) res: HttpReply): Promise<CommandAcceptedDto> {
    if (!LOCALITY_ID.test(localityId)) {
      throw new ValidationError('invalid locality id', [{ field: 'localityId', message: 'must be an id (letters, digits, . _ : -)' }]);
    }
    const { occurredAt: _o, catalogue, ...rest } = dto;
    const data = { ...rest, localityId, catalogue: catalogue.map((c) => ({ code: c.code, title: c.title, contentClass: c.contentClass })) };
    return acceptStep(this.commands, new AdoptLocalityPolicyVersionCommand(data, r), res);
  }
}
