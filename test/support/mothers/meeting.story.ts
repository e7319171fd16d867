import { VILLAGE } from './community.story';
import { at, post, type Step } from './story';

const C = { communityId: VILLAGE.communityId };
/** The persons present at a meeting of 60 (attendeeRefs lists exactly the persons present). */
const present60 = Array.from({ length: 60 }, (_, i) => `a-${i + 1}`);

/** A villagers meeting convened, its agenda voted (adopted: 45 of 60) and, optionally, closed. */
export const heldMeeting = (meetingId: string, items: readonly string[], convenedOn: string, heldOn: string): Step[] => [
  post('/communities/{communityId}/meetings', C, { meetingId, kind: 'villagers_meeting', scheduledFor: at(heldOn, '09:00'), urgencyReason: undefined, groupId: undefined, residentsMode: undefined, occurredAt: at(convenedOn, '09:00') }),
  ...items.map((itemId, i) => post('/meetings/{meetingId}/agenda-items', { meetingId }, { itemId, title: `议题 ${itemId}`, matterType: 'other', important: false, occurredAt: at(convenedOn, `10:0${i}`) })),
  post('/meetings/{meetingId}/attendance', { meetingId }, { present: 60, householdsRepresented: 0, observers: 2, attendeeRefs: present60, observerRefs: ['o-1', 'o-2'], occurredAt: at(heldOn, '09:30') }),
  ...items.map((itemId, i) => post('/meetings/{meetingId}/votes', { meetingId }, { itemId, yes: 45, no: 10, abstain: 5, occurredAt: at(heldOn, `10:0${i}`) })),
];

/**
 * The meetings of the village: a petition (VM-2), the villagers meeting m-1 of 2026-03-07 with a
 * reserved matter pre-deliberated by the Party (VM-6/VM-7), the election of the supervision
 * committee, a decision the township corrects (VM-12) and one a court revokes.
 */
export const villagersMeetingStory = (): Step[] => {
  const M = { meetingId: 'm-1' };
  return [
    post('/meetings/{meetingId}/petitions', { meetingId: 'm-pet' }, { communityId: VILLAGE.communityId, kind: 'villagers_meeting', petitionId: 'pet-1', basis: 'adults', signerRefs: Array.from({ length: 10 }, (_, i) => `s-${i + 1}`), occurredAt: at('2026-02-20') }),
    post('/communities/{communityId}/meetings', C, { meetingId: 'm-1', kind: 'villagers_meeting', scheduledFor: at('2026-03-07', '09:00'), urgencyReason: undefined, groupId: undefined, residentsMode: undefined, occurredAt: at('2026-02-25', '09:00') }),
    post('/meetings/{meetingId}/agenda-items', M, { itemId: 'funds', title: '集体资金使用方案', matterType: 'collective_funds_use', important: true, occurredAt: at('2026-02-26', '09:00') }),
    ...['elect', 'corr', 'court'].map((itemId, i) => post('/meetings/{meetingId}/agenda-items', M, { itemId, title: `议题 ${itemId}`, matterType: 'other', important: false, occurredAt: at('2026-02-26', `09:1${i}`) })),
    post('/meetings/{meetingId}/party-pre-deliberations', M, { itemId: 'funds', deliberatedOn: '2026-03-01', partyOrganisationRef: 'party-branch-1', minutesRef: 'minutes-0301', occurredAt: at('2026-03-01') }),
    post('/meetings/{meetingId}/attendance', M, { present: 60, householdsRepresented: 0, observers: 2, attendeeRefs: present60, observerRefs: ['o-1', 'o-2'], occurredAt: at('2026-03-07', '09:30') }),
    post('/meetings/{meetingId}/votes', M, { itemId: 'funds', yes: 31, no: 29, abstain: 0, occurredAt: at('2026-03-07', '10:00') }),
    ...['elect', 'corr', 'court'].map((itemId, i) => post('/meetings/{meetingId}/votes', M, { itemId, yes: 45, no: 10, abstain: 5, occurredAt: at('2026-03-07', `10:1${i}`) })),
    post('/meetings/{meetingId}/closure', M, { occurredAt: at('2026-03-07', '12:00') }),
    post('/meetings/{meetingId}/corrections', M, { itemId: 'corr', correctionId: 'corr-1', authorityRef: 'township-gov-t-1', occurredAt: at('2026-03-15', '09:00') }),
    post('/meetings/{meetingId}/court-revocations', M, { itemId: 'court', courtRef: 'court-d-1', judgmentRef: '(2026)民初123号', judgmentDate: '2026-05-01', occurredAt: at('2026-05-02') }),
  ];
};

/** VM-8: a representative meeting decides under the authorisation of m-1/funds, and m-1 overrules it. */
export const representativeMeetingStory = (): Step[] => {
  const R = { meetingId: 'm-reps' };
  return [
    post('/communities/{communityId}/meetings', C, { meetingId: 'm-reps', kind: 'village_representatives_meeting', scheduledFor: at('2026-03-18', '09:00'), urgencyReason: undefined, groupId: undefined, residentsMode: undefined, occurredAt: at('2026-03-16', '09:00') }),
    post('/meetings/{meetingId}/agenda-items', R, { itemId: 'funds2', title: '资金使用细则', matterType: 'collective_funds_use', important: true, occurredAt: at('2026-03-16', '09:10') }),
    post('/meetings/{meetingId}/party-pre-deliberations', R, { itemId: 'funds2', deliberatedOn: '2026-03-17', partyOrganisationRef: 'party-branch-1', minutesRef: 'minutes-0317', occurredAt: at('2026-03-17') }),
    post('/meetings/{meetingId}/attendance', R, { present: 4, householdsRepresented: 0, observers: 0, attendeeRefs: ['r-1', 'r-2', 'r-3', 'r-4'], observerRefs: [], occurredAt: at('2026-03-18', '09:30') }),
    post('/meetings/{meetingId}/votes', R, { itemId: 'funds2', yes: 3, no: 1, abstain: 0, occurredAt: at('2026-03-18', '10:00') }),
    post('/meetings/{meetingId}/overrulings', R, { itemId: 'funds2', action: 'revoke', changeSummary: undefined, byMeetingId: 'm-1', byItemId: 'funds', occurredAt: at('2026-03-19', '09:00') }),
  ];
};
