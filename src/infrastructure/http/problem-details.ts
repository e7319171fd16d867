import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 9457 problem details, as every error response of the API carries them. */
export class FieldProblemDto {
  @ApiProperty({ example: 'title' }) field!: string;
  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' }) message!: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://civic-ledger.example/problems/validation-invalid-input' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'the request has invalid fields' }) detail!: string;
  @ApiProperty({ example: 'VALIDATION.INVALID_INPUT', description: 'stable machine-readable code' }) code!: string;
  @ApiPropertyOptional({ example: 'VM-3', description: 'ID of the rule in domain-rules.md this error enforces' }) rule?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'every invalid field (400)' }) errors?: FieldProblemDto[];
  @ApiProperty({ example: '/api/v1/communities/c-17/census-snapshots' }) instance!: string;
}

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  rule?: string;
  errors?: { field: string; message: string }[];
  instance: string;
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://civic-ledger.example/problems/';

/** `CONSULTATION.NOTICE_TOO_SHORT` -> `.../problems/consultation-notice-too-short`. */
export const problemType = (code: string): string => PROBLEM_TYPE_BASE + code.toLowerCase().replace(/[._]/g, '-');
