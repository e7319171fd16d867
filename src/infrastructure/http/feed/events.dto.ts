import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const POSITION = /^(0|[1-9][0-9]{0,18})$/;
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value);

export class FeedQueryDto {
  @ApiPropertyOptional({ example: '0', description: 'exclusive global position: the nextCursor of the previous page' }) @IsOptional() @Matches(POSITION) after?: string;
  @ApiPropertyOptional({ example: 100, description: '1..1000, default 100' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ example: 'ConsultationOpened,NoticeIssued', description: 'event types (comma-separated or repeated)' })
  @IsOptional() @Transform(list) @IsArray() @ArrayMaxSize(50) @Matches(NAME, { each: true })
  type?: string[];
  @ApiPropertyOptional({ example: 'consultation', description: 'stream category: the part of the stream id before the record id' }) @IsOptional() @Matches(/^[a-z][a-z0-9-]{0,63}$/) category?: string;
  @ApiPropertyOptional({ example: 'c-17', description: 'community id' }) @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) community?: string;
}
