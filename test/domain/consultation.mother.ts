import type { LocalityPolicySnapshot } from '../../src/domain/locality-policy';
import type { ConsultationCommand, ConsultationEvent } from '../../src/domain/consultation';

/** Fixtures for consultation specs: a fixed clock, one locality policy and a full happy-path history. */
export const ID = 'c-1';
export const HASH = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);
export const PARTY = ['community_party_organisation@community:comm-1'];
export const COMMITTEE = ['community_committee@community:comm-1'];
export const TOWNSHIP_PARTY = ['township_party_committee@township:t-1'];
export const TOWNSHIP_GOV = ['township_government@township:t-1'];
export const RESIDENT = ['resident@community:comm-1'];

export const policy: LocalityPolicySnapshot = {
  localityId: 'loc-1',
  version: 1,
  effectiveFrom: '2025-01-01',
  catalogue: [
    { code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' },
    { code: 'dispute', title: 'Neighbour disputes', contentClass: 'pressing_difficulty' },
  ],
  noticeLeadDays: 3,
  implementationStartDeadlineDays: 30,
  publicationDeadlineDays: 10,
  channels: ['notice_board', 'online_forum'],
  extraConsultationForms: ['teahouse_meeting'],
  seriousContestPercent: 34,
};

/** Local noon on the given date (Asia/Shanghai). */
export const at = (date: string, hour = 12): Date => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
export const iso = (date: string, hour = 12): string => at(date, hour).toISOString();

export const cmd = <C extends ConsultationCommand>(
  type: C['type'],
  data: Omit<C['data'], 'consultationId'>,
  occurredOn: string,
  roles: readonly string[] = PARTY,
  nowOn = '2026-06-30',
): C =>
  ({ type, data: { consultationId: ID, ...data }, metadata: { now: at(nowOn), occurredAt: at(occurredOn), actorId: 'actor-1', actorRoles: roles } }) as unknown as C;

export const ev = <T extends ConsultationEvent['type']>(
  type: T,
  data: Omit<Extract<ConsultationEvent, { type: T }>['data'], 'consultationId' | 'occurredAt'>,
  occurredOn: string,
): Extract<ConsultationEvent, { type: T }> => ({ type, data: { consultationId: ID, ...data, occurredAt: iso(occurredOn) } }) as unknown as Extract<ConsultationEvent, { type: T }>;

export const participants = [
  { personRef: 'p-1', category: 'registered_resident' },
  { personRef: 'p-2', category: 'registered_resident' },
  { personRef: 'p-3', category: 'property_service_company' },
];

export const solicited = ev('OpinionsSolicited', {
  communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'urban_community', timeZone: 'Asia/Shanghai',
  channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 42,
}, '2026-03-11');

export const topicOf = (flags: Partial<{ crossCommunity: boolean; technical: boolean; highImpact: boolean; commissioned: boolean }> = {}) =>
  ev('TopicProposed', {
    title: 'Street lights on Elm Lane', contentClass: 'public_affairs', catalogueEntry: 'greening',
    proposerRole: 'community_party_organisation', policyVersion: 1,
    crossCommunity: false, technical: false, highImpact: false, commissioned: false, commissioner: null, ...flags,
    ...(flags.commissioned ? { commissioner: 'dept-housing' } : {}),
  }, '2026-03-12');
export const topic = topicOf();
export const determined = ev('ParticipantsDetermined', { participants, leadRole: 'community_party_organisation' }, '2026-03-13');
export const notified = ev('ContentNotified', {
  notified: ['p-1', 'p-2', 'p-3'], channels: ['notice_board'], sessionPlannedAt: iso('2026-03-20'), noticeLeadDays: 3,
}, '2026-03-14');
export const heldWith = (views: readonly { personRef: string; position: 'for' | 'against' | 'abstain' }[]) =>
  ev('ConsultationHeld', { form: 'council', attendance: ['p-1', 'p-2', 'p-3'], views: views.map((v) => ({ ...v, text: null })), minutesHash: HASH }, '2026-03-20');
export const held = heldWith([{ personRef: 'p-1', position: 'for' }, { personRef: 'p-2', position: 'for' }, { personRef: 'p-3', position: 'abstain' }]);
export const opinion = ev('OpinionFormed', {
  summary: 'Install 12 lights', contentHash: HASH, tally: { for: 2, against: 0, abstain: 1 }, dissenters: [],
  implementationStartDue: '2026-04-20', publicationDue: '2026-03-31',
}, '2026-03-21');
export const posting = { channels: ['notice_board'], postedFrom: '2026-03-25', postedUntil: '2026-04-10' };
export const planPublished = ev('ImplementationPlanPublished', { planHash: HASH, ...posting }, '2026-03-25');
export const started = ev('ImplementationStarted', { startDue: '2026-04-20' }, '2026-04-01');
export const completed = ev('ImplementationCompleted', {
  resultsHash: HASH, satisfaction: { satisfied: 30, neutral: 5, dissatisfied: 2 },
  channels: ['notice_board'], postedFrom: '2026-05-01', postedUntil: '2026-05-20', publicationDue: '2026-05-11',
}, '2026-05-01');
export const resultPublished = ev('ResultPublished', {
  publicationId: 'pub-1', covers: 'result', contentHash: HASH, ...posting, due: '2026-03-31',
}, '2026-03-25');
export const implementationPublished = ev('ResultPublished', {
  publicationId: 'pub-2', covers: 'implementation', contentHash: HASH_B,
  channels: ['notice_board'], postedFrom: '2026-05-02', postedUntil: '2026-05-20', due: '2026-05-11',
}, '2026-05-02');
export const feedback = ev('FeedbackGiven', { informed: ['p-1', 'p-2', 'p-3'], channel: 'sms' }, '2026-05-03');

export const untilHeld: ConsultationEvent[] = [solicited, topic, determined, notified, held];
export const untilOpinion: ConsultationEvent[] = [...untilHeld, opinion];
export const untilFeedback: ConsultationEvent[] = [...untilOpinion, planPublished, resultPublished, started, completed, implementationPublished, feedback];
