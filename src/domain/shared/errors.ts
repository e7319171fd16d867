import type { ProblemCodeOf, ProblemKind } from './problem-codes';

/**
 * Domain errors carry a stable code (e.g. `MEETING.NOTICE_TOO_SHORT`) and, when a rule of
 * domain-rules.md is broken, its ID (e.g. `VM-3`). The HTTP edge maps the kind to a status. Each
 * class accepts only the codes registered with its kind in problem-codes.ts (docs/errors.md).
 */
export type DomainErrorKind = ProblemKind;

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  abstract readonly code: string;
  readonly rule: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, options: { rule?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = new.target.name;
    this.rule = options.rule;
    this.details = options.details;
  }
}

export type FieldProblem = Readonly<{ field: string; message: string }>;

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  readonly code: string;
  readonly fields: readonly FieldProblem[];
  constructor(message: string, fields: readonly FieldProblem[] = [], code: ProblemCodeOf<'validation'> = 'VALIDATION.INVALID_INPUT', rule?: string) {
    super(message, rule === undefined ? {} : { rule });
    this.code = code;
    this.fields = fields;
  }
}

/** A step that the resource's own procedure does not allow now (409). */
export class IllegalStateError extends DomainError {
  readonly kind = 'illegal_state' as const;
  constructor(readonly code: ProblemCodeOf<'illegal_state'>, message: string, rule?: string, details?: Record<string, unknown>) {
    super(message, { ...(rule === undefined ? {} : { rule }), ...(details === undefined ? {} : { details }) });
  }
}

/** A well-formed request that breaks a rule of the law or policy, or lacks the outside facts a rule needs (422). */
export class RuleViolationError extends DomainError {
  readonly kind = 'unprocessable' as const;
  constructor(readonly code: ProblemCodeOf<'unprocessable'>, message: string, rule: string, details?: Record<string, unknown>) {
    super(message, { rule, ...(details === undefined ? {} : { details }) });
  }
}

/** An id the request names is unknown (404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(readonly code: ProblemCodeOf<'not_found'>, message: string) {
    super(message);
  }
}

/** The caller's roles never allow this step (403): identity and permission only, never a broken rule (that is 422). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
  constructor(readonly code: ProblemCodeOf<'forbidden'>, message: string) {
    super(message);
  }
}

/** The stream moved on since it was read; carries the actual revision (-1 when the stream does not exist). */
export class ConcurrencyError extends DomainError {
  readonly kind = 'concurrency' as const;
  readonly code = 'STREAM.WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: bigint,
  ) {
    super(`Stream ${stream}: expected revision ${expected}, actual ${actual}`, { details: { stream, expected, actual: actual.toString() } });
  }
}
