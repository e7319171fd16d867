import { registrationBody } from './community.mother';
import { at, keep, post, type Step } from './story';

/** The village every story takes place in: registered in township t-1, district d-1. */
export const VILLAGE = { communityId: 'c-17', townshipRef: 't-1', districtRef: 'd-1' } as const;
const C = { communityId: VILLAGE.communityId };

/** The registry: the village, its committee term, census and posts (January 2026). */
export const registryStory = (): Step[] => [
  post('/communities', {}, registrationBody({ ...VILLAGE, kind: 'village', name: '东河村', occurredAt: at('2026-01-05', '09:00') })),
  post('/communities/{communityId}/committee-terms', C, { termId: 'term-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31', occurredAt: at('2026-01-05', '10:00') }),
  post('/communities/{communityId}/census-snapshots', C, { snapshotId: 'census-2026', effectiveFrom: '2026-01-01', adults: 100, households: 40, villageGroups: undefined, residentGroups: undefined, occurredAt: at('2026-01-05', '11:00') }),
  post('/communities/{communityId}/office-holders', C, {
    termId: 'term-12', recordId: 'oh-1', effectiveFrom: '2026-01-01', occurredAt: at('2026-01-05', '12:00'),
    holders: [{ personRef: 'p-chair', post: 'committee_director' }, { personRef: 'p-m1', post: 'committee_member' }, { personRef: 'p-sec', post: 'party_secretary' }],
  }),
];

/** VM-9 / VM-6: the representative meeting constituted and authorised by the villagers meeting m-1's item `funds` (March). */
export const representationStory = (): Step[] => [
  post('/communities/{communityId}/representative-meeting-constitutions', C, { constitutionId: 'rep-1', termId: 'term-12', effectiveFrom: '2026-03-01', committeeMembers: 1, representatives: 5, womenMembers: 2, selection: 'by_households', deviationReason: undefined, occurredAt: at('2026-03-16', '08:00') }),
  post('/communities/{communityId}/authorisations', C, { authorisationId: 'auth-1', matterTypes: ['collective_funds_use'], validFrom: '2026-03-10', validUntil: '2026-12-31', grantedByMeetingId: 'm-1', grantedByItemId: 'funds', occurredAt: at('2026-03-16', '08:30') }),
];

/** The person registry: one person kept, one erased (crypto-shredding). */
export const personStory = (): Step[] => [
  post('/communities/{communityId}/persons', C, { personRef: 'p-wang-1', occurredAt: at('2026-03-01') }),
  post('/communities/{communityId}/persons', C, { personRef: keep('p-erase'), occurredAt: at('2026-03-01', '10:30') }),
  post('/communities/{communityId}/persons/{personRef}/erasure', { ...C, personRef: 'p-erase' }, { occurredAt: at('2026-03-02') }),
];
