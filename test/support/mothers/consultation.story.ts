import { VILLAGE } from './community.story';
import { heldMeeting } from './meeting.story';
import { at, HASH, post, type Step } from './story';

/** The consultation policy of the village's district (and township), from 2026-01-06: notice 3 days ahead, greening in the catalogue. */
export const localityPolicyStory = (): Step[] => [VILLAGE.districtRef, VILLAGE.townshipRef].map((localityId) =>
  post('/locality-policies/{localityId}/versions', { localityId }, {
    effectiveFrom: '2026-01-06', catalogue: [{ code: 'greening', title: 'Lighting and greening', contentClass: 'public_affairs' }], noticeLeadDays: 3,
    implementationStartDeadlineDays: 30, publicationDeadlineDays: 10, channels: ['notice_board', 'online_forum'], extraConsultationForms: [], seriousContestPercent: 34,
    occurredAt: at('2026-01-06'),
  }));

const opened = (consultationId: string): Step =>
  post('/consultations', {}, { consultationId, communityId: VILLAGE.communityId, channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 42, occurredAt: at('2026-03-11') });
const topic = (id: string, commissioned: boolean): Step =>
  post('/consultations/{id}/topic', { id }, { contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: commissioned, highImpact: false, commissioned, commissioner: commissioned ? '区民政局' : null, occurredAt: at('2026-03-12') });
const people = ['p-1', 'p-2', 'p-3'];

/**
 * CS-3..CS-10: cons-2026-001 from solicitation to closure, with a technical expert, a supervision
 * member and one turned away, a policy deviation, an uncontested opinion (one dissenter briefed), the
 * implementation published, reported to its commissioner, and a government correction.
 */
export const consultationStory = (): Step[] => {
  const I = { id: 'cons-2026-001' };
  const posting = (from: string, until: string) => ({ channels: ['notice_board'], postedFrom: from, postedUntil: until });
  return [
    opened(I.id),
    topic(I.id, true),
    post('/consultations/{id}/deviations', I, { step: 'NoticeLeadTime', communityId: undefined, occurredAt: at('2026-03-13', '09:00') }),
    post('/consultations/{id}/participants', I, { participants: [{ personRef: 'p-1', category: 'registered_resident' }, { personRef: 'p-2', category: 'registered_resident' }, { personRef: 'p-3', category: 'property_service_company' }], occurredAt: at('2026-03-13', '10:00') }),
    post('/consultations/{id}/experts', I, { personRef: 'expert-9', occurredAt: at('2026-03-13', '11:00') }),
    post('/consultations/{id}/supervision-members', I, { personRef: 'p-a', occurredAt: at('2026-03-13', '12:00') }),
    post('/consultations/{id}/supervision-refusals', I, { personRef: 'p-b', refusedByRole: 'community_committee', occurredAt: at('2026-03-13', '13:00') }),
    post('/consultations/{id}/notices', I, { notified: [...people, 'expert-9'], channels: ['notice_board'], sessionPlannedAt: at('2026-03-15'), occurredAt: at('2026-03-14') }),
    post('/consultations/{id}/sessions', I, { form: 'council', attendance: [...people, 'expert-9'], minutesHash: HASH('d'), views: [{ personRef: 'p-1', position: 'for', text: 'good' }, { personRef: 'p-2', position: 'for', text: 'fine' }, { personRef: 'p-3', position: 'against', text: 'too bright' }], occurredAt: at('2026-03-15') }),
    post('/consultations/{id}/opinion', I, { contentHash: HASH('e'), resolved: true, occurredAt: at('2026-03-16') }),
    post('/consultations/{id}/dissenter-briefings', I, { dissenters: ['p-3'], channel: 'home_visit', occurredAt: at('2026-03-16', '11:00') }),
    post('/consultations/{id}/implementation-plan', I, { planHash: HASH('f'), ...posting('2026-04-13', '2026-04-28'), occurredAt: at('2026-04-13') }),
    post('/consultations/{id}/publications', I, { publicationId: 'pub-c-1', covers: 'result', contentHash: HASH('1'), ...posting('2026-04-13', '2026-04-28'), occurredAt: at('2026-04-13', '11:00') }),
    post('/consultations/{id}/implementation', I, { occurredAt: at('2026-04-14') }),
    post('/consultations/{id}/progress-reports', I, { percent: 50, ...posting('2026-04-20', '2026-05-05'), occurredAt: at('2026-04-20') }),
    post('/consultations/{id}/completion', I, { resultsHash: HASH('2'), satisfaction: { satisfied: 30, neutral: 5, dissatisfied: 2 }, ...posting('2026-05-01', '2026-05-16'), occurredAt: at('2026-05-01') }),
    post('/consultations/{id}/publications', I, { publicationId: 'pub-c-2', covers: 'implementation', contentHash: HASH('6'), ...posting('2026-05-02', '2026-05-17'), occurredAt: at('2026-05-02', '09:00') }),
    post('/consultations/{id}/commissioner-reports', I, { reportHash: HASH('3'), occurredAt: at('2026-05-02') }),
    post('/consultations/{id}/commissioner-feedback', I, { feedbackHash: HASH('4'), occurredAt: at('2026-05-03') }),
    post('/consultations/{id}/feedback', I, { informed: [...people, 'expert-9'], channel: 'sms', occurredAt: at('2026-05-03', '11:00') }),
    post('/consultations/{id}/corrections', I, { correctionHash: HASH('5'), occurredAt: at('2026-05-04') }),
    post('/consultations/{id}/closure', I, { occurredAt: at('2026-05-05') }),
  ];
};

/** CS-9: cons-b seriously contested, referred to the villagers meeting m-2, which decides; cons-c withdrawn. */
export const referredConsultationStory = (): Step[] => {
  const B = { id: 'cons-b' };
  return [
    opened(B.id),
    topic(B.id, false),
    post('/consultations/{id}/participants', B, { participants: people.map((personRef) => ({ personRef, category: 'registered_resident' })), occurredAt: at('2026-03-13') }),
    post('/consultations/{id}/notices', B, { notified: people, channels: ['notice_board'], sessionPlannedAt: at('2026-03-18'), occurredAt: at('2026-03-14') }),
    post('/consultations/{id}/sessions', B, { form: 'council', attendance: people, minutesHash: HASH('6'), views: [{ personRef: 'p-1', position: 'for', text: 'good' }, { personRef: 'p-2', position: 'against', text: 'no' }, { personRef: 'p-3', position: 'against', text: 'no' }], occurredAt: at('2026-03-18') }),
    post('/consultations/{id}/referrals', B, { meetingKind: 'villagers_meeting', occurredAt: at('2026-03-19') }),
    ...heldMeeting('m-2', ['cons'], '2026-03-20', '2026-03-31'),
    post('/consultations/{id}/meeting-decisions', B, { meetingId: 'm-2', itemId: 'cons', occurredAt: at('2026-04-01') }),
    opened('cons-c'),
    post('/consultations/{id}/withdrawal', { id: 'cons-c' }, { occurredAt: at('2026-03-12') }),
  ];
};
