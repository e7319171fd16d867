import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { HASH } from '../support/mothers/story';

/**
 * The seeded history the audit pages are shown and tested over (and the screenshots in
 * docs/screenshots/ are taken of): township t-west with
 * - 西山村 (village): committee term, census, office holders, a villagers' meeting that elects the
 *   supervision committee, two finance publications (one posted now), a consultation referred to
 *   a second meeting, with a deviation, publication and feedback;
 * - 东坡村 (village): registered only, so no supervision committee (SV-1) shows;
 * - 兴隆社区 (urban community) and the city work-item list city-pj in three versions.
 * The engine's clock is NOW.
 */
export const NOW = new Date('2026-06-10T02:00:00Z');
export const TOWNSHIP = 't-west';
export const VILLAGE = 'c-west-hill';
export const OTHER_VILLAGE = 'c-east-slope';
export const URBAN = 'c-xinglong';
export const CONSULTATION = 'cons-elm-lane';
export const STALLED = 'cons-east-well';
export const ELECTION = 'm-election';
export const DECISION_MEETING = 'm-lights';
export const WORK_LIST = 'city-pj';
export const PUBLICATION_NOW = 'pub-2026-05-finance';

const at = (local: string): string => `${local}+08:00`;

export type SeededTokens = Readonly<{ committee: string; township: string; supervisor: string; party: string; auditor: string }>;

export const seedAuditHistory = async (app: NestFastifyApplication): Promise<SeededTokens> => {
  const tokens = app.get(TokenService);
  const committee = await tokens.sign('clerk-1', [`villagers_committee@community:${VILLAGE}`]);
  const township = await tokens.sign('officer-9', [`township_government@township:${TOWNSHIP}`]);
  const supervisor = await tokens.sign('p-a', [`supervision_committee@community:${VILLAGE}`]);
  const party = await tokens.sign('party-actor', [`community_party_organisation@community:${VILLAGE}`]);
  const auditor = await tokens.sign('auditor-actor', ['auditor']);
  const post = async (path: string, token: string, body: Record<string, unknown>) => {
    const res = await request(app.getHttpServer()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  // The villages and their township.
  await post('/communities', township, { communityId: VILLAGE, kind: 'village', name: '西山村', townshipRef: TOWNSHIP, districtRef: 'd-1', occurredAt: at('2026-01-01T09:00') });
  await post('/communities', township, { communityId: OTHER_VILLAGE, kind: 'village', name: '东坡村', townshipRef: TOWNSHIP, districtRef: 'd-1', occurredAt: at('2026-01-01T09:30') });
  await post(`/communities/${VILLAGE}/committee-terms`, committee, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-01T10:00') });
  await post(`/communities/${VILLAGE}/census-snapshots`, committee, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, occurredAt: at('2026-01-01T11:00') });
  const holders = [{ personRef: 'p-chair', post: 'committee_director' }, { personRef: 'p-m1', post: 'committee_member' }, { personRef: 'p-sec', post: 'party_secretary' }];
  await post(`/communities/${VILLAGE}/office-holders`, committee, { termId: 'term-12', recordId: 'oh-1', effectiveFrom: '2026-01-01', holders, occurredAt: at('2026-01-01T12:00') });
  await post(`/supervision-policies/${TOWNSHIP}/versions`, township, {
    effectiveFrom: '2026-01-06', nearRelativeRelations: ['spouse', 'parent', 'child', 'sibling'], extendedExclusions: [], publicationReviewRequired: false,
    financeMonthlyCommunityIds: [], majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority', occurredAt: at('2026-01-06T09:00'),
  });

  // The villagers' meeting that elects the supervision committee.
  await post(`/communities/${VILLAGE}/meetings`, committee, { meetingId: ELECTION, kind: 'villagers_meeting', scheduledFor: at('2026-01-25T09:00:00'), occurredAt: at('2026-01-10T09:00') });
  await post(`/meetings/${ELECTION}/agenda-items`, committee, { itemId: 'elect', title: '推选村务监督委员会', matterType: 'other', occurredAt: at('2026-01-11T09:00') });
  await post(`/meetings/${ELECTION}/attendance`, committee, { present: 60, householdsRepresented: 0, occurredAt: at('2026-01-25T09:30') });
  await post(`/meetings/${ELECTION}/votes`, committee, { itemId: 'elect', yes: 45, no: 10, abstain: 5, occurredAt: at('2026-01-25T10:00') });
  await post(`/meetings/${ELECTION}/closure`, committee, { occurredAt: at('2026-01-25T11:00') });
  const members = [
    { personRef: 'p-a', role: 'director', competences: [], basis: 'villager' },
    { personRef: 'p-b', role: 'member', competences: ['finance'], basis: 'villager' },
    { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' },
  ];
  await post(`/communities/${VILLAGE}/supervision-committees`, committee, { committeeId: 'svc-1', termId: 'term-12', members, electedBy: { meetingId: ELECTION, itemId: 'elect' }, occurredAt: at('2026-01-26T09:00') });

  // Two finance publications on the public board: February (history) and May (posted now).
  const publish = async (id: string, from: string, to: string, title: string, postedFrom: string, postedUntil: string, hash: string) => {
    await post(`/communities/${VILLAGE}/publications`, committee, { publicationId: id, category: 'finance', periodFrom: from, periodTo: to, title, documentHash: HASH(hash), channels: ['public_board', 'online'], occurredAt: at(`${postedFrom}T09:00`) });
    await post(`/publications/${id}/postings`, committee, { postedFrom, postedUntil, occurredAt: at(`${postedFrom}T10:00`) });
  };
  await publish('pub-2026-02-finance', '2026-02-01', '2026-02-28', '2026年2月财务收支', '2026-03-05', '2026-03-20', 'a');
  await publish(PUBLICATION_NOW, '2026-05-01', '2026-05-31', '2026年5月财务收支', '2026-06-02', '2026-06-17', 'b');

  // A consultation referred to a villagers' meeting, with a deviation, publication and feedback.
  await post(`/locality-policies/${TOWNSHIP}/versions`, township, {
    occurredAt: at('2026-02-01T10:00'), effectiveFrom: '2026-02-01',
    catalogue: [{ code: 'greening', title: '亮化与绿化', contentClass: 'public_affairs' }],
    noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10,
    channels: ['notice_board', 'online_forum'], extraConsultationForms: [], seriousContestPercent: 34,
  });
  const step = (path: string, date: string, body: Record<string, unknown> = {}) => post(`/consultations/${CONSULTATION}${path}`, party, { ...body, occurredAt: at(`${date}T10:00`) });
  await post('/consultations', party, {
    consultationId: CONSULTATION, communityId: VILLAGE,
    channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 42, occurredAt: at('2026-03-11T10:00'),
  });
  await step('/topic', '2026-03-12', { title: '榆树巷路灯', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false });
  await step('/deviations', '2026-03-13', { step: 'NoticeLeadTime', reason: '暴雨损坏路灯，节前必须恢复照明' });
  await step('/participants', '2026-03-13', { participants: [{ personRef: 'p-1', category: 'registered_resident' }, { personRef: 'p-2', category: 'registered_resident' }, { personRef: 'p-3', category: 'property_service_company' }] });
  await step('/notices', '2026-03-14', { notified: ['p-1', 'p-2', 'p-3'], channels: ['notice_board'], sessionPlannedAt: at('2026-03-15T10:00') });
  await step('/sessions', '2026-03-15', {
    form: 'council', attendance: ['p-1', 'p-2', 'p-3'], minutesHash: HASH('c'),
    views: [{ personRef: 'p-1', position: 'for', text: '同意' }, { personRef: 'p-2', position: 'against', text: '太亮' }, { personRef: 'p-3', position: 'against' }],
  });
  await step('/referrals', '2026-03-16', { meetingKind: 'villagers_meeting', reason: '意见分歧较大' });
  await post(`/communities/${VILLAGE}/meetings`, committee, { meetingId: DECISION_MEETING, kind: 'villagers_meeting', scheduledFor: at('2026-04-11T09:00:00'), occurredAt: at('2026-04-01T09:00') });
  await post(`/meetings/${DECISION_MEETING}/agenda-items`, committee, { itemId: 'i-1', title: '榆树巷安装路灯', matterType: 'other', occurredAt: at('2026-04-02T09:00') });
  await post(`/meetings/${DECISION_MEETING}/attendance`, committee, { present: 60, householdsRepresented: 0, observers: 2, occurredAt: at('2026-04-11T10:00') });
  await post(`/meetings/${DECISION_MEETING}/votes`, committee, { itemId: 'i-1', yes: 40, no: 10, abstain: 10, occurredAt: at('2026-04-11T11:00') });
  await post(`/meetings/${DECISION_MEETING}/closure`, committee, { occurredAt: at('2026-04-11T12:00') });
  await step('/meeting-decisions', '2026-04-12', { meetingId: DECISION_MEETING, itemId: 'i-1' });
  await step('/dissenter-briefings', '2026-04-12', { dissenters: ['p-2', 'p-3'], channel: 'home_visit' });
  const posting = { channels: ['notice_board'], postedFrom: '2026-04-13', postedUntil: '2026-04-28' };
  await step('/implementation-plan', '2026-04-13', { planHash: HASH('d'), ...posting });
  await step('/publications', '2026-04-13', { publicationId: 'cpub-1', covers: 'result', contentHash: HASH('e'), ...posting });
  await step('/implementation', '2026-04-14');
  await step('/progress-reports', '2026-04-20', { milestone: '立杆完成', percent: 50, channels: ['notice_board'], postedFrom: '2026-04-20', postedUntil: '2026-05-05' });
  await step('/completion', '2026-05-01', { resultsHash: HASH('f'), satisfaction: { satisfied: 30, neutral: 5, dissatisfied: 2 }, channels: ['notice_board'], postedFrom: '2026-05-01', postedUntil: '2026-05-16' });
  await step('/publications', '2026-05-02', { publicationId: 'cpub-2', covers: 'implementation', contentHash: HASH('9'), channels: ['online_forum'], postedFrom: '2026-05-02', postedUntil: '2026-05-17' });
  await step('/feedback', '2026-05-03', { informed: ['p-1', 'p-2', 'p-3'], channel: 'sms' });

  // A consultation in 东坡村 whose opinion was never published: overdue, and a violation on the compliance page.
  const party2 = await tokens.sign('party-2', [`community_party_organisation@community:${OTHER_VILLAGE}`]);
  const step2 = (path: string, date: string, body: Record<string, unknown> = {}) => post(`/consultations/${STALLED}${path}`, party2, { ...body, occurredAt: at(`${date}T10:00`) });
  await post('/consultations', party2, {
    consultationId: STALLED, communityId: OTHER_VILLAGE,
    channel: 'door_to_door', periodFrom: '2026-03-20', periodTo: '2026-03-25', opinionsGathered: 12, occurredAt: at('2026-03-26T10:00'),
  });
  await step2('/topic', '2026-03-26', { title: '东坡村水井修缮', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false });
  await step2('/participants', '2026-03-27', { participants: [{ personRef: 'p-7', category: 'registered_resident' }, { personRef: 'p-8', category: 'registered_resident' }] });
  await step2('/notices', '2026-03-27', { notified: ['p-7', 'p-8'], channels: ['notice_board'], sessionPlannedAt: at('2026-03-31T10:00') });
  await step2('/sessions', '2026-03-31', { form: 'council', attendance: ['p-7', 'p-8'], minutesHash: HASH('7'), views: [{ personRef: 'p-7', position: 'for' }, { personRef: 'p-8', position: 'for' }] });
  await step2('/opinion', '2026-04-01', { summary: '修缮水井', contentHash: HASH('8'), resolved: true });

  // The city's work-item list in three versions (an item added, another added, one removed).
  const approver = await tokens.sign('board-1', [`list_approval_body@jurisdiction:${WORK_LIST}`]);
  const reviewer = await tokens.sign('group-1', [`list_review_body@jurisdiction:${WORK_LIST}`]);
  const department = await tokens.sign('clerk-h', ['government_department@department:dept-health']);
  const urbanCommittee = await tokens.sign('clerk-c', [`residents_committee@community:${URBAN}`]);
  await post(`/work-list-policies/${WORK_LIST}/versions`, approver, { effectiveFrom: '2026-01-05', reviewingBody: '区社区减负工作组', approvingBody: '区社区减负工作组', reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 30, decisionWorkingDays: 15, occurredAt: at('2026-01-02T10:00') });
  await post(`/work-list-policies/${WORK_LIST}/calendars`, approver, { year: 2026, holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], makeUpWorkdays: ['2026-02-14'], occurredAt: at('2026-01-02T10:00') });
  await post('/work-lists', approver, { jurisdictionId: WORK_LIST, name: '盘锦市社区工作事项清单', communityKind: 'urban_community', level: 'prefecture_city', coveredAreaRefs: ['d-1'], occurredAt: at('2026-01-02T10:00') });
  await post('/communities', township, { communityId: URBAN, kind: 'urban_community', name: '兴隆社区', townshipRef: TOWNSHIP, districtRef: 'd-1', occurredAt: at('2026-01-02T10:00') });
  const item = (itemId: string, list: string, title: string) => ({
    itemId, list, category: '社会保障', subcategory: '养老服务', title, responsibleDepartment: 'dept-health',
    legalBasis: '《老年人权益保障法》第三十三条', funding: { kind: 'commissioning_department', departmentRef: 'dept-health' },
  });
  const cycle = async (id: string, op: string, itemId: string, body: Record<string, unknown> | null, filedOn: string, effective: string) => {
    const on = at(`${filedOn}T10:00`);
    await post('/work-list-change-requests', department, { changeRequestId: id, jurisdictionId: WORK_LIST, departmentRef: 'dept-health', op, itemId, item: body, reasons: '工作需要', proposedEffectiveFrom: effective, occurredAt: on });
    await post(`/work-list-change-requests/${id}/consultations`, reviewer, { communityIds: [URBAN], occurredAt: on });
    await post(`/work-list-change-requests/${id}/answers`, urbanCommittee, { communityId: URBAN, position: 'agree', comments: '可以承担', occurredAt: on });
    await post(`/work-list-change-requests/${id}/reviews`, reviewer, { recommendation: 'approve', reasons: '经评估可行', occurredAt: on });
    await post(`/work-list-change-requests/${id}/approval`, approver, { reasons: '同意', occurredAt: on });
    await post(`/work-list-change-requests/${id}/publication`, approver, { occurredAt: on });
  };
  await cycle('cr-1', 'add', 'D-1', item('D-1', 'duty', '高龄老人入户走访'), '2026-01-06', '2026-03-02');
  await cycle('cr-2', 'add', 'D-2', item('D-2', 'duty', '居家养老服务登记'), '2026-01-07', '2026-03-09');
  await cycle('cr-3', 'remove', 'D-1', null, '2026-03-10', '2026-05-06');

  await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
  return { committee, township, supervisor, party, auditor };
};
