import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, IsPlainDate, IsRef } from '../field-validators';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Small decorator bundles shared by the consultation DTOs (OpenAPI + validation together). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export const Id = (example = 'c-17', description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, ...(description === undefined ? {} : { description }) }), IsString(), Matches(ID_PATTERN, { message: '$property must be an id (letters, digits, . _ : -)' }));

export const Text = (max: number, example?: string, description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, maxLength: max, ...(description === undefined ? {} : { description }) }), IsString(), MinLength(1), MaxLength(max));

export const LocalDate = (example: string, description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, format: 'date', pattern: DATE_PATTERN.source, ...(description === undefined ? {} : { description }) }), IsString(), IsPlainDate());

export const Instant = (example: string, description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, format: 'date-time', ...(description === undefined ? {} : { description }) }), IsString(), IsInstant());

/** A person reference (never a name, phone or ID-card number). */
export const PersonRef = (example = 'p-1', description = 'personRef (never a name, phone or ID-card number)'): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, description, pattern: ID_PATTERN.source }), IsString(), IsRef());

export const PersonRefList = (maxItems: number, example: string[], description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ type: [String], example, description: `${description}; never names, phone or ID-card numbers` }), IsArray(), ArrayMaxSize(maxItems), IsRef({ each: true }));

export const Hash = (description = 'SHA-256 hex digest of the document'): PropertyDecorator =>
  applyDecorators(ApiProperty({ example: 'a'.repeat(64), description }), IsString(), Matches(HASH_PATTERN, { message: '$property must be a SHA-256 hex digest' }));

export const TextList = (maxItems: number, maxLength: number, example: string[], description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [String], example, ...(description === undefined ? {} : { description }) }),
    IsArray(), ArrayMaxSize(maxItems), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(maxLength, { each: true }),
  );

export const Count = (max: number, example: number, description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ example, minimum: 0, maximum: max, ...(description === undefined ? {} : { description }) }), IsInt(), Min(0), Max(max));

export const Flag = (description: string): PropertyDecorator => applyDecorators(ApiProperty({ example: false, description }), IsBoolean());

export const OneOf = (values: readonly string[], description?: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ enum: values, ...(description === undefined ? {} : { description }) }), IsString(), IsIn(values));

export const OptionalId = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsString(), Matches(ID_PATTERN));
