import { IllegalStateError, RuleViolationError, ValidationError, type FieldProblem } from '../shared';

export const communityInvalid = (fields: readonly FieldProblem[]): ValidationError =>
  new ValidationError('Invalid community command', fields, 'COMMUNITY.INVALID_INPUT');

export class CommunityAlreadyRegistered extends IllegalStateError {
  constructor(communityId: string) {
    super('COMMUNITY.ALREADY_REGISTERED', `Community ${communityId} is already registered`);
  }
}

export class CommunityNotRegistered extends IllegalStateError {
  constructor(communityId: string) {
    super('COMMUNITY.NOT_REGISTERED', `Community ${communityId} is not registered`);
  }
}

export class UnknownCommitteeTerm extends IllegalStateError {
  constructor(termId: string) {
    super('COMMUNITY.UNKNOWN_TERM', `Committee term ${termId} is not recorded`);
  }
}

export class NoCensusInForce extends IllegalStateError {
  constructor(date: string, rule: string) {
    super('COMMUNITY.NO_CENSUS_IN_FORCE', `No census snapshot is in force on ${date}`, rule);
  }
}

export class RepresentativeCompositionViolation extends RuleViolationError {
  constructor(code: string, message: string, rule: string, details: Record<string, unknown>) {
    super(`COMMUNITY.${code}`, message, rule, details);
  }
}

export class AuthorisationNotGranted extends RuleViolationError {
  constructor(message: string, rule: string) {
    super('COMMUNITY.AUTHORISATION_NOT_GRANTED', message, rule);
  }
}
