import { VILLAGE } from './community.story';
import { heldMeeting } from './meeting.story';
import { at, HASH, post, type Step } from './story';

const C = { communityId: VILLAGE.communityId };

/** The township's supervision policy (review before publication, SV-15 veto, SV-13 countersigning), from 2026-01-06. */
export const supervisionPolicyStory = (): Step[] => [
  post('/supervision-policies/{localityId}/versions', { localityId: VILLAGE.townshipRef }, {
    effectiveFrom: '2026-01-06', nearRelativeRelations: ['spouse', 'parent', 'child', 'sibling'], extendedExclusions: [], publicationReviewRequired: true,
    financeMonthlyCommunityIds: [], majorMatterMaxLagDays: null, urbanCadence: 'none', appraisalThreshold: 'majority', expenditureVeto: true, voucherCountersignRequired: true,
    occurredAt: at('2026-01-06', '09:00'),
  }),
];

/** SV-1..SV-3, SV-7: the committee elected at m-1 (item `elect`), a kinship declared and one withdrawn, the appraisal at m-1. */
export const committeeStory = (): Step[] => [
  post('/communities/{communityId}/supervision-committees', C, {
    committeeId: 'svc-1', termId: 'term-12', electedBy: { meetingId: 'm-1', itemId: 'elect' }, justification: undefined, occurredAt: at('2026-03-08', '09:00'),
    members: [
      { personRef: 'p-a', role: 'director', competences: [], basis: 'villager' },
      { personRef: 'p-b', role: 'member', competences: ['finance'], basis: 'villager' },
      { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' },
    ],
  }),
  post('/communities/{communityId}/appraisals', C, { appraisalId: 'appraisal-2026', year: '2026', meetingId: 'm-1', results: [{ cadreRef: 'p-chair', competent: 29, basicallyCompetent: 0, incompetent: 31 }], occurredAt: at('2026-03-08', '10:00') }),
  post('/communities/{communityId}/kinships', C, { kinshipId: 'k-1', personRef: 'p-b', relativeRef: 'p-chair', relation: 'sibling', occurredAt: at('2026-03-09', '09:00') }),
  post('/communities/{communityId}/kinships', C, { kinshipId: 'k-2', personRef: 'p-c', relativeRef: 'p-m1', relation: 'spouse', occurredAt: at('2026-03-09', '09:10') }),
  post('/communities/{communityId}/kinships/{kinshipId}/withdrawal', { ...C, kinshipId: 'k-2' }, { occurredAt: at('2026-03-10', '09:00') }),
];

/** SV-5..SV-11: a misconduct report, a fund receipt, an inquiry answered, a finding and its rectification closed. */
export const casebookStory = (): Step[] => [
  post('/communities/{communityId}/misconduct-reports', C, { reportId: 'r-1', documentHash: HASH('1'), governmentRef: 'township-t-1', supervisoryOrganRef: 'county-supervision-commission', occurredAt: at('2026-03-09', '11:00') }),
  post('/communities/{communityId}/funds-receipts', C, { receiptId: 'relief-1', fundKind: 'disaster_relief', documentHash: HASH('2'), receivedOn: '2026-03-09', occurredAt: at('2026-03-09', '12:00') }),
  post('/communities/{communityId}/inquiries', C, { inquiryId: 'inq-1', domain: 'construction_projects', answerDueBy: '2026-03-20', occurredAt: at('2026-03-09', '13:00') }),
  post('/communities/{communityId}/inquiries/{inquiryId}/answer', { ...C, inquiryId: 'inq-1' }, { occurredAt: at('2026-03-10', '10:00') }),
  post('/communities/{communityId}/findings', C, { findingId: 'find-1', domain: 'construction_projects', documentHash: HASH('3'), inquiryId: 'inq-1', occurredAt: at('2026-03-11', '09:00') }),
  post('/communities/{communityId}/rectifications', C, { rectificationId: 'rect-1', findingId: 'find-1', dueBy: '2026-04-30', occurredAt: at('2026-03-11', '10:00') }),
  post('/communities/{communityId}/rectifications/{rectificationId}/report', { ...C, rectificationId: 'rect-1' }, { reportHash: HASH('4'), occurredAt: at('2026-03-20') }),
  post('/communities/{communityId}/rectifications/{rectificationId}/closure', { ...C, rectificationId: 'rect-1' }, { outcome: 'rectified', occurredAt: at('2026-03-21') }),
];

/** SV-15 / SV-13 and SV-5's observers: a veto appealed to the meeting m-appeal, a voucher co-signed and booked. */
export const expenditureStory = (): Step[] => [
  post('/communities/{communityId}/expenditure-vetoes', C, { vetoId: 'veto-1', expenditureRef: 'exp-031', documentHash: HASH('5'), occurredAt: at('2026-03-12', '09:00') }),
  post('/communities/{communityId}/vouchers/{voucherId}/countersignature', { ...C, voucherId: 'vc-2' }, { expenditureRef: 'exp-032', decision: 'signed', occurredAt: at('2026-03-12', '10:00') }),
  post('/communities/{communityId}/vouchers/{voucherId}/booking', { ...C, voucherId: 'vc-2' }, { expenditureRef: 'exp-032', documentHash: HASH('6'), occurredAt: at('2026-03-13', '09:00') }),
  post('/communities/{communityId}/expenditure-vetoes/{vetoId}/appeal', { ...C, vetoId: 'veto-1' }, { occurredAt: at('2026-03-13', '10:00') }),
  ...heldMeeting('m-appeal', ['approve-exp'], '2026-03-14', '2026-03-25'),
  post('/meetings/{meetingId}/supervision-observers', { meetingId: 'm-appeal' }, { personRef: 'p-b', occurredAt: at('2026-03-25', '10:30') }),
  post('/meetings/{meetingId}/supervision-refusals', { meetingId: 'm-appeal' }, { personRef: 'p-c', refusedByRole: 'villagers_committee', occurredAt: at('2026-03-25', '11:00') }),
  post('/communities/{communityId}/expenditure-vetoes/{vetoId}/appeal-decision', { ...C, vetoId: 'veto-1' }, { meetingId: 'm-appeal', itemId: 'approve-exp', occurredAt: at('2026-03-26') }),
];
