import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CONTENT_CLASSES, PARTICIPANT_CATEGORIES, VIEW_POSITIONS } from '../../../domain/consultation';
import { CommandRequestDto } from '../command-request.dto';
import { Count, Flag, Hash, Id, Instant, LocalDate, OptionalId, PersonRef, PersonRefList, Text, TextList } from './consultation-fields';

/** Bodies of the steps up to the session (CS-5..CS-8, CS-13..CS-15, SV-5). */

export class SolicitOpinionsDto extends CommandRequestDto {
  @Id('cons-2026-001', 'id of the new consultation (stream consultation-<id>)') consultationId!: string;
  @Id('c-17', 'a registered community (404 COMMUNITY.NOT_FOUND otherwise); its kind, township, locality and time zone are read from its stream') communityId!: string;
  @Text(200, 'door_to_door') channel!: string;
  @LocalDate('2026-03-01') periodFrom!: string;
  @LocalDate('2026-03-10') periodTo!: string;
  @Count(10_000_000, 42) opinionsGathered!: number;
}

export class ProposeTopicDto extends CommandRequestDto {
  @Text(300, 'Street lights on Elm Lane') title!: string;
  @Text(60, 'public_affairs', `CS-13: one of ${CONTENT_CLASSES.join(', ')}`) contentClass!: string;
  @Text(100, 'greening', "code of the locality's catalogue entry (CS-13)") catalogueEntry!: string;
  @Flag('CS-7: spans several communities (led by the township/street Party committee)') crossCommunity!: boolean;
  @Flag('CS-8: technical matter (experts recommended)') technical!: boolean;
  @Flag('CS-6: high impact (special council or hearing)') highImpact!: boolean;
  @Flag('CS-11: commissioned by a government department') commissioned!: boolean;
  @ApiPropertyOptional({ nullable: true, example: null, description: 'CS-11: the commissioning body' })
  @IsOptional() @IsString() @MaxLength(200) commissioner?: string | null;
}

export class ParticipantDto {
  @PersonRef() personRef!: string;
  @ApiProperty({ enum: PARTICIPANT_CATEGORIES }) @IsString() @MaxLength(60) category!: string;
}

export class DetermineParticipantsDto extends CommandRequestDto {
  @ApiProperty({ type: [ParticipantDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => ParticipantDto)
  participants!: ParticipantDto[];
}

export class InviteExpertDto extends CommandRequestDto {
  @PersonRef('expert-9', 'personRef of the expert') personRef!: string;
  @Text(200, 'lighting engineering') field!: string;
}

export class AdmitSupervisionMemberDto extends CommandRequestDto {
  @PersonRef('sv-1', 'personRef of the supervision committee member (SV-5)') personRef!: string;
}

export class RecordSupervisionAttendanceRefusedDto extends CommandRequestDto {
  @PersonRef('sv-1') personRef!: string;
  @Text(80, 'community_committee') refusedByRole!: string;
  @Text(2000, 'turned away at the door') note!: string;
}

export class NotifyContentDto extends CommandRequestDto {
  @PersonRefList(2000, ['p-1', 'p-2'], 'personRefs notified (every participant, CS-5)') notified!: string[];
  @TextList(20, 100, ['notice_board']) channels!: string[];
  @Instant('2026-03-20T09:00:00+08:00') sessionPlannedAt!: string;
}

export class ViewDto {
  @PersonRef() personRef!: string;
  @ApiProperty({ enum: VIEW_POSITIONS }) @IsString() @IsIn(VIEW_POSITIONS) position!: 'for' | 'against' | 'abstain';
  @ApiPropertyOptional({ nullable: true, description: 'personal data: never shown publicly' })
  @IsOptional() @IsString() @MaxLength(4000) text?: string | null;
}

export class HoldConsultationDto extends CommandRequestDto {
  @Text(60, 'council', 'CS-15: a national form or one the locality added') form!: string;
  @PersonRefList(2000, ['p-1', 'p-2'], 'personRefs present') attendance!: string[];
  @ApiProperty({ type: [ViewDto] })
  @IsArray() @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => ViewDto)
  views!: ViewDto[];
  @Hash('SHA-256 of the minutes') minutesHash!: string;
}

export class RecordProcedureDeviationDto extends CommandRequestDto {
  @Text(60, 'ContentNotified', 'the policy-fixed step skipped (law-fixed steps are refused)') step!: string;
  @Text(2000, 'urgent repair after the storm') reason!: string;
  @OptionalId('only when the deviation opens the consultation (skipping OpinionsSolicited): a registered community, whose facts are read from its stream') communityId?: string;
}
