import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'actor id (from the token that appended)' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'everything one request caused' }) @IsOptional() @IsString() @MaxLength(200) correlationId?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', description: 'from (inclusive)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00', description: 'to (exclusive)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: ['occurredAt', 'recordedAt'], description: 'which time axis from/to apply to (default recordedAt)' })
  @IsOptional() @IsIn(['occurredAt', 'recordedAt']) timeAxis?: 'occurredAt' | 'recordedAt';
  @ApiPropertyOptional({ example: '0', description: 'exclusive global position (nextCursor)' }) @IsOptional() @Matches(/^(0|[1-9][0-9]{0,18})$/) after?: string;
  @ApiPropertyOptional({ example: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
