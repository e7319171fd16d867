import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CONTENT_CLASSES } from '../../../domain/consultation';
import { Public, RequireRoles } from '../../auth/auth.decorators';
import { PublicReadEndpoint } from '../command-response';
import { ID_PATTERN } from './consultation-fields';
import { ConsultationReadService } from './consultation-read.service';
import { ReadOperation } from '../openapi/read-operation';
import { StreamResource } from '../read-contract/stream-etag';
import { COMPLIANCE_SCHEMA, CONSULTATION_PAGE_SCHEMA, CONSULTATION_STATE_SCHEMA, PUBLIC_VIEW_SCHEMA, TIMELINE_SCHEMA, VIOLATIONS_PAGE_SCHEMA } from './consultation-read-schemas';
import { ConsultationRoles, ORGANISERS } from './consultation-scope';

const STATUSES = ['preparing', 'referred', 'settled', 'closed', 'withdrawn'] as const;
const OVERDUE = ['any', 'ImplementationStarted', 'ResultPublished', 'ImplementationPublished'] as const;
const AUDITORS = ['auditor', 'civil_affairs_office', 'township_government', 'township_party_committee', 'supervision_committee', 'community_committee', 'community_party_organisation'];

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class ConsultationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) communityId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) townshipId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ enum: CONTENT_CLASSES }) @IsOptional() @IsIn(CONTENT_CLASSES) contentClass?: string;
  @ApiPropertyOptional({ enum: OVERDUE, description: 'only consultations with this step overdue today (any: with any)' })
  @IsOptional() @IsIn(OVERDUE) overdue?: (typeof OVERDUE)[number];
}

export class ViolationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'CS-5' }) @IsOptional() @Matches(/^[A-Z]{2,3}-\d{1,3}[a-z]?$/) ruleId?: string;
}

/** Read models of the consultation procedure: list, timeline, public view, procedure compliance. */
@ApiTags('consultations')
@Controller()
export class ConsultationQueriesController {
  constructor(private readonly reads: ConsultationReadService) {}

  @Get('consultations')
  @ApiBearerAuth()
  @RequireRoles(...AUDITORS)
  @ReadOperation({ summary: 'Consultations, filtered by community, township, status, content class or overdue step (cursor-paginated)', response: CONSULTATION_PAGE_SCHEMA })
  listConsultations(@Query() q: ConsultationListQueryDto) {
    const { limit, cursor, ...filter } = q;
    const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.reads.list(clean, limit ?? 50, cursor);
  }

  @Get('consultations/:id')
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ConsultationRoles(['auditor', 'civil_affairs_office', 'supervision_committee@community', 'township_government@township', ...ORGANISERS])
  @StreamResource()
  @ReadOperation({ summary: "One consultation's current state: status, current step, due dates, overdue steps", response: CONSULTATION_STATE_SCHEMA })
  getConsultation(@Param('id') id: string) {
    return this.reads.state(id);
  }

  @Get('consultations/:id/timeline')
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ConsultationRoles(['auditor', 'civil_affairs_office', 'supervision_committee@community', 'township_government@township', ...ORGANISERS])
  @StreamResource()
  @ReadOperation({ summary: 'Every step with actor, role, occurredAt/recordedAt, deviations and the event behind it (for auditors)', response: TIMELINE_SCHEMA })
  getConsultationTimeline(@Param('id') id: string) {
    return this.reads.timeline(id);
  }

  @Public()
  @Get('consultations/:id/public')
  @PublicReadEndpoint()
  @ApiParam({ name: 'id' })
  @StreamResource()
  @ReadOperation({ summary: 'What anyone may see of a consultation: no person references, no actor ids, no free text of actors', response: PUBLIC_VIEW_SCHEMA })
  getPublicConsultation(@Param('id') id: string) {
    return this.reads.publicView(id);
  }

  @Get('consultations/:id/compliance')
  @ApiBearerAuth()
  @ApiParam({ name: 'id' })
  @ConsultationRoles(['auditor', 'civil_affairs_office', 'supervision_committee@community', 'township_government@township', ...ORGANISERS])
  @ReadOperation({ summary: "Procedure compliance re-checked from the raw events (with the locality's policy and today's date)", response: COMPLIANCE_SCHEMA })
  getConsultationCompliance(@Param('id') id: string) {
    return this.reads.compliance(id);
  }

  @Get('compliance/violations')
  @ApiBearerAuth()
  @ApiTags('compliance')
  @RequireRoles('auditor', 'civil_affairs_office', 'township_government', 'supervision_committee')
  @ReadOperation({ summary: 'Every recorded procedure violation, optionally of one rule (cursor-paginated by consultation)', response: VIOLATIONS_PAGE_SCHEMA })
  listViolations(@Query() q: ViolationsQueryDto) {
    return this.reads.violations(q.ruleId, q.limit ?? 50, q.cursor);
  }
}
