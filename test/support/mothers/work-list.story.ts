import { VILLAGE } from './community.story';
import { at, post, type Step } from './story';

/** The county's list set for villages (WL-6), covering the village's district. */
export const JURISDICTION = 'city-panjin';
const J = { jurisdictionId: JURISDICTION };

const item = (itemId: string, list: string) => ({
  itemId, list, category: '社会保障', subcategory: '养老服务', title: `事项 ${itemId}`, responsibleDepartment: 'dept-health',
  legalBasis: '《老年人权益保障法》第三十三条', funding: { kind: 'commissioning_department', departmentRef: 'dept-health' },
});
const filed = (changeRequestId: string, itemId: string, list: string, on: string, effective: string): Step =>
  post('/work-list-change-requests', {}, { changeRequestId, jurisdictionId: JURISDICTION, departmentRef: 'dept-health', op: 'add', itemId, item: item(itemId, list), proposedEffectiveFrom: effective, occurredAt: at(on) });
const consulted = (changeRequestId: string, on: string): Step[] => [
  post('/work-list-change-requests/{changeRequestId}/consultations', { changeRequestId }, { communityIds: [VILLAGE.communityId], answerBy: undefined, occurredAt: at(on) }),
  post('/work-list-change-requests/{changeRequestId}/answers', { changeRequestId }, { communityId: VILLAGE.communityId, position: 'agree', occurredAt: at(on, '11:00') }),
  post('/work-list-change-requests/{changeRequestId}/reviews', { changeRequestId }, { recommendation: 'approve', occurredAt: at(on, '12:00') }),
];

/**
 * WL-1..WL-6 and admission (准入): policy and calendar, the list set, a duty item approved and
 * published, a mechanism approved by the province (WL-6), one request rejected and one withdrawn;
 * a task admitted and then refused by the village, an emergency exemption and a separate assessment.
 */
export const workListStory = (): Step[] => [
  post('/work-list-policies/{jurisdictionId}/versions', J, { effectiveFrom: '2026-01-05', reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 30, decisionWorkingDays: 15, occurredAt: at('2026-01-02') }),
  post('/work-list-policies/{jurisdictionId}/calendars', J, { year: 2026, holidays: ['2026-02-16', '2026-02-17'], makeUpWorkdays: ['2026-02-14'], occurredAt: at('2026-01-02', '11:00') }),
  post('/work-lists', {}, { jurisdictionId: JURISDICTION, communityKind: 'village', level: 'county', coveredAreaRefs: [VILLAGE.districtRef], levelDeviationReason: undefined, occurredAt: at('2026-01-02', '12:00') }),
  filed('cr-1', 'D-1', 'duty', '2026-01-06', '2026-03-02'),
  ...consulted('cr-1', '2026-01-07'),
  post('/work-list-change-requests/{changeRequestId}/approval', { changeRequestId: 'cr-1' }, { effectiveFrom: '2026-03-02', occurredAt: at('2026-01-08') }),
  post('/work-list-change-requests/{changeRequestId}/publication', { changeRequestId: 'cr-1' }, { occurredAt: at('2026-01-08', '11:00') }),
  filed('cr-2', 'M-1', 'mechanism', '2026-01-06', '2026-03-02'),
  ...consulted('cr-2', '2026-01-07'),
  post('/work-list-change-requests/{changeRequestId}/provincial-approvals', { changeRequestId: 'cr-2' }, { approvedOn: '2026-01-08', occurredAt: at('2026-01-08') }),
  post('/work-list-change-requests/{changeRequestId}/approval', { changeRequestId: 'cr-2' }, { effectiveFrom: '2026-03-02', occurredAt: at('2026-01-09') }),
  post('/work-list-change-requests/{changeRequestId}/publication', { changeRequestId: 'cr-2' }, { occurredAt: at('2026-01-09', '11:00') }),
  filed('cr-3', 'D-3', 'duty', '2026-01-06', '2026-03-02'),
  ...consulted('cr-3', '2026-01-07'),
  post('/work-list-change-requests/{changeRequestId}/rejection', { changeRequestId: 'cr-3' }, { occurredAt: at('2026-01-08') }),
  filed('cr-4', 'D-4', 'duty', '2026-01-06', '2026-03-02'),
  post('/work-list-change-requests/{changeRequestId}/withdrawal', { changeRequestId: 'cr-4' }, { occurredAt: at('2026-01-07') }),
  post('/work-assignments', {}, { assignmentId: 'as-1', jurisdictionId: JURISDICTION, communityId: VILLAGE.communityId, departmentRef: 'dept-health', itemId: 'D-1', taskCategory: null, exemptionId: null, occurredAt: at('2026-03-05') }),
  post('/work-assignments/{assignmentId}/refusals', { assignmentId: 'as-1' }, { citedItemId: null, citedCategory: 'demolition', occurredAt: at('2026-03-06') }),
  post('/work-list-exemptions', {}, { exemptionId: 'ex-1', jurisdictionId: JURISDICTION, category: 'public_health', invokedByRef: 'dept-health', startsOn: '2026-06-01', expiresOn: '2026-06-10', communityIds: [], occurredAt: at('2026-06-01') }),
  post('/work-list-assessments', {}, { assessmentId: 'asmt-1', jurisdictionId: JURISDICTION, departmentRef: 'dept-health', heldOn: '2026-05-10', communityIds: [VILLAGE.communityId], itemIds: ['D-1'], occurredAt: at('2026-05-10') }),
];
