import { personalDataInRef, type ProblemCodeOf, ForbiddenError, IllegalStateError, RuleViolationError, ValidationError, daysBetween, isIsoDate, localDate, DEFAULT_ORGANIC_LAW_2025_EFFECTIVE, organicLawTextOn } from '../shared';
import type { Command } from '../shared';
import type { LocalityPolicySnapshot } from '../locality-policy/locality-policy.events';
import { MIN_POSTING_DAYS_2025 } from './consultation.vocabulary';
import type { Consultation, StartedConsultation } from './consultation.state';

/** Stable error codes; each refusal that enforces a rule carries its ID (domain-rules.md). */
export const stepOutOfOrder = (step: string, needs: string, rule: string): IllegalStateError =>
  new IllegalStateError('CONSULTATION.STEP_OUT_OF_ORDER', `${step} needs ${needs} first`, rule, { step, needs });

export const notStarted = (): IllegalStateError => new IllegalStateError('CONSULTATION.NOT_STARTED', 'the consultation has not started', 'CS-5');

export const invalid = (field: string, message: string, rule?: string): ValidationError =>
  new ValidationError(`${field}: ${message}`, [{ field, message }], 'CONSULTATION.INVALID_INPUT', rule);

export const forbidden = (code: ProblemCodeOf<'forbidden'>, message: string): ForbiddenError => new ForbiddenError(code, message);

export const violation = (code: ProblemCodeOf<'unprocessable'>, message: string, rule: string, details?: Record<string, unknown>): RuleViolationError =>
  new RuleViolationError(code, message, rule, details);

////////// Guards shared by every step

/** The consultation is running (not NotStarted, Closed or Withdrawn). */
export const requireActive = (state: Consultation, step: string): Exclude<StartedConsultation, { status: 'Closed' | 'Withdrawn' }> => {
  if (state.status === 'NotStarted') throw notStarted();
  if (state.status === 'Closed') throw new IllegalStateError('CONSULTATION.CLOSED', `${step}: the consultation is closed`);
  if (state.status === 'Withdrawn') throw new IllegalStateError('CONSULTATION.WITHDRAWN', `${step}: the consultation was withdrawn`);
  return state;
};

/** occurredAt is not in the future and never goes backwards (docs/architecture.md "Procedure order and deviations"). */
export const requireTimeline = (command: Command, state: Consultation): string => {
  const { occurredAt, now } = command.metadata;
  if (occurredAt.getTime() > now.getTime()) {
    throw new ValidationError('occurredAt lies in the future', [{ field: 'occurredAt', message: 'not after now' }], 'CONSULTATION.OCCURRED_IN_FUTURE');
  }
  const at = occurredAt.toISOString();
  if (state.status !== 'NotStarted' && at < state.lastOccurredAt) {
    throw new IllegalStateError('CONSULTATION.OCCURRED_BEFORE_PREVIOUS_STEP', `occurredAt ${at} lies before the previous step (${state.lastOccurredAt})`);
  }
  return at;
};

/** The policy passed in must be this locality's and in force on the step's date. */
export const requirePolicy = (policy: LocalityPolicySnapshot, state: StartedConsultation, occurredAt: Date): LocalityPolicySnapshot => {
  if (policy.localityId !== state.localityId || policy.effectiveFrom > localDate(occurredAt, state.timeZone)) {
    throw violation('CONSULTATION.POLICY_NOT_IN_FORCE', `policy v${policy.version} of ${policy.localityId} is not in force for this step`, 'CS-13');
  }
  return policy;
};

export const requireText = (field: string, value: string, rule?: string): void => {
  if (value.trim().length === 0) throw invalid(field, 'must not be empty', rule);
};

/** A person reference: not empty, never a phone or resident ID number in disguise. */
export const requirePersonRef = (field: string, value: string): void => {
  requireText(field, value);
  const personal = personalDataInRef(value);
  if (personal !== null) throw invalid(field, personal);
};

export const requirePersonRefs = (field: string, values: readonly string[]): void => values.forEach((value, i) => requirePersonRef(`${field}[${i}]`, value));

export const requireHash = (field: string, value: string): void => {
  if (!/^[0-9a-f]{64}$/.test(value)) throw invalid(field, 'must be a SHA-256 hex digest');
};

/**
 * CS-12 / PD-3: a posting uses the locality's channels (a CS-12 deviation may allow others) and, from
 * the 2025 switch date, stays up at least 15 days (law: never waivable).
 */
export const requirePosting = (
  input: { channels: readonly string[]; postedFrom: string; postedUntil: string; switchDate?: string },
  policy: LocalityPolicySnapshot,
  channelsWaived: boolean,
): void => {
  if (!isIsoDate(input.postedFrom)) throw invalid('postedFrom', 'must be YYYY-MM-DD');
  if (!isIsoDate(input.postedUntil) || input.postedUntil < input.postedFrom) throw invalid('postedUntil', 'must be a date not before postedFrom');
  if (input.channels.length === 0) throw invalid('channels', 'at least one channel', 'CS-12');
  const unknown = input.channels.filter((c) => !policy.channels.includes(c));
  if (unknown.length > 0 && !channelsWaived) {
    throw violation('CONSULTATION.CHANNEL_NOT_IN_POLICY', `channels ${unknown.join(', ')} are not the locality's publication channels`, 'CS-12', { unknown });
  }
  const days = daysBetween(input.postedFrom, input.postedUntil);
  if (organicLawTextOn(input.postedFrom, input.switchDate ?? DEFAULT_ORGANIC_LAW_2025_EFFECTIVE) === '2025' && days < MIN_POSTING_DAYS_2025) {
    throw violation('CONSULTATION.POSTING_TOO_SHORT', `posted ${days} days; at least ${MIN_POSTING_DAYS_2025} required`, 'PD-3', { days });
  }
};
