import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MATTER_TYPES, MEETING_KINDS, type MatterType, type MeetingKind, type PetitionBasis, type ResidentsMeetingMode } from '../../../domain/rules';
import { CommandRequestDto } from '../command-request.dto';
import { ID } from '../communities/community.dto';
import { IsInstant, IsPlainDate, IsRef } from '../field-validators';

const COUNT_MAX = 10_000_000;
const PETITION_BASES: readonly PetitionBasis[] = ['adults', 'households', 'representatives', 'resident_groups'];

export class PetitionToConveneDto extends CommandRequestDto {
  @ApiProperty({ example: 'c-17' }) @Matches(ID) communityId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) @IsIn(MEETING_KINDS) kind!: MeetingKind;
  @ApiProperty({ example: 'p-1' }) @Matches(ID) petitionId!: string;
  @ApiProperty({ enum: PETITION_BASES }) @IsIn(PETITION_BASES) basis!: PetitionBasis;
  @ApiProperty({ type: [String], description: 'person references of the signers (never names)' })
  @IsArray() @ArrayMaxSize(100_000) @IsRef({ each: true }) signerRefs!: string[];
}

export class ConveneMeetingDto extends CommandRequestDto {
  @ApiProperty({ example: 'm-1' }) @Matches(ID) meetingId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) @IsIn(MEETING_KINDS) kind!: MeetingKind;
  @ApiProperty({ example: '2026-03-07T09:00:00+08:00', description: 'when the meeting takes place; occurredAt is when notice is given (VM-3, RM-2)' })
  @IsInstant()
  scheduledFor!: string;
  @ApiPropertyOptional({ description: '2025 texts: the reason for notice shorter than 10 days' }) @IsOptional() @IsString() @MaxLength(2000) urgencyReason?: string;
  @ApiPropertyOptional({ description: 'village group meetings only' }) @IsOptional() @Matches(ID) groupId?: string;
  @ApiPropertyOptional({ enum: ['adults', 'households'] }) @IsOptional() @IsIn(['adults', 'households']) residentsMode?: ResidentsMeetingMode;
}

export class AddAgendaItemDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title!: string;
  @ApiProperty({ enum: MATTER_TYPES }) @IsIn(MATTER_TYPES) matterType!: MatterType;
  @ApiPropertyOptional({ description: 'an important matter needing Party pre-deliberation (VM-7, RM-7); reserved matters always are' })
  @IsOptional() @IsBoolean() important?: boolean;
}

export class RecordPartyPreDeliberationDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty({ example: '2026-03-01' }) @IsPlainDate() deliberatedOn!: string;
  @ApiProperty({ example: 'party-branch-c-17' }) @IsRef() partyOrganisationRef!: string;
  @ApiProperty({ example: 'minutes-2026-03-01' }) @IsRef() minutesRef!: string;
}

export class RecordAttendanceDto extends CommandRequestDto {
  @ApiProperty({ description: 'persons present who count; never observers (RM-4)' }) @IsInt() @Min(0) @Max(COUNT_MAX) present!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(COUNT_MAX) householdsRepresented?: number;
  @ApiPropertyOptional({ description: '列席 observers, not counted' }) @IsOptional() @IsInt() @Min(0) @Max(COUNT_MAX) observers?: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100_000) @IsRef({ each: true }) attendeeRefs?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100_000) @IsRef({ each: true }) observerRefs?: string[];
}

export class RecordVoteDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) yes!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) no!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(COUNT_MAX) abstain!: number;
}

export class CloseMeetingDto extends CommandRequestDto {}

export class OrderCorrectionDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty({ example: 'corr-1' }) @Matches(ID) correctionId!: string;
  @ApiProperty({ example: 'township-gov-t-1', description: 'the ordering body (VM-12, RM-8)' }) @IsRef() authorityRef!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
}

export class RecordCourtRevocationDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty({ example: 'court-d-1' }) @IsRef() courtRef!: string;
  @ApiProperty({ example: '(2026)民初123号' }) @IsString() @MinLength(1) @MaxLength(200) judgmentRef!: string;
  @ApiProperty({ example: '2026-05-01' }) @IsPlainDate() judgmentDate!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
}

export class OverruleByHigherMeetingDto extends CommandRequestDto {
  @ApiProperty({ example: 'item-1' }) @Matches(ID) itemId!: string;
  @ApiProperty({ enum: ['revoke', 'change'] }) @IsIn(['revoke', 'change']) action!: 'revoke' | 'change';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) reason!: string;
  @ApiPropertyOptional({ description: 'required for a change' }) @IsOptional() @IsString() @MaxLength(4000) changeSummary?: string;
  @ApiProperty({ description: 'the plenary meeting whose adopted decision overrules (VM-8)' }) @Matches(ID) byMeetingId!: string;
  @ApiProperty() @Matches(ID) byItemId!: string;
}
