import type { CommandMetadata } from '../../../src/domain/shared';
import type { ListVersion, WorkItem, WorkListPolicySnapshot, WorkListSetEvent } from '../../../src/domain/work-item-lists';

export const J = 'city-panjin';
export const DEPT = 'dept-health';
export const APPROVER = [`list_approval_body@jurisdiction:${J}`];
export const REVIEWER = [`list_review_body@jurisdiction:${J}`];
export const DEPARTMENT = [`government_department@department:${DEPT}`];

export const meta = (roles: readonly string[], occurredAt = '2026-03-02T09:00:00+08:00'): CommandMetadata => ({
  now: new Date('2026-12-31T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'actor-1', actorRoles: roles,
});

export const item = (itemId: string, overrides: Partial<WorkItem> = {}): WorkItem => ({
  itemId, list: 'duty', category: '党的建设', subcategory: '组织建设', title: `item ${itemId}`, responsibleDepartment: DEPT,
  legalBasis: '《城市居民委员会组织法》第三条', funding: { kind: 'commissioning_department', departmentRef: DEPT }, ...overrides,
});

export const assistance = (itemId: string, overrides: Partial<WorkItem> = {}): WorkItem => item(itemId, { list: 'assistance', ...overrides });

export const established = (communityKind: 'urban_community' | 'village' = 'urban_community'): WorkListSetEvent => ({
  type: 'WorkListSetEstablished',
  data: { jurisdictionId: J, name: 'Panjin', communityKind, level: communityKind === 'urban_community' ? 'prefecture_city' : 'county', coveredAreaRefs: ['d-1'], levelDeviationReason: null, rule: communityKind === 'urban_community' ? 'WL-3' : 'WL-6', occurredAt: '2026-01-01T00:00:00.000Z' },
});

export const published = (version: number, effectiveFrom: string, changes: WorkListSetEvent extends never ? never : { op: 'add' | 'amend' | 'remove'; itemId: string; item: WorkItem | null }[]): WorkListSetEvent => ({
  type: 'WorkListVersionPublished',
  data: {
    jurisdictionId: J, version, effectiveFrom, publishedOn: effectiveFrom, source: { kind: 'change_request', changeRequestId: `cr-${version}`, approvedBy: 'board', approvedOn: effectiveFrom },
    changes, itemCount: 0, occurredAt: `${effectiveFrom}T00:00:00.000Z`,
  },
});

export const policy = (overrides: Partial<WorkListPolicySnapshot> = {}): WorkListPolicySnapshot => ({
  jurisdictionId: J, version: 1, effectiveFrom: '2026-01-01', reviewingBody: '区社区减负工作组', approvingBody: '区社区减负工作组',
  reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 30, decisionWorkingDays: 15, ...overrides,
});

export const version = (n: number, effectiveFrom: string, items: readonly WorkItem[]): ListVersion => ({
  version: n, effectiveFrom, items: Object.fromEntries(items.map((i) => [i.itemId, i])), source: { kind: 'import', importId: 'imp', sourceDocument: 'doc' },
});
