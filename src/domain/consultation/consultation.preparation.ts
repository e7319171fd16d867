import { daysBetween, isInstantWithOffset, isIsoDate, localDate } from '../shared';
import type * as Cmd from './consultation.commands';
import type * as Ev from './consultation.events';
import {
  forbidden, invalid, notStarted, requireActive, requireHash, requirePersonRef, requirePersonRefs, requirePolicy, requireText, requireTimeline, stepOutOfOrder, violation,
} from './consultation.errors';
import { holdsRole, firstRoleHeld } from '../shared/actor-roles';
import { ROLES, organiserRoleOf } from './consultation.roles';
import { isWaived, type Consultation, type Preparing } from './consultation.state';
import { CONTENT_CLASSES, HIGH_IMPACT_FORMS, NATIONAL_CONSULTATION_FORMS, PARTICIPANT_CATEGORIES, VIEW_POSITIONS } from './consultation.vocabulary';
import { IllegalStateError } from '../shared';

/** Steps up to the session (CS-5 first half, CS-6, CS-7, CS-8, CS-13..CS-15, SV-5). */

const requirePreparing = (state: Consultation, step: string): Preparing => {
  const active = requireActive(state, step);
  if (active.status !== 'Preparing') throw new IllegalStateError('CONSULTATION.OPINION_FROZEN', `${step}: the opinion is formed; its content is frozen`, 'CS-5');
  return active;
};

const organiserRole = (command: Cmd.ConsultationCommand, s: { communityId: string; townshipId: string }): string => {
  const role = organiserRoleOf(command.metadata.actorRoles, s);
  if (role === undefined) throw forbidden('CONSULTATION.NOT_AN_ORGANISER', 'only the Party organisation, the committee or the township Party committee organise a consultation');
  return role;
};

export const solicitOpinions = (command: Cmd.SolicitOpinions, state: Consultation): Ev.OpinionsSolicited[] => {
  const occurredAt = requireTimeline(command, state);
  if (state.status !== 'NotStarted') throw new IllegalStateError('CONSULTATION.ALREADY_STARTED', 'opinions were already solicited', 'CS-5');
  const d = command.data;
  organiserRole(command, d);
  requireText('channel', d.channel, 'CS-5');
  if (!isIsoDate(d.periodFrom) || !isIsoDate(d.periodTo) || d.periodTo < d.periodFrom) throw invalid('periodTo', 'a solicitation period of two dates in order', 'CS-5');
  if (!Number.isInteger(d.opinionsGathered) || d.opinionsGathered < 0) throw invalid('opinionsGathered', 'a non-negative integer', 'CS-5');
  if (d.periodTo > localDate(command.metadata.occurredAt, d.timeZone)) throw invalid('periodTo', 'the solicitation period must have ended when recorded', 'CS-5');
  return [{ type: 'OpinionsSolicited', data: { ...d, occurredAt } }];
};

export const proposeTopic = (command: Cmd.ProposeTopic, state: Consultation): Ev.TopicProposed[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requirePreparing(state, 'TopicProposed');
  const d = command.data;
  if (!s.solicited && !isWaived(s, 'OpinionsSolicited')) throw stepOutOfOrder('TopicProposed', 'OpinionsSolicited', 'CS-5');
  if (s.topic !== null) throw new IllegalStateError('CONSULTATION.TOPIC_ALREADY_PROPOSED', 'the topic was already proposed', 'CS-5');
  organiserRole(command, s);
  const roles = command.metadata.actorRoles;
  const local = firstRoleHeld(roles, [ROLES.partyOrganisation, ROLES.committee], { community: s.communityId });
  const township = holdsRole(roles, ROLES.townshipPartyCommittee, { township: s.townshipId }) ? ROLES.townshipPartyCommittee : undefined;
  if (d.crossCommunity && township === undefined && !isWaived(s, 'TownshipLead')) {
    throw violation('CONSULTATION.TOWNSHIP_LEAD_REQUIRED', 'a cross-community matter is proposed by the township/street Party committee', 'CS-7');
  }
  const proposerRole = d.crossCommunity ? (township ?? local) : local;
  if (proposerRole === undefined) throw violation('CONSULTATION.PROPOSER_NOT_ALLOWED', 'a single-community topic is proposed by the community Party organisation or the committee', 'CS-5');
  requireText('title', d.title);
  if (!(CONTENT_CLASSES as readonly string[]).includes(d.contentClass)) throw invalid('contentClass', `one of ${CONTENT_CLASSES.join(', ')}`, 'CS-13');
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  const entry = policy.catalogue.find((e) => e.code === d.catalogueEntry);
  if (entry === undefined || entry.contentClass !== d.contentClass) {
    throw violation('CONSULTATION.NOT_IN_CATALOGUE', `${d.catalogueEntry} is not a ${d.contentClass} entry of the locality's catalogue`, 'CS-13');
  }
  if (d.commissioned && (d.commissioner === null || d.commissioner.trim() === '')) throw invalid('commissioner', 'a commissioned matter names its commissioner', 'CS-11');
  const { policy: _p, ...rest } = d;
  return [{ type: 'TopicProposed', data: { ...rest, commissioner: d.commissioned ? d.commissioner : null, proposerRole, policyVersion: policy.version, occurredAt } }];
};

const checkPeople = (people: readonly Ev.Participant[]): void => {
  if (people.length === 0) throw invalid('participants', 'at least one participant', 'CS-14');
  const seen = new Set<string>();
  people.forEach((p, i) => {
    if (!(PARTICIPANT_CATEGORIES as readonly string[]).includes(p.category)) throw invalid(`participants[${i}].category`, 'a CS-14 category', 'CS-14');
    requirePersonRef(`participants[${i}].personRef`, p.personRef);
    if (seen.has(p.personRef)) throw invalid(`participants[${i}].personRef`, 'listed twice');
    seen.add(p.personRef);
  });
};

export const determineParticipants = (command: Cmd.DetermineParticipants, state: Consultation): Ev.ParticipantsDetermined[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requirePreparing(state, 'ParticipantsDetermined');
  if (s.topic === null) throw stepOutOfOrder('ParticipantsDetermined', 'TopicProposed', 'CS-5');
  if (s.notice !== null) throw new IllegalStateError('CONSULTATION.PARTICIPANTS_FIXED', 'participants were notified; they can no longer change', 'CS-5');
  const leadRole = organiserRole(command, s);
  if (s.topic.crossCommunity && leadRole !== ROLES.townshipPartyCommittee && !isWaived(s, 'TownshipLead')) {
    throw violation('CONSULTATION.TOWNSHIP_LEAD_REQUIRED', 'the township/street Party committee leads a cross-community matter', 'CS-7');
  }
  checkPeople(command.data.participants);
  return [{ type: 'ParticipantsDetermined', data: { consultationId: s.consultationId, participants: command.data.participants, leadRole, occurredAt } }];
};

export const inviteExpert = (command: Cmd.InviteExpert, state: Consultation): Ev.ExpertInvited[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requirePreparing(state, 'ExpertInvited');
  if (s.topic === null) throw stepOutOfOrder('ExpertInvited', 'TopicProposed', 'CS-8');
  if (s.held !== null) throw stepOutOfOrder('ExpertInvited', 'a session not yet held', 'CS-8');
  organiserRole(command, s);
  requirePersonRef('personRef', command.data.personRef);
  requireText('field', command.data.field, 'CS-8');
  if ((s.participants ?? []).some((p) => p.personRef === command.data.personRef)) return [];
  return [{ type: 'ExpertInvited', data: { ...command.data, consultationId: s.consultationId, occurredAt } }];
};

/** SV-5: supervision committee members may always attend; admitting one twice changes nothing. */
export const admitSupervisionMember = (command: Cmd.AdmitSupervisionMember, state: Consultation): Ev.SupervisionMemberAdmitted[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requireActive(state, 'SupervisionMemberAdmitted');
  requirePersonRef('personRef', command.data.personRef);
  if (s.supervisionAdmitted.includes(command.data.personRef)) return [];
  return [{ type: 'SupervisionMemberAdmitted', data: { consultationId: s.consultationId, personRef: command.data.personRef, occurredAt } }];
};

/** SV-5: a refusal is recorded as a fact (reported by anyone); the compliance checker lists it as a violation. */
export const recordSupervisionAttendanceRefused = (command: Cmd.RecordSupervisionAttendanceRefused, state: Consultation): Ev.SupervisionAttendanceRefused[] => {
  const occurredAt = requireTimeline(command, state);
  if (state.status === 'NotStarted') throw notStarted();
  requirePersonRef('personRef', command.data.personRef);
  requireText('note', command.data.note, 'SV-5');
  return [{ type: 'SupervisionAttendanceRefused', data: { ...command.data, consultationId: state.consultationId, occurredAt } }];
};

export const notifyContent = (command: Cmd.NotifyContent, state: Consultation): Ev.ContentNotified[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requirePreparing(state, 'ContentNotified');
  if (s.participants === null) throw stepOutOfOrder('ContentNotified', 'ParticipantsDetermined', 'CS-5');
  if (s.held !== null) throw stepOutOfOrder('ContentNotified', 'a session not yet held', 'CS-5');
  organiserRole(command, s);
  const d = command.data;
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  requirePersonRefs('notified', d.notified);
  const missing = s.participants.map((p) => p.personRef).filter((ref) => !d.notified.includes(ref));
  if (missing.length > 0) throw violation('CONSULTATION.PARTICIPANT_NOT_NOTIFIED', `${missing.length} participant(s) not notified`, 'CS-5', { missing });
  if (d.channels.length === 0) throw invalid('channels', 'at least one channel', 'CS-5');
  if (!isInstantWithOffset(d.sessionPlannedAt)) throw invalid('sessionPlannedAt', 'an ISO 8601 date-time with offset and a real date');
  const planned = new Date(d.sessionPlannedAt);
  const lead = daysBetween(localDate(command.metadata.occurredAt, s.timeZone), localDate(planned, s.timeZone));
  if (lead < policy.noticeLeadDays && !isWaived(s, 'NoticeLeadTime')) {
    throw violation('CONSULTATION.NOTICE_TOO_SHORT', `notice ${lead} days ahead; the locality requires ${policy.noticeLeadDays}`, 'CS-5', { lead, required: policy.noticeLeadDays });
  }
  return [{
    type: 'ContentNotified',
    data: { consultationId: s.consultationId, notified: d.notified, channels: d.channels, sessionPlannedAt: planned.toISOString(), noticeLeadDays: policy.noticeLeadDays, occurredAt },
  }];
};

export const holdConsultation = (command: Cmd.HoldConsultation, state: Consultation): Ev.ConsultationHeld[] => {
  const occurredAt = requireTimeline(command, state);
  const s = requirePreparing(state, 'ConsultationHeld');
  if (s.participants === null) throw stepOutOfOrder('ConsultationHeld', 'ParticipantsDetermined', 'CS-5');
  if (s.notice === null && !isWaived(s, 'ContentNotified')) throw stepOutOfOrder('ConsultationHeld', 'ContentNotified', 'CS-5');
  if (s.held !== null) throw new IllegalStateError('CONSULTATION.ALREADY_HELD', 'the session is already recorded', 'CS-5');
  organiserRole(command, s);
  const d = command.data;
  const policy = requirePolicy(d.policy, s, command.metadata.occurredAt);
  if (s.notice !== null && !isWaived(s, 'NoticeLeadTime')) {
    const lead = daysBetween(s.notice.date, localDate(command.metadata.occurredAt, s.timeZone));
    if (lead < s.notice.leadDays) throw violation('CONSULTATION.NOTICE_TOO_SHORT', `held ${lead} days after notice; ${s.notice.leadDays} required`, 'CS-5');
  }
  if (![...NATIONAL_CONSULTATION_FORMS, ...policy.extraConsultationForms].includes(d.form)) {
    throw violation('CONSULTATION.FORM_NOT_RECOGNISED', `form ${d.form} is neither national nor added by the locality`, 'CS-15');
  }
  if (s.topic?.highImpact === true && !HIGH_IMPACT_FORMS.includes(d.form) && !isWaived(s, 'HearingForm')) {
    throw violation('CONSULTATION.HEARING_REQUIRED', 'a high-impact matter uses a special council or a democratic hearing', 'CS-6');
  }
  const allowed = new Set([...s.participants.map((p) => p.personRef), ...s.supervisionAdmitted]);
  const stranger = d.attendance.find((ref) => !allowed.has(ref));
  if (stranger !== undefined) throw invalid('attendance', `${stranger} is neither a participant nor an admitted supervision member`, 'CS-14');
  const voters = new Set<string>();
  for (const view of d.views) {
    if (!d.attendance.includes(view.personRef) || voters.has(view.personRef)) throw invalid('views', `${view.personRef}: one view per attendee`);
    if (!(VIEW_POSITIONS as readonly string[]).includes(view.position)) throw invalid('views', `${view.personRef}: position for/against/abstain`);
    voters.add(view.personRef);
  }
  requireHash('minutesHash', d.minutesHash);
  return [{ type: 'ConsultationHeld', data: { consultationId: s.consultationId, form: d.form, attendance: d.attendance, views: d.views, minutesHash: d.minutesHash, occurredAt } }];
};
