import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { REPORT_FORMATS } from '../../reports/report-request';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class ReportQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'first local date counted' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'last local date counted; also the date deadlines are judged by (default: the date of the last event read)' })
  @IsOptional()
  @Matches(DATE)
  to?: string;
  @ApiPropertyOptional({ example: 'c-17', description: 'one community (at most one of community, township, county)' }) @IsOptional() @Matches(ID) community?: string;
  @ApiPropertyOptional({ example: 't-3', description: 'the communities of one township (street)' }) @IsOptional() @Matches(ID) township?: string;
  @ApiPropertyOptional({ example: 'd-1', description: 'the communities of one county (district)' }) @IsOptional() @Matches(ID) county?: string;
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'json, csv (one section) or xlsx' }) @IsOptional() @IsIn(REPORT_FORMATS) format?: string;
  @ApiPropertyOptional({ example: '1000', description: 'tree size to compute at; default the newest signed checkpoint' }) @IsOptional() @Matches(/^\d{1,19}$/) at?: string;
}
