import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString } from 'class-validator';
import { IsInstant } from './field-validators';

/** Base of every command body: the optional `occurredAt` (ISO 8601 with offset, not in the future). */
export class CommandRequestDto {
  @ApiPropertyOptional({ example: '2026-03-01T09:30:00+08:00', description: 'when the step happened; default now; never in the future' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsInstant()
  occurredAt?: string;
}

/** A step's command data: the body without `occurredAt`, which travels in the CommandRequest. */
export const commandData = <T extends { occurredAt?: string }>(dto: T): Omit<T, 'occurredAt'> => {
  const { occurredAt: _o, ...data } = dto;
  return data;
};
