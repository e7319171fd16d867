import { ForbiddenError, IllegalStateError, RuleViolationError, ValidationError, type FieldProblem } from '../shared';

export const publicationInvalid = (fields: readonly FieldProblem[]): ValidationError =>
  new ValidationError('Invalid publication command', fields, 'PUBLICATION.INVALID_INPUT');

export class PublicationRuleViolation extends RuleViolationError {
  constructor(code: string, message: string, rule: string, details?: Record<string, unknown>) {
    super(`PUBLICATION.${code}`, message, rule, details);
  }
}

export class PublicationStepNotAllowed extends IllegalStateError {
  constructor(code: string, message: string, rule?: string) {
    super(`PUBLICATION.${code}`, message, rule);
  }
}

export class NotTheSupervisionCommittee extends ForbiddenError {
  constructor() {
    super('PUBLICATION.NOT_THE_SUPERVISION_COMMITTEE', 'only the supervision committee reviews a draft', 'PD-8');
  }
}
