import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CHANNELS, PUBLICATION_CATEGORIES } from '../../../domain/publication';
import { COMPETENCES, EXTENDABLE_EXCLUSIONS, FUND_KINDS, MEMBER_BASES, POSTS, RELATIONS, SUPERVISION_DOMAINS } from '../../../domain/supervision';
import { CommandRequestDto } from '../command-request.dto';
import { Hash, Id, LocalDate, OneOf, PersonRef, Text } from '../consultation/consultation-fields';

export class OfficeHolderDto {
  @PersonRef('p-chair') personRef!: string;
  @OneOf(POSTS) post!: string;
}

export class RecordOfficeHoldersDto extends CommandRequestDto {
  @Id('term-12') termId!: string;
  @Id('oh-2026-01') recordId!: string;
  @LocalDate('2026-01-01', 'in force from this date (a full snapshot of the posts)') effectiveFrom!: string;
  @ApiProperty({ type: [OfficeHolderDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OfficeHolderDto) holders!: OfficeHolderDto[];
}

export class SupervisionMemberDto {
  @PersonRef('p-a') personRef!: string;
  @OneOf(['director', 'member']) role!: 'director' | 'member';
  @ApiProperty({ enum: COMPETENCES, isArray: true, description: 'SV-2: finance or management knowledge' }) @IsArray() @ArrayMaxSize(2) @IsIn(COMPETENCES, { each: true }) competences!: (typeof COMPETENCES)[number][];
  @OneOf(MEMBER_BASES, 'villager (village); resident or community_worker (urban, 居 Art. 36)') basis!: (typeof MEMBER_BASES)[number];
}

export class ElectedByDto {
  @Id('m-2026-03') meetingId!: string;
  @Id('elect-supervision', 'agenda item whose adopted vote elected the committee') itemId!: string;
}

export class ConstituteSupervisionCommitteeDto extends CommandRequestDto {
  @Id('svc-12') committeeId!: string;
  @Id('term-12', 'the committee term the mandate ends with (SV-4)') termId!: string;
  @ApiProperty({ type: [SupervisionMemberDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(15) @ValidateNested({ each: true }) @Type(() => SupervisionMemberDto) members!: SupervisionMemberDto[];
  @ApiProperty({ type: ElectedByDto, description: "the electing decision; its kind, outcome and date are read from the meeting's stream (SV-2)" })
  @ValidateNested() @Type(() => ElectedByDto) electedBy!: ElectedByDto;
  @ApiPropertyOptional({ description: 'SV-9: why the size is outside 3-5 or the director is the Party secretary' }) @IsOptional() @IsString() @MaxLength(2000) justification?: string;
}

export class DeclareKinshipDto extends CommandRequestDto {
  @Id('k-1') kinshipId!: string;
  @PersonRef('p-b') personRef!: string;
  @PersonRef('p-chair') relativeRef!: string;
  @OneOf(RELATIONS, 'relation of relativeRef to personRef; which ones are 近亲属 is locality policy') relation!: (typeof RELATIONS)[number];
}

export class WithdrawKinshipDto extends CommandRequestDto {
  @Text(2000, 'declared in error') reason!: string;
}

export class ReportMisconductDto extends CommandRequestDto {
  @Id('r-1') reportId!: string;
  @Text(300, '工程款支付异常') title!: string;
  @Hash() documentHash!: string;
  @Id('township-t-1', 'the township government / street office (or county/district government) reported to') governmentRef!: string;
  @Id('county-supervision-commission', 'the supervisory organ (监察机关) reported to') supervisoryOrganRef!: string;
}

export class AdoptSupervisionPolicyVersionDto extends CommandRequestDto {
  @LocalDate('2026-02-01', 'in force from this local date (never before the adoption date)') effectiveFrom!: string;
  @ApiProperty({ enum: RELATIONS, isArray: true, description: 'SV-3: relations that count as 近亲属' }) @IsArray() @ArrayMaxSize(20) @IsIn(RELATIONS, { each: true }) nearRelativeRelations!: (typeof RELATIONS)[number][];
  @ApiProperty({ enum: EXTENDABLE_EXCLUSIONS, isArray: true, description: 'SV-10: posts also excluded' }) @IsArray() @ArrayMaxSize(10) @IsIn(EXTENDABLE_EXCLUSIONS, { each: true }) extendedExclusions!: (typeof EXTENDABLE_EXCLUSIONS)[number][];
  @ApiProperty({ description: 'PD-8 / SV-14: drafts are reviewed by the supervision committee before posting' }) @IsBoolean() publicationReviewRequired!: boolean;
  @ApiProperty({ type: [String], description: 'PD-2: villages classed 财务往来较多 (finance monthly)' }) @IsArray() @ArrayMaxSize(5000) @IsString({ each: true }) @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { each: true }) financeMonthlyCommunityIds!: string[];
  @ApiProperty({ nullable: true, description: 'PD-2 随时 / PD-10: days to meet a publication obligation; null = end of the quarter' }) @IsOptional() @IsInt() @Min(0) @Max(366) majorMatterMaxLagDays!: number | null;
  @OneOf(['none', 'quarter', 'half', 'year'], 'PD-5: 居务公开 frequency') urbanCadence!: 'none' | 'quarter' | 'half' | 'year';
  @OneOf(['majority', 'two_thirds'], 'SV-7: threshold of 不称职') appraisalThreshold!: 'majority' | 'two_thirds';
  @ApiPropertyOptional({ description: 'SV-15 (local): the supervision committee may veto an unreasonable expenditure, appealable to a meeting; default false' }) @IsOptional() @IsBoolean() expenditureVeto?: boolean;
  @ApiPropertyOptional({ description: 'SV-13 (local, 三签一章): vouchers are booked only with the committee\'s co-signature; default false' }) @IsOptional() @IsBoolean() voucherCountersignRequired?: boolean;
}

export class DraftPublicationDto extends CommandRequestDto {
  @Id('pub-2026-02-finance') publicationId!: string;
  @OneOf(PUBLICATION_CATEGORIES, 'PD-1 / PD-5 category, finance (PD-2), fund_raising_accounts (PD-6)') category!: (typeof PUBLICATION_CATEGORIES)[number];
  @LocalDate('2026-02-01', 'first day of the period covered') periodFrom!: string;
  @LocalDate('2026-02-28', 'last day of the period covered') periodTo!: string;
  @Text(300, '2026年2月财务收支') title!: string;
  @Hash() documentHash!: string;
  @ApiProperty({ enum: CHANNELS, isArray: true, description: 'the public board always (PD-3)' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsIn(CHANNELS, { each: true }) channels!: (typeof CHANNELS)[number][];
  @ApiPropertyOptional({ type: [String], description: 'publication obligations this publication discharges' }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) covers?: string[];
}

export class ReviseDraftDto extends CommandRequestDto {
  @Text(300, '2026年2月财务收支（补充明细）') title!: string;
  @Hash() documentHash!: string;
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsIn(CHANNELS, { each: true }) channels?: (typeof CHANNELS)[number][];
}

export class ReviewPublicationDto extends CommandRequestDto {
  @OneOf(['approve', 'return'], 'PD-8: approve, or return with comments') decision!: 'approve' | 'return';
  @ApiPropertyOptional({ description: 'required when returning; never shown publicly' }) @IsOptional() @IsString() @MaxLength(4000) comments?: string;
}

export class PostPublicationDto extends CommandRequestDto {
  @LocalDate('2026-03-05') postedFrom!: string;
  @LocalDate('2026-03-20', 'PD-3: at least 15 days after postedFrom (2025 text)') postedUntil!: string;
}

export class CorrectPublicationDto extends CommandRequestDto {
  @Id('fix-1') correctionId!: string;
  @Text(300, '2026年2月财务收支（更正）') title!: string;
  @Hash() documentHash!: string;
  @Text(2000, '金额笔误') reason!: string;
}

export class RecordQueryDto extends CommandRequestDto {
  @Id('q-1') queryId!: string;
  @Text(4000, '修路款为何增加?') question!: string;
}

export class AnswerQueryDto extends CommandRequestDto {
  @Text(4000, '材料涨价，见附件') answer!: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-04-01' }) @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) asOf?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
}

export class RecordFundsReceiptDto extends CommandRequestDto {
  @Id('relief-2026-07') receiptId!: string;
  @OneOf(FUND_KINDS, 'PD-1 ②: disaster relief, subsidy or donation received') fundKind!: (typeof FUND_KINDS)[number];
  @Text(300, '2026年7月防汛救灾资金') title!: string;
  @Hash() documentHash!: string;
  @LocalDate('2026-07-15') receivedOn!: string;
}

export class CadreAppraisalDto {
  @PersonRef('p-chair', 'the appraised cadre') cadreRef!: string;
  @ApiProperty({ description: '称职 votes' }) @IsInt() @Min(0) @Max(10_000_000) competent!: number;
  @ApiProperty({ description: '基本称职 votes' }) @IsInt() @Min(0) @Max(10_000_000) basicallyCompetent!: number;
  @ApiProperty({ description: '不称职 votes' }) @IsInt() @Min(0) @Max(10_000_000) incompetent!: number;
}

export class RecordAppraisalDto extends CommandRequestDto {
  @Id('appraisal-2026') appraisalId!: string;
  @ApiProperty({ example: '2026' }) @IsString() @Matches(/^\d{4}$/) year!: string;
  @Id('m-2026-12', "the villagers'/residents' (representative) meeting at which it was held; kind and date are read from its stream") meetingId!: string;
  @ApiProperty({ type: [CadreAppraisalDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => CadreAppraisalDto) results!: CadreAppraisalDto[];
}

export class AppraisalQueryDto {
  @ApiPropertyOptional({ example: 'p-chair' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) cadreRef?: string;
}

export class RaiseInquiryDto extends CommandRequestDto {
  @Id('inq-1') inquiryId!: string;
  @OneOf(SUPERVISION_DOMAINS, 'SV-11 supervision domain') domain!: (typeof SUPERVISION_DOMAINS)[number];
  @Text(300, '修路工程款支付') subject!: string;
  @Text(4000, '请说明第二笔工程款的依据') question!: string;
  @ApiPropertyOptional({ example: '2026-03-20' }) @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) answerDueBy?: string;
}

export class AnswerInquiryDto extends CommandRequestDto {
  @Text(4000, '依据合同第5条') answer!: string;
}

export class RecordFindingDto extends CommandRequestDto {
  @Id('find-1') findingId!: string;
  @OneOf(SUPERVISION_DOMAINS, 'SV-11 supervision domain') domain!: (typeof SUPERVISION_DOMAINS)[number];
  @Text(300, '工程款超合同支付') title!: string;
  @Hash() documentHash!: string;
  @ApiPropertyOptional({ example: 'inq-1' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/) inquiryId?: string;
}

export class RequestRectificationDto extends CommandRequestDto {
  @Id('rect-1') rectificationId!: string;
  @Id('find-1') findingId!: string;
  @Text(2000, '追回超付款项') requirement!: string;
  @LocalDate('2026-04-30') dueBy!: string;
}

export class ReportRectificationDto extends CommandRequestDto {
  @Hash('SHA-256 of the rectification report') reportHash!: string;
}

export class CloseRectificationDto extends CommandRequestDto {
  @OneOf(['rectified', 'not_rectified']) outcome!: 'rectified' | 'not_rectified';
}
