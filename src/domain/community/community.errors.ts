import { ForbiddenError, IllegalStateError, NotFoundError, RuleViolationError, ValidationError, type FieldProblem, type SuffixOf } from '../shared';

export const communityInvalid = (fields: readonly FieldProblem[]): ValidationError =>
  new ValidationError('Invalid community command', fields, 'COMMUNITY.INVALID_INPUT');

export class CommunityAlreadyRegistered extends IllegalStateError {
  constructor(communityId: string) {
    super('COMMUNITY.ALREADY_REGISTERED', `Community ${communityId} is already registered (a retry of the registration reuses its Idempotency-Key)`);
  }
}

export class CommunityNotRegistered extends NotFoundError {
  constructor(communityId: string) {
    super('COMMUNITY.NOT_REGISTERED', `Community ${communityId} is not registered`);
  }
}

export class UnknownCommitteeTerm extends NotFoundError {
  constructor(termId: string) {
    super('COMMUNITY.UNKNOWN_TERM', `Committee term ${termId} is not recorded`);
  }
}

export class NoCensusInForce extends RuleViolationError {
  constructor(date: string, rule: string) {
    super('COMMUNITY.NO_CENSUS_IN_FORCE', `No census snapshot is in force on ${date}`, rule);
  }
}

/** A representative meeting counts its quorum against the constitution in force (VM-9, RM-4); none was recorded for the date. */
export class NoRepresentativeConstitutionInForce extends RuleViolationError {
  constructor(date: string, rule: string) {
    super('COMMUNITY.NO_REPRESENTATIVE_CONSTITUTION', `No representative meeting constitution is in force on ${date}`, rule);
  }
}

export class RepresentativeCompositionViolation extends RuleViolationError {
  constructor(code: SuffixOf<'unprocessable', 'COMMUNITY'>, message: string, rule: string, details: Record<string, unknown>) {
    super(`COMMUNITY.${code}`, message, rule, details);
  }
}

export class AuthorisationNotGranted extends RuleViolationError {
  constructor(message: string, rule: string) {
    super('COMMUNITY.AUTHORISATION_NOT_GRANTED', message, rule);
  }
}

export class NotTheWatchdog extends ForbiddenError {
  constructor() {
    super('COMMUNITY.NOT_THE_WATCHDOG', 'only the watchdog records a missed meeting cadence');
  }
}

/** The community is of the other kind, or the period began before the text that requires the cadence (VM-4, RM-4). */
export class CadenceNotRequired extends RuleViolationError {
  constructor(message: string, rule: string, details: Record<string, unknown>) {
    super('COMMUNITY.CADENCE_NOT_REQUIRED', message, rule, details);
  }
}

export class CadencePeriodNotOver extends IllegalStateError {
  constructor(period: string, dueBy: string, detectedOn: string, rule: string) {
    super('COMMUNITY.CADENCE_PERIOD_NOT_OVER', `Period ${period} runs until ${dueBy}; today is ${detectedOn}`, rule, { period, dueBy, detectedOn });
  }
}

export class CadenceMet extends IllegalStateError {
  constructor(period: string, held: number, rule: string) {
    super('COMMUNITY.CADENCE_MET', `${held} meeting(s) were held in ${period}`, rule, { period, held });
  }
}
