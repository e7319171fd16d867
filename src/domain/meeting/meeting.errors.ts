import { ForbiddenError, IllegalStateError, RuleViolationError, ValidationError, type FieldProblem, type SuffixOf } from '../shared';

export const meetingInvalid = (fields: readonly FieldProblem[]): ValidationError =>
  new ValidationError('Invalid meeting command', fields, 'MEETING.INVALID_INPUT');

/** A step the meeting's procedure does not allow in its current state (409). */
export class MeetingStepNotAllowed extends IllegalStateError {
  constructor(code: SuffixOf<'illegal_state', 'MEETING'>, message: string, rule?: string) {
    super(`MEETING.${code}`, message, rule);
  }
}

/** A well-formed step that breaks a rule of §1 (422). */
export class MeetingRuleViolation extends RuleViolationError {
  constructor(code: SuffixOf<'unprocessable', 'MEETING'>, message: string, rule: string, details?: Record<string, unknown>) {
    super(`MEETING.${code}`, message, rule, details);
  }
}

export class NotCorrectionAuthority extends ForbiddenError {
  constructor(roles: readonly string[]) {
    super('MEETING.NOT_CORRECTION_AUTHORITY', `Only ${roles.join(' or ')} may order a correction`);
  }
}

export class NotConvener extends ForbiddenError {
  constructor(roles: readonly string[]) {
    super('MEETING.NOT_CONVENER', `Only ${roles.join(' or ')} may convene this meeting`);
  }
}
