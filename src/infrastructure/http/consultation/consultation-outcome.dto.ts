import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CommandRequestDto } from '../command-request.dto';
import { Count, Flag, Hash, Id, LocalDate, OneOf, PersonRefList, Text, TextList } from './consultation-fields';

/** Bodies of the steps from the opinion to closure (CS-3, CS-4, CS-9..CS-12, PD-3). */

export class FormOpinionDto extends CommandRequestDto {
  @Text(4000, 'Install 12 lights') summary!: string;
  @Hash('SHA-256 of the opinion text') contentHash!: string;
  @Flag('the session resolved the matter (otherwise it is referred, CS-9)') resolved!: boolean;
}

export class BriefDissentersDto extends CommandRequestDto {
  @PersonRefList(2000, ['p-3'], 'personRefs briefed') dissenters!: string[];
  @Text(100, 'home_visit') channel!: string;
}

export class ReferToMeetingDto extends CommandRequestDto {
  @Text(60, 'villagers_meeting') meetingKind!: string;
  @Text(2000, 'seriously contested') reason!: string;
}

export class RecordMeetingDecisionDto extends CommandRequestDto {
  @Id('m-1', 'the meeting that decided') meetingId!: string;
  @Id('i-1', 'the agenda item voted on; its outcome and date are read from the meeting') itemId!: string;
}

export class WithdrawConsultationDto extends CommandRequestDto {
  @Text(2000, 'matter resolved by the district') reason!: string;
}

export class CorrectOutcomeDto extends CommandRequestDto {
  @Hash('SHA-256 of the correction order') correctionHash!: string;
  @Text(500, 'Organic Law art. 27') legalBasis!: string;
}

export class PostingDto extends CommandRequestDto {
  @TextList(20, 100, ['notice_board'], "the locality's publication channels (CS-12)") channels!: string[];
  @LocalDate('2026-04-01') postedFrom!: string;
  @LocalDate('2026-04-16', 'PD-3: at least 15 days after postedFrom from the 2025 switch date') postedUntil!: string;
}

export class PublishImplementationPlanDto extends PostingDto {
  @Hash('SHA-256 of the plan') planHash!: string;
}

export class ReportImplementationProgressDto extends PostingDto {
  @Text(500, 'poles installed') milestone!: string;
  @Count(100, 50) percent!: number;
}

export class SatisfactionDto {
  @Count(10_000_000, 30) satisfied!: number;
  @Count(10_000_000, 5) neutral!: number;
  @Count(10_000_000, 2) dissatisfied!: number;
}

export class CompleteImplementationDto extends PostingDto {
  @Hash('SHA-256 of the results') resultsHash!: string;
  @ApiProperty({ type: SatisfactionDto }) @ValidateNested() @Type(() => SatisfactionDto) satisfaction!: SatisfactionDto;
}

export class PublishResultDto extends PostingDto {
  @Id('pub-1') publicationId!: string;
  @OneOf(['result', 'implementation'], 'CS-4: the result, or its implementation') covers!: 'result' | 'implementation';
  @Hash('SHA-256 of what is published') contentHash!: string;
}

export class ReportToCommissionerDto extends CommandRequestDto {
  @Hash('SHA-256 of the report') reportHash!: string;
}

export class RecordCommissionerFeedbackDto extends CommandRequestDto {
  @Hash('SHA-256 of the feedback') feedbackHash!: string;
}

export class GiveFeedbackDto extends CommandRequestDto {
  @PersonRefList(2000, ['p-1', 'p-2'], 'personRefs given feedback (every participant, CS-5)') informed!: string[];
  @Text(100, 'sms') channel!: string;
}

export class EmptyStepDto extends CommandRequestDto {}
