import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsInstant } from '../field-validators';

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '42', pattern: '^\\d{1,19}$', description: 'global position (inclusive): the state after every event of the stream up to it' })
  @IsOptional()
  @Matches(/^(0|[1-9][0-9]{0,18})$/)
  asOfPosition?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00', description: "an instant (inclusive) of the events' occurredAt: the state after the stream's events that had happened by then" })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsInstant()
  asOfDate?: string;
}

export class AsOfPositionQueryDto {
  @ApiPropertyOptional({ example: '42', pattern: '^\\d{1,19}$', description: 'global position (inclusive) the read model is rebuilt up to' })
  @Matches(/^(0|[1-9][0-9]{0,18})$/)
  asOfPosition!: string;
}
