import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError, type FieldProblem } from '../../domain/shared';

/** Flattens nested class-validator errors to `{ field: 'items[0].title', message }`, every one of them. */
export const fieldProblems = (errors: readonly ClassValidatorError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const name = error.property === undefined || error.property === '' ? '' : /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent === '' ? name || 'body' : name.startsWith('[') ? `${parent}${name}` : `${parent}.${name}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });

/** Global pipe: unknown fields are rejected, every invalid field is listed (400). */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationError('the request has invalid fields', fieldProblems(errors)),
  });
