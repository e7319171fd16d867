import { firstRoleHeld, isIsoDate, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, correctionAuthority, mayRevoke } from '../rules';
import type { OrderCorrection, OverruleByHigherMeeting, RecordCourtRevocation } from './meeting.commands';
import type { CorrectionOrdered, DecisionOverruledByHigherMeeting, DecisionRevokedByCourt } from './meeting.events';
import { MeetingRuleViolation, MeetingStepNotAllowed, NotCorrectionAuthority, meetingInvalid } from './meeting.errors';
import { requireConvened, requireItem } from './meeting.proceedings';
import type { AgendaItem, ConvenedMeeting, Meeting } from './meeting.state';

/** Only an adopted decision that has not been revoked can be corrected, revoked or changed. The decision stays in history. */
const requireStandingDecision = (state: ConvenedMeeting, itemId: string, rule: string): AgendaItem => {
  const item = requireItem(state, itemId);
  if (item.vote === null || item.vote.outcome !== 'adopted') throw new MeetingStepNotAllowed('NO_DECISION', `Item ${itemId} has no adopted decision`, rule);
  if (item.decisionStatus === 'revoked') throw new MeetingStepNotAllowed('DECISION_REVOKED', `The decision on item ${itemId} is already revoked`, rule);
  return item;
};

const required = (fields: Record<string, string>): FieldProblem[] =>
  Object.entries(fields)
    .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
    .map(([field]) => ({ field, message: 'required' }));

/** VM-12: the township government; RM-8: the district government or street office. */
export const orderCorrection = (command: OrderCorrection, state: Meeting): CorrectionOrdered[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const authority = correctionAuthority(s.convened.communityKind);
  const item = requireStandingDecision(s, d.itemId, authority.rule);
  if (item.correctionIds.includes(d.correctionId)) return [];
  const orderedByRole = firstRoleHeld(command.metadata.actorRoles, authority.roles);
  if (orderedByRole === undefined) throw new NotCorrectionAuthority(authority.roles);
  const problems = required({ correctionId: d.correctionId, authorityRef: d.authorityRef, reason: d.reason });
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [{ type: 'CorrectionOrdered', data: { ...d, orderedByRole, rule: authority.rule, occurredAt } }];
};

/** VM-13: a people's court revoked the decision; recorded with the judgment reference. */
export const recordCourtRevocation = (command: RecordCourtRevocation, state: Meeting): DecisionRevokedByCourt[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const item = requireItem(s, d.itemId);
  if (item.decisionStatus === 'revoked') return [];
  requireStandingDecision(s, d.itemId, 'VM-13');
  const problems = required({ courtRef: d.courtRef, judgmentRef: d.judgmentRef, reason: d.reason });
  if (!isIsoDate(d.judgmentDate)) problems.push({ field: 'judgmentDate', message: 'must be a date YYYY-MM-DD' });
  else if (item.vote !== null && d.judgmentDate < item.vote.decidedOn) problems.push({ field: 'judgmentDate', message: 'before the decision' });
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [{ type: 'DecisionRevokedByCourt', data: { ...d, rule: 'VM-13', occurredAt } }];
};

/** VM-8: only the plenary meeting may revoke or change a representative meeting's decision, by its own adopted decision. */
export const overruleByHigherMeeting = (command: OverruleByHigherMeeting, state: Meeting): DecisionOverruledByHigherMeeting[] => {
  const d = command.data;
  const s = requireConvened(state, d.meetingId);
  const rule = s.convened.communityKind === 'village' ? 'VM-8' : 'RM-7';
  const item = requireItem(s, d.itemId);
  if (item.decisionStatus === 'revoked' && d.action === 'revoke') return [];
  requireStandingDecision(s, d.itemId, rule);
  if (!mayRevoke(d.byDecision.meetingKind, s.convened.kind)) {
    throw new MeetingRuleViolation('NOT_A_HIGHER_MEETING', `A ${d.byDecision.meetingKind} may not overrule a ${s.convened.kind}`, rule);
  }
  if (d.byDecision.outcome !== 'adopted' || d.byDecision.status === 'revoked') {
    throw new MeetingRuleViolation('OVERRULING_DECISION_NOT_IN_FORCE', 'The overruling decision is not adopted and in force', rule);
  }
  const problems = required({ reason: d.reason });
  if (d.action !== 'revoke' && d.action !== 'change') problems.push({ field: 'action', message: 'revoke or change' });
  if (d.action === 'change' && (d.changeSummary === undefined || d.changeSummary.trim() === '')) problems.push({ field: 'changeSummary', message: 'required for a change' });
  if (problems.length > 0) throw meetingInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'MEETING');
  return [
    {
      type: 'DecisionOverruledByHigherMeeting',
      data: {
        meetingId: d.meetingId,
        itemId: d.itemId,
        action: d.action,
        byMeetingId: d.byDecision.meetingId,
        byItemId: d.byDecision.itemId,
        byMeetingKind: d.byDecision.meetingKind,
        reason: d.reason,
        changeSummary: d.action === 'change' ? (d.changeSummary ?? null) : null,
        rule,
        occurredAt,
      },
    },
  ];
};
