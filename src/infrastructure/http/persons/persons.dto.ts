import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CommandRequestDto } from '../command-request.dto';
import { IsRef } from '../field-validators';
import { ID_PATTERN, Text } from '../consultation/consultation-fields';

/** Personal data: it goes to the encrypted registry only, never to an event or a log line. */
export class RegisterPersonDto extends CommandRequestDto {
  @ApiPropertyOptional({ example: 'p-wang-1', pattern: ID_PATTERN.source, description: 'the reference events will use; made up (from the Idempotency-Key) when absent; never a name, phone or ID number' })
  @IsOptional()
  @IsString()
  @IsRef()
  personRef?: string;

  @Text(100, '王小明', 'full name (personal data)') name!: string;

  @ApiPropertyOptional({ example: '13900001111', maxLength: 20, description: 'phone (personal data)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(/^\+?[0-9][0-9 -]{2,19}$/, { message: '$property must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '22010219800101123X', maxLength: 32, description: 'resident ID number or other identity document number (personal data)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^[0-9A-Za-z]{4,32}$/, { message: '$property must be letters and digits' })
  idNumber?: string;
}

export class ErasePersonDto extends CommandRequestDto {}

export class ResolvePersonsQueryDto {
  @ApiProperty({ example: 'p-1,p-2', description: 'comma-separated person references (at most 200)' })
  @IsString()
  @MaxLength(200 * 130)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}(,[A-Za-z0-9][A-Za-z0-9._:-]{0,127}){0,199}$/, { message: '$property must be comma-separated references' })
  refs!: string;
}
