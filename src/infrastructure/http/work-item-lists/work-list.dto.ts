import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { COMMUNITY_KINDS_OF_LISTS, EMERGENCY_CATEGORIES, FUNDING_KINDS, LIST_KINDS, OWNER_LEVELS, type CommunityKindOfList } from '../../../domain/work-item-lists';
import { CommandRequestDto } from '../command-request.dto';
import { Count, Flag, Id, ID_PATTERN, LocalDate, OneOf, Text, TextList } from '../consultation/consultation-fields';
import { PageQueryDto } from '../meetings/meeting-queries.dto';
import { DATE } from '../communities/community.dto';

const OptionalText = (max: number, description?: string): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({ maxLength: max, ...(description === undefined ? {} : { description }) })(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(max)(target, key);
};
const NullableId = (description: string): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({ nullable: true, description })(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  Matches(ID_PATTERN)(target, key);
};

export class FundingDto {
  @OneOf(FUNDING_KINDS, 'WL-1: assistance items need commissioning_department') kind!: (typeof FUNDING_KINDS)[number];
  @ApiProperty({ example: 'dept-health', description: 'the paying department (empty when none)' }) @IsString() @MaxLength(128) departmentRef!: string;
}

export class WorkItemDto {
  @Id('A-03-07') itemId!: string;
  @OneOf(LIST_KINDS, 'duty (依法履职), assistance (依法协助), negative (不应承担) or a register: certificate, mechanism, assessment, ledger') list!: (typeof LIST_KINDS)[number];
  @Text(200, '社会保障') category!: string;
  @Text(200, '养老服务') subcategory!: string;
  @Text(500, '协助开展高龄津贴申请初审') title!: string;
  @Text(200, 'dept-civil-affairs', 'responsible (for assistance items: commissioning) department') responsibleDepartment!: string;
  @ApiProperty({ example: '《老年人权益保障法》第三十三条', description: 'WL-1: a law or regulation citation; required for assistance items' }) @IsString() @MaxLength(500) legalBasis!: string;
  @ApiProperty({ type: FundingDto }) @ValidateNested() @Type(() => FundingDto) funding!: FundingDto;
}

export class AdoptWorkListPolicyDto extends CommandRequestDto {
  @LocalDate('2026-02-01', 'in force from this local date (never retroactive)') effectiveFrom!: string;
  @Text(200, '区社区减负工作组') reviewingBody!: string;
  @Text(200, '区社区减负工作组') approvingBody!: string;
  @Flag('the reviewing body reviews before the decision') reviewRequired!: boolean;
  @Flag('communities are consulted before the review and decision') consultCommunities!: boolean;
  @Count(365, 30, 'apply this many working days before the change takes effect') applyLeadWorkingDays!: number;
  @Count(365, 15, 'decide within this many working days of the application') decisionWorkingDays!: number;
}

export class AdoptWorkingCalendarDto extends CommandRequestDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @TextList(100, 10, ['2026-10-01'], 'rest days on weekdays') holidays!: string[];
  @TextList(50, 10, ['2026-09-27'], 'working weekend days (调休)') makeUpWorkdays!: string[];
}

export class EstablishWorkListSetDto extends CommandRequestDto {
  @Id('city-panjin') jurisdictionId!: string;
  @Text(200, '盘锦市社区工作事项清单') name!: string;
  @OneOf(COMMUNITY_KINDS_OF_LISTS, 'the kind of community the lists govern, as the registry names it (CommunityRegistered.kind)') communityKind!: CommunityKindOfList;
  @OneOf(OWNER_LEVELS, 'WL-3: prefecture_city for urban communities; WL-6: county for villages') level!: (typeof OWNER_LEVELS)[number];
  @TextList(200, 128, ['d-1'], 'district/county refs of the communities the lists govern') coveredAreaRefs!: string[];
  @OptionalText(1000, 'why another level than the default owns the lists') levelDeviationReason?: string;
}

export class FileChangeRequestDto extends CommandRequestDto {
  @Id('cr-2026-001') changeRequestId!: string;
  @Id('city-panjin') jurisdictionId!: string;
  @Id('dept-health', 'the applying department (role government_department@department:<ref>)') departmentRef!: string;
  @OneOf(['add', 'amend', 'remove']) op!: 'add' | 'amend' | 'remove';
  @Id('A-03-07') itemId!: string;
  @ApiPropertyOptional({ type: WorkItemDto, nullable: true, description: 'the item as it should read (add, amend); null for remove' })
  @IsOptional() @ValidateNested() @Type(() => WorkItemDto) item?: WorkItemDto | null;
  @Text(4000, '新增协助事项的理由') reasons!: string;
  @LocalDate('2026-06-01') proposedEffectiveFrom!: string;
}

export class ConsultCommunitiesDto extends CommandRequestDto {
  @ApiProperty({ type: [String], example: ['c-17'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @Matches(ID_PATTERN, { each: true }) communityIds!: string[];
  @ApiPropertyOptional({ example: '2026-03-20' }) @IsOptional() @Matches(DATE) answerBy?: string;
}

export class AnswerConsultationDto extends CommandRequestDto {
  @Id('c-17') communityId!: string;
  @OneOf(['agree', 'object', 'no_opinion']) position!: 'agree' | 'object' | 'no_opinion';
  @ApiProperty({ example: '人手不足', maxLength: 4000 }) @IsString() @MaxLength(4000) comments!: string;
}

export class ReviewChangeRequestDto extends CommandRequestDto {
  @OneOf(['approve', 'reject']) recommendation!: 'approve' | 'reject';
  @Text(4000, '经评估可行') reasons!: string;
}

export class ProvincialApprovalDto extends CommandRequestDto {
  @Text(300, '省委办〔2026〕3号') approvalRef!: string;
  @LocalDate('2026-03-01') approvedOn!: string;
}

export class ApproveChangeRequestDto extends CommandRequestDto {
  @Text(4000, '同意准入') reasons!: string;
  @ApiPropertyOptional({ example: '2026-06-01', description: 'default: the proposed date' }) @IsOptional() @Matches(DATE) effectiveFrom?: string;
}

export class ReasonsDto extends CommandRequestDto {
  @Text(4000, '属于部门自身职责') reasons!: string;
}

export class WithdrawChangeRequestDto extends CommandRequestDto {
  @Text(4000, '不再需要') reason!: string;
}

export class EmptyCommandDto extends CommandRequestDto {}

export class AssignTaskDto extends CommandRequestDto {
  @Id('as-2026-0001') assignmentId!: string;
  @Id('city-panjin') jurisdictionId!: string;
  @Id('c-17') communityId!: string;
  @Id('dept-health') departmentRef!: string;
  @NullableId('the list item the task falls under') itemId?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'investment_attraction', description: 'the task\'s category, checked against the negative categories (WL-3, WL-6)' })
  @IsOptional() @IsString() @MaxLength(100) taskCategory?: string | null;
  @Text(500, '入户核查高龄老人信息') title!: string;
  @NullableId('an emergency exemption the task is assigned under (§5.3)') exemptionId?: string | null;
}

export class RefuseAssignmentDto extends CommandRequestDto {
  @NullableId('a negative-list item of the version in force on the assignment date') citedItemId?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'demolition', description: 'or a negative category' }) @IsOptional() @IsString() @MaxLength(100) citedCategory?: string | null;
  @Text(4000, '属于不应承担事项') reason!: string;
}

export class InvokeExemptionDto extends CommandRequestDto {
  @Id('ex-2026-01') exemptionId!: string;
  @Id('city-panjin') jurisdictionId!: string;
  @OneOf(EMERGENCY_CATEGORIES) category!: (typeof EMERGENCY_CATEGORIES)[number];
  @Id('dept-health', 'the invoking department (or the approving body acting for it)') invokedByRef!: string;
  @Text(4000, '突发公共卫生事件') reasons!: string;
  @LocalDate('2026-04-01') startsOn!: string;
  @LocalDate('2026-04-30') expiresOn!: string;
  @ApiProperty({ type: [String], example: [], description: 'empty: every community of the jurisdiction' }) @IsArray() @ArrayMaxSize(1000) @Matches(ID_PATTERN, { each: true }) communityIds!: string[];
}

export class RecordAssessmentDto extends CommandRequestDto {
  @Id('asmt-2026-01') assessmentId!: string;
  @Id('city-panjin') jurisdictionId!: string;
  @Id('dept-health') departmentRef!: string;
  @Text(500, '健康社区评比') title!: string;
  @LocalDate('2026-05-10') heldOn!: string;
  @ApiProperty({ type: [String], example: ['c-17'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @Matches(ID_PATTERN, { each: true }) communityIds!: string[];
  @ApiProperty({ type: [String], example: ['A-03-07'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @Matches(ID_PATTERN, { each: true }) itemIds!: string[];
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-03-20', description: 'local date; default today' }) @IsOptional() @Matches(DATE) asOf?: string;
  @ApiPropertyOptional({ example: 3, description: 'a version number instead of a date' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) version?: number;
}

export class DiffQueryDto {
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) from!: number;
  @ApiProperty({ example: 2 }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) to!: number;
}

export class ChangeRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'city-panjin' }) @IsOptional() @Matches(ID_PATTERN) jurisdictionId?: string;
  @ApiPropertyOptional({ enum: ['filed', 'approved', 'rejected', 'withdrawn', 'published'] }) @IsOptional() @IsIn(['filed', 'approved', 'rejected', 'withdrawn', 'published']) status?: string;
  @ApiPropertyOptional({ description: 'only overdue requests' }) @IsOptional() @Type(() => String) @IsIn(['true', 'false']) overdue?: string;
  @ApiPropertyOptional({ example: '2026-03-20', description: 'judge deadlines as of this date; default today' }) @IsOptional() @Matches(DATE) asOf?: string;
}

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) jurisdictionId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) departmentRef?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) communityId?: string;
  @ApiPropertyOptional({ enum: ['admitted', 'refused'] }) @IsOptional() @IsIn(['admitted', 'refused']) outcome?: 'admitted' | 'refused';
}
