import { DomainError } from '../../src/domain/shared';

/**
 * Errors with codes of test-only aggregates. The domain's error classes accept only the codes
 * registered in src/domain/shared/problem-codes.ts; test aggregates raise their own.
 */
export class TestIllegalState extends DomainError {
  readonly kind = 'illegal_state' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class TestNotFound extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class TestRuleViolation extends DomainError {
  readonly kind = 'unprocessable' as const;
  constructor(readonly code: string, message: string, rule: string) {
    super(message, { rule });
  }
}
