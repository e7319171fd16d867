import { Injectable, ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError, type FieldProblem } from '../../domain/shared';
import { validInstance } from './validation-fast-path';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Flattens nested class-validator errors to `{ field: 'items[0].title', message }`, every one of them. */
export const fieldProblems = (errors: readonly ClassValidatorError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const name = error.property === undefined || error.property === '' ? '' : /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent === '' ? name || 'body' : name.startsWith('[') ? `${parent}${name}` : `${parent}.${name}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// NUL cannot be stored in PostgreSQL text/jsonb, and a lone surrogate is not Unicode text.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 32;

/** Problems no DTO can express: unstorable text, prototype keys, absurd nesting. */
export const unsafeInput = (value: unknown, path: string, problems: FieldProblem[], depth = 0): void => {
  if (typeof value === 'string') {
    const field = path === '' ? 'body' : path;
    if (BAD_TEXT.test(value)) problems.push({ field, message: `${field} contains a NUL character or an unpaired surrogate` });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_DEPTH) {
    problems.push({ field: path, message: `${path} is nested too deeply` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => unsafeInput(item, `${path}[${i}]`, problems, depth + 1));
    return;
  }
  for (const key of Object.keys(value)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key) || BAD_TEXT.test(key)) problems.push({ field, message: `property ${key} is not allowed` });
    else unsafeInput((value as Record<string, unknown>)[key], field, problems, depth + 1);
  }
};

/**
 * The global pipe: unknown fields are rejected, every invalid field is listed (400), and text
 * the store cannot hold is refused here rather than failing in the database. A valid body or query
 * takes the fast path (validation-fast-path.ts), which mirrors these options (no groups, nothing
 * skipped); its spec fails when they change and the fast path does not follow.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationError('the request has invalid fields', fieldProblems(errors)),
    });
    cacheValidationMetadata();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // `minPosition` belongs to every GET (ReadYourWritesInterceptor checks it), not to a query DTO.
    if (metadata.type === 'query' && metadata.data === undefined && typeof value === 'object' && value !== null && 'minPosition' in value) {
      const { minPosition: _, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
    const unsafe: FieldProblem[] = [];
    if (metadata.type !== 'custom') unsafeInput(value, metadata.type === 'body' ? '' : metadata.data ?? metadata.type, unsafe);
    if (unsafe.length === 0 && (metadata.type === 'body' || metadata.type === 'query')) {
      const valid = validInstance(metadata.metatype, value);
      if (valid !== undefined) return valid;
    }
    try {
      const result = await super.transform(value, metadata);
      if (unsafe.length > 0) throw new ValidationError('the request has invalid fields', unsafe);
      return result;
    } catch (error) {
      if (error instanceof ValidationError && unsafe.length > 0 && error.fields !== unsafe) {
        throw new ValidationError(error.message, [...unsafe, ...error.fields]);
      }
      throw error;
    }
  }
}
