import { holdsRole, isIsoDate, localDate, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, cadenceRule, cadenceStatus, communityKindOf } from '../rules';
import type { RecordMeetingCadenceMissed } from './community.commands';
import type { CadenceRuleId, MeetingCadenceMissed } from './community.events';
import type { Community } from './community.state';
import { CadenceMet, CadenceNotRequired, CadencePeriodNotOver, CommunityNotRegistered, NotTheWatchdog, communityInvalid } from './community.errors';

const WATCHDOG_ROLE = 'watchdog';

/**
 * The watchdog records that a cadence period ended with no meeting of the kind held: yearly
 * 村民会议 (VM-4, 2025 text), quarterly 村民代表会议 (VM-10, both texts), half-yearly 居民代表会议
 * (RM-4, 2025 text). Periods come from rules/cadence.ts; a period is judged by the text in force on its first day.
 */
export const recordMeetingCadenceMissed = (command: RecordMeetingCadenceMissed, state: Community): MeetingCadenceMissed[] => {
  const d = command.data;
  const cadence = cadenceRule(d.meetingKind);
  const problems: FieldProblem[] = [];
  if (cadence === null) problems.push({ field: 'meetingKind', message: 'villagers_meeting, village_representatives_meeting or residents_representatives_meeting' });
  for (const [field, value] of Object.entries({ dueBy: d.dueBy, ruleSwitchDate: d.ruleSwitchDate })) {
    if (value !== undefined && !isIsoDate(value)) problems.push({ field, message: 'must be a date YYYY-MM-DD' });
  }
  if (d.heldOn.some((h) => !isIsoDate(h))) problems.push({ field: 'heldOn', message: 'dates YYYY-MM-DD' });
  if (problems.length > 0 || cadence === null) throw communityInvalid(problems);
  const rule = cadence.rule as CadenceRuleId;
  if (!holdsRole(command.metadata.actorRoles, WATCHDOG_ROLE)) throw new NotTheWatchdog();
  if (state.status !== 'Registered') throw new CommunityNotRegistered(d.communityId);
  // The shape of the period that ends on dueBy (as of dueBy, so never 'missed' here).
  const shape = cadenceStatus(d.meetingKind, d.heldOn, d.dueBy, d.dueBy, d.ruleSwitchDate)?.periods[0];
  if (shape === undefined || shape.period !== d.period || shape.end !== d.dueBy) {
    throw communityInvalid([{ field: 'period', message: `${d.period} does not end on ${d.dueBy} (a ${cadence.unit} period ending ${shape?.end ?? '?'} is ${shape?.period ?? '?'})` }]);
  }
  if (state.cadenceMisses.includes(`${d.meetingKind}:${d.period}`)) return [];
  if (communityKindOf(d.meetingKind) !== state.kind) {
    throw new CadenceNotRequired(`A ${state.kind} holds no ${d.meetingKind}`, rule, { meetingKind: d.meetingKind, communityKind: state.kind });
  }
  if (shape.status === 'not_required') {
    throw new CadenceNotRequired(`${rule} is not in force for ${d.period}, which began on ${shape.start}`, rule, { period: d.period, start: shape.start });
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'COMMUNITY');
  const detectedOn = localDate(command.metadata.occurredAt, state.timeZone);
  if (detectedOn <= shape.end) throw new CadencePeriodNotOver(d.period, d.dueBy, detectedOn, rule);
  if (shape.held > 0) throw new CadenceMet(d.period, shape.held, rule);
  return [{ type: 'MeetingCadenceMissed', data: { communityId: state.communityId, meetingKind: d.meetingKind, period: d.period, rule, dueBy: d.dueBy, detectedOn, occurredAt } }];
};
