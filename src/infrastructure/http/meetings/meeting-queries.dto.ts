import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MEETING_KINDS, type MeetingKind } from '../../../domain/rules';
import { IsPlainDate } from '../field-validators';

export class PageQueryDto {
  @ApiPropertyOptional({ example: 50, description: '1..200, default 50' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(400) cursor?: string;
}

export const MEETING_STATUSES = ['petitioned', 'convened', 'held', 'inquorate', 'closed'] as const;

export class MeetingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES }) @IsOptional() @IsIn(MEETING_STATUSES) status?: (typeof MEETING_STATUSES)[number];
  @ApiPropertyOptional({ enum: MEETING_KINDS }) @IsOptional() @IsIn(MEETING_KINDS) kind?: MeetingKind;
  @ApiPropertyOptional({ description: 'only meetings with an open obligation to convene' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  mustConvene?: boolean;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'meeting date from (inclusive)' }) @IsOptional() @IsPlainDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'meeting date to (inclusive)' }) @IsOptional() @IsPlainDate() to?: string;
}

export const DECISION_STATUSES = ['in_force', 'corrected', 'changed', 'revoked'] as const;

export class DecisionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DECISION_STATUSES }) @IsOptional() @IsIn(DECISION_STATUSES) status?: (typeof DECISION_STATUSES)[number];
}

export class ObligationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'discharged'], description: 'default open' }) @IsOptional() @IsIn(['open', 'discharged']) status?: 'open' | 'discharged';
}

export class CadenceQueryDto {
  @ApiPropertyOptional({ example: '2026-03-20', description: 'judge as of this local date; default today in the service time zone' }) @IsOptional() @IsPlainDate() asOf?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'first period; default 1 January of asOf\'s year' }) @IsOptional() @IsPlainDate() from?: string;
}

export const COMMUNITY_KINDS = ['village', 'urban_community'] as const;

export class CommunitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 't-3', description: 'only communities of this township (townshipRef)' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) townshipRef?: string;
  @ApiPropertyOptional({ enum: COMMUNITY_KINDS }) @IsOptional() @IsIn(COMMUNITY_KINDS) kind?: (typeof COMMUNITY_KINDS)[number];
}
