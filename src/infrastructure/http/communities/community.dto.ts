import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MATTER_TYPES, type MatterType } from '../../../domain/rules';
import { CommandRequestDto } from '../command-request.dto';
import { IsPlainDate, IsRef } from '../field-validators';

export const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const REF = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNT_MAX = 10_000_000;

export class RegisterCommunityDto extends CommandRequestDto {
  @ApiProperty({ example: 'c-17' }) @Matches(ID) communityId!: string;
  @ApiProperty({ enum: ['village', 'urban_community'] }) @IsIn(['village', 'urban_community']) kind!: 'village' | 'urban_community';
  @ApiProperty({ example: '东河村' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 't-1', description: 'the township / street the community belongs to (scope of township roles)' }) @IsRef() townshipRef!: string;
  @ApiProperty({ example: 'd-1' }) @IsRef() districtRef!: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'default: the service TIME_ZONE' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}

export class StartCommitteeTermDto extends CommandRequestDto {
  @ApiProperty({ example: 'term-12' }) @Matches(ID) termId!: string;
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(1000) termNumber!: number;
  @ApiProperty({ example: '2026-01-01' }) @IsPlainDate() startsOn!: string;
  @ApiProperty({ example: '2030-12-31' }) @IsPlainDate() endsOn!: string;
}

export class VillageGroupCountDto {
  @ApiProperty({ example: 'g-1' }) @Matches(ID) groupId!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) adults!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) households!: number;
}

export class RecordCensusSnapshotDto extends CommandRequestDto {
  @ApiProperty({ example: 'census-2026' }) @Matches(ID) snapshotId!: string;
  @ApiProperty({ example: '2026-01-01' }) @IsPlainDate() effectiveFrom!: string;
  @ApiProperty({ description: 'adults (18+) on the roster (VM-1, RM-1)' }) @IsInt() @Min(0) @Max(COUNT_MAX) adults!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) households!: number;
  @ApiPropertyOptional({ type: [VillageGroupCountDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => VillageGroupCountDto)
  villageGroups?: VillageGroupCountDto[];
  @ApiPropertyOptional({ description: '居民小组 count (2018 residents text)' }) @IsOptional() @IsInt() @Min(0) @Max(COUNT_MAX) residentGroups?: number;
}

export class ConstituteRepresentativeMeetingDto extends CommandRequestDto {
  @ApiProperty({ example: 'rep-2026' }) @Matches(ID) constitutionId!: string;
  @ApiProperty({ example: 'term-12' }) @Matches(ID) termId!: string;
  @ApiProperty({ example: '2026-01-15' }) @IsPlainDate() effectiveFrom!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) committeeMembers!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) representatives!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) womenMembers!: number;
  @ApiProperty({ enum: ['by_households', 'by_groups'] }) @IsIn(['by_households', 'by_groups']) selection!: 'by_households' | 'by_groups';
  @ApiPropertyOptional({ description: 'RM-6: reason for another households-per-representative ratio' }) @IsOptional() @IsString() @MaxLength(2000) deviationReason?: string;
}

export class RecordAuthorisationDto extends CommandRequestDto {
  @ApiProperty({ example: 'auth-1' }) @Matches(ID) authorisationId!: string;
  @ApiProperty({ enum: MATTER_TYPES, isArray: true }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsIn(MATTER_TYPES, { each: true }) matterTypes!: MatterType[];
  @ApiProperty({ example: '2026-03-01' }) @IsPlainDate() validFrom!: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsPlainDate() validUntil?: string;
  @ApiProperty({ description: 'the plenary meeting whose decision grants the authorisation (VM-6, RM-7)' }) @Matches(ID) grantedByMeetingId!: string;
  @ApiProperty({ description: 'the agenda item of that decision' }) @Matches(ID) grantedByItemId!: string;
}
