import { IllegalStateError, RuleViolationError, ValidationError, type FieldProblem } from '../shared';

export const supervisionInvalid = (fields: readonly FieldProblem[]): ValidationError =>
  new ValidationError('Invalid supervision command', fields, 'SUPERVISION.INVALID_INPUT');

export class SupervisionRuleViolation extends RuleViolationError {
  constructor(code: string, message: string, rule: string, details?: Record<string, unknown>) {
    super(`SUPERVISION.${code}`, message, rule, details);
  }
}

export class SupervisionStepNotAllowed extends IllegalStateError {
  constructor(code: string, message: string, rule?: string) {
    super(`SUPERVISION.${code}`, message, rule);
  }
}
