import { ForbiddenError, IllegalStateError, NotFoundError, RuleViolationError, ValidationError, addWorkingDays, WEEKENDS_ONLY } from '../../../src/domain/shared';
import {
  admission,
  assignmentDecider,
  changeRequestDecider,
  listVersionInForceOn,
  oversightDecider,
  workListSetDecider,
  type ChangeRequestEvent,
  type FilingFacts,
  type WorkListSetEvent,
} from '../../../src/domain/work-item-lists';
import { DeciderSpecification } from '../../support/decider-specification';
import { APPROVER, DEPARTMENT, DEPT, J, REVIEWER, assistance, established, item, meta, policy, published, version } from './work-list.mother';

const listSet = DeciderSpecification.for(workListSetDecider);
const changes = DeciderSpecification.for(changeRequestDecider);
const assignments = DeciderSpecification.for(assignmentDecider);
const oversight = DeciderSpecification.for(oversightDecider);

const facts = (overrides: Partial<FilingFacts> = {}): FilingFacts => ({ policy: policy(), calendar: WEEKENDS_ONLY, communityKind: 'urban_community', currentItem: null, ...overrides });
const file = (data: Record<string, unknown> = {}, occurredAt = '2026-03-02T09:00:00+08:00') => ({
  type: 'FileChangeRequest' as const,
  data: { changeRequestId: 'cr-1', jurisdictionId: J, departmentRef: DEPT, op: 'add' as const, itemId: 'a-9', item: assistance('a-9'), reasons: '疫苗接种宣传', proposedEffectiveFrom: '2026-05-01', facts: facts(), ...data },
  metadata: meta(DEPARTMENT, occurredAt),
});
const filedEvents = (overrides: Record<string, unknown> = {}): ChangeRequestEvent[] => changes.given([]).when(file(overrides) as never).events() as ChangeRequestEvent[];

describe('WL-1 an assistance item needs a legal basis and funding by the commissioning department', () => {
  const importing = (it: ReturnType<typeof item>) => ({ type: 'ImportWorkItem' as const, data: { jurisdictionId: J, importId: 'imp-1', sourceDocument: '盘锦兴隆台区清单 (2018)', line: 2, item: it }, metadata: meta(APPROVER) });
  it('refuses an assistance item without a legal basis', () => {
    listSet.given([established()]).when(importing(assistance('a-1', { legalBasis: ' ' }))).thenThrows(RuleViolationError, { code: 'WORK_LIST.ASSISTANCE_ITEM_UNFOUNDED', rule: 'WL-1' });
  });
  it('refuses an assistance item funded by the community or by another department', () => {
    listSet.given([established()]).when(importing(assistance('a-1', { funding: { kind: 'community_own', departmentRef: '' } }))).thenThrows(RuleViolationError, { rule: 'WL-1' });
    listSet.given([established()]).when(importing(assistance('a-1', { funding: { kind: 'commissioning_department', departmentRef: 'dept-other' } }))).thenThrows(RuleViolationError, { rule: 'WL-1' });
  });
  it('accepts a duty item without funding (WL-1 binds assistance items) and an assistance item with both', () => {
    listSet.given([established()]).when(importing(item('d-1', { legalBasis: '', funding: { kind: 'unfunded', departmentRef: '' } }))).thenContains([{ type: 'WorkItemImported' }]);
    listSet.given([established()]).when(importing(assistance('a-1'))).thenContains([{ type: 'WorkItemImported' }]);
  });
  it('a change request to add an unfunded assistance item is refused at filing', () => {
    changes.given([]).when(file({ item: assistance('a-9', { legalBasis: '' }) }) as never).thenThrows(RuleViolationError, { rule: 'WL-1' });
  });
  it('admission refuses an assistance item assigned by a department that did not commission it', () => {
    const v = version(1, '2026-01-01', [assistance('a-1')]);
    const outcome = admission({ jurisdictionId: J, communityId: 'c-1', departmentRef: 'dept-other', itemId: 'a-1', taskCategory: null, assignedOn: '2026-02-01' }, 'urban_community', v, null);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'not_commissioning_department', rule: 'WL-1' });
  });
});

describe('WL-3 lists per prefecture city for urban communities, negative categories, 准入 procedure', () => {
  it('an urban list set is owned by the prefecture city; another level needs a recorded reason', () => {
    const establish = (level: string, levelDeviationReason?: string) => ({
      type: 'EstablishWorkListSet' as const,
      data: { jurisdictionId: J, name: 'X', communityKind: 'urban_community' as const, level: level as never, coveredAreaRefs: ['d-1'], ...(levelDeviationReason === undefined ? {} : { levelDeviationReason }) },
      metadata: meta(APPROVER),
    });
    listSet.given([]).when(establish('district')).thenThrows(RuleViolationError, { code: 'WORK_LIST.OWNER_LEVEL', rule: 'WL-3' });
    listSet.given([]).when(establish('district', '市授权区制定清单')).thenContains([{ type: 'WorkListSetEstablished' }]);
    listSet.given([]).when(establish('prefecture_city')).thenContains([{ type: 'WorkListSetEstablished' }]);
  });
  it('a task of a negative category (investment attraction) is refused whatever the list says', () => {
    const v = version(1, '2026-01-01', [item('d-1')]);
    expect(admission({ jurisdictionId: J, communityId: 'c-1', departmentRef: DEPT, itemId: 'd-1', taskCategory: 'investment_attraction', assignedOn: '2026-02-01' }, 'urban_community', v, null))
      .toMatchObject({ outcome: 'refused', reason: 'negative_category', rule: 'WL-3' });
  });
  it('a change must be applied for the policy\'s working days ahead (30 working days, weekends excluded)', () => {
    const earliest = addWorkingDays('2026-03-02', 30, WEEKENDS_ONLY);
    expect(earliest).toBe('2026-04-13');
    changes.given([]).when(file({ proposedEffectiveFrom: '2026-04-10' }) as never).thenThrows(RuleViolationError, { code: 'CHANGE_REQUEST.APPLIED_TOO_LATE', rule: 'WL-3' });
    changes.given([]).when(file({ proposedEffectiveFrom: '2026-04-13' }) as never).thenContains([{ type: 'ChangeRequestFiled' }]);
  });
  it('holidays of the locality\'s calendar are not working days, make-up days are', () => {
    const calendar = { holidays: ['2026-04-06'], makeUpWorkdays: ['2026-04-11'] };
    expect(addWorkingDays('2026-04-03', 2, calendar)).toBe('2026-04-08');
    expect(addWorkingDays('2026-04-10', 1, calendar)).toBe('2026-04-11');
  });
  it('the decision is due within the policy\'s working days of filing', () => {
    const [filed] = filedEvents();
    expect(filed).toMatchObject({ type: 'ChangeRequestFiled', data: { filedOn: '2026-03-02', decisionDueOn: '2026-03-23', policyVersion: 1, reviewingBody: '区社区减负工作组' } });
  });
  it('steps: consult, review, then approve; not before; only the bodies of the jurisdiction', () => {
    const filed = filedEvents();
    const approve = { type: 'ApproveChangeRequest' as const, data: { changeRequestId: 'cr-1', reasons: '经评估合理' }, metadata: meta(APPROVER, '2026-03-10T09:00:00+08:00') };
    changes.given(filed).when(approve).thenThrows(IllegalStateError, { code: 'CHANGE_REQUEST.NOT_REVIEWED', rule: 'WL-3' });
    const review = { type: 'ReviewChangeRequest' as const, data: { changeRequestId: 'cr-1', recommendation: 'approve' as const, reasons: '可行' }, metadata: meta(REVIEWER, '2026-03-05T09:00:00+08:00') };
    changes.given(filed).when(review).thenThrows(IllegalStateError, { code: 'CHANGE_REQUEST.NOT_CONSULTED' });
    changes.given(filed).when({ ...review, metadata: meta(DEPARTMENT) }).thenThrows(ForbiddenError, { code: 'CHANGE_REQUEST.NOT_ALLOWED' });
    const consulted: ChangeRequestEvent = { type: 'CommunitiesConsulted', data: { changeRequestId: 'cr-1', communityIds: ['c-1'], answerBy: null, occurredAt: '' } };
    const reviewed = changes.given([...filed, consulted]).when(review).events();
    changes.given([...filed, consulted, ...reviewed]).when(approve).thenContains([{ type: 'ChangeRequestApproved', data: expect.objectContaining({ effectiveFrom: '2026-05-01', late: false }) }]);
    changes.given([...filed, consulted, ...reviewed]).when({ ...approve, metadata: meta(REVIEWER) }).thenThrows(ForbiddenError);
  });
  it('consults registered communities only (their streams say so): an unknown one is 404 COMMUNITY.NOT_FOUND', () => {
    const consult = (registered: string[]) => ({ type: 'ConsultCommunities' as const, data: { changeRequestId: 'cr-1', communityIds: ['c-1', 'c-9'], facts: { registered } }, metadata: meta(REVIEWER, '2026-03-03T09:00:00+08:00') });
    changes.given(filedEvents()).when(consult(['c-1'])).thenThrows(NotFoundError, { code: 'COMMUNITY.NOT_FOUND' });
    changes.given(filedEvents()).when(consult(['c-1', 'c-9'])).thenContains([{ type: 'CommunitiesConsulted', data: expect.objectContaining({ communityIds: ['c-1', 'c-9'] }) }]);
  });
  it('a rejection gives reasons; the applicant may withdraw before a decision, not after', () => {
    const filed = filedEvents({});
    const policyNoSteps = filedEvents({ facts: facts({ policy: policy({ reviewRequired: false, consultCommunities: false }) }) });
    const reject = { type: 'RejectChangeRequest' as const, data: { changeRequestId: 'cr-1', reasons: '' }, metadata: meta(APPROVER) };
    changes.given(policyNoSteps).when(reject).thenThrows(ValidationError);
    const rejected = changes.given(policyNoSteps).when({ ...reject, data: { changeRequestId: 'cr-1', reasons: '属于部门职责' } }).events();
    const withdraw = { type: 'WithdrawChangeRequest' as const, data: { changeRequestId: 'cr-1', reason: '不再需要' }, metadata: meta(DEPARTMENT) };
    changes.given([...policyNoSteps, ...rejected]).when(withdraw).thenThrows(IllegalStateError, { code: 'CHANGE_REQUEST.DECIDED' });
    changes.given(filed).when(withdraw).thenContains([{ type: 'ChangeRequestWithdrawn' }]);
  });
  it('the watchdog records an overdue decision once, only after the due date', () => {
    const filed = filedEvents();
    const overdue = (today: string) => ({ type: 'RecordDecisionOverdue' as const, data: { changeRequestId: 'cr-1', today }, metadata: { ...meta(['watchdog']) } });
    changes.given(filed).when(overdue('2026-03-23')).thenThrows(IllegalStateError, { code: 'CHANGE_REQUEST.NOT_OVERDUE' });
    const recorded = changes.given(filed).when(overdue('2026-03-24')).events();
    expect(recorded).toEqual([expect.objectContaining({ type: 'ChangeRequestDecisionOverdue', data: expect.objectContaining({ dueOn: '2026-03-23', detectedOn: '2026-03-24' }) })]);
    changes.given([...filed, ...recorded]).when(overdue('2026-03-25')).thenNothingHappened();
    changes.given(filed).when({ ...overdue('2026-03-24'), metadata: meta(DEPARTMENT) }).thenThrows(ForbiddenError);
  });
});

describe('WL-6 village lists: three lists, county ownership, provincial approval of new mechanisms', () => {
  const mechanism = item('m-1', { list: 'mechanism', category: '机制牌子', subcategory: '工作机制' });
  const villageFacts = facts({ communityKind: 'village', policy: policy({ reviewRequired: false, consultCommunities: false }) });
  it('a new village mechanism is filed as needing provincial approval and cannot be approved without it', () => {
    const filed = filedEvents({ itemId: 'm-1', item: mechanism, facts: villageFacts });
    expect(filed[0]).toMatchObject({ data: { needsProvincialApproval: true } });
    const approve = { type: 'ApproveChangeRequest' as const, data: { changeRequestId: 'cr-1', reasons: 'ok' }, metadata: meta(APPROVER) };
    changes.given(filed).when(approve).thenThrows(RuleViolationError, { code: 'CHANGE_REQUEST.PROVINCIAL_APPROVAL_REQUIRED', rule: 'WL-6' });
    const provincial = changes.given(filed).when({ type: 'RecordProvincialApproval', data: { changeRequestId: 'cr-1', approvalRef: '省委办〔2026〕3号', approvedOn: '2026-03-01' }, metadata: meta(['provincial_government']) }).events();
    changes.given([...filed, ...provincial]).when(approve).thenContains([{ type: 'ChangeRequestApproved' }]);
  });
  it('an urban mechanism does not need provincial approval', () => {
    expect(filedEvents({ itemId: 'm-1', item: mechanism })[0]).toMatchObject({ data: { needsProvincialApproval: false } });
  });
  it('a village list set is owned by the county by default', () => {
    listSet.given([]).when({ type: 'EstablishWorkListSet', data: { jurisdictionId: J, name: 'X', communityKind: 'village', level: 'prefecture_city', coveredAreaRefs: [] }, metadata: meta(APPROVER) })
      .thenThrows(RuleViolationError, { rule: 'WL-6' });
  });
  it('village negative categories: work safety is refused', () => {
    expect(admission({ jurisdictionId: J, communityId: 'v-1', departmentRef: DEPT, itemId: null, taskCategory: 'work_safety', assignedOn: '2026-02-01' }, 'village', undefined, null))
      .toMatchObject({ outcome: 'refused', reason: 'negative_category', rule: 'WL-6' });
  });
  it('publication refuses an approved village mechanism without provincial approval', () => {
    const change = { changeRequestId: 'cr-1', jurisdictionId: J, status: 'approved', op: 'add' as const, itemId: 'm-1', item: mechanism, effectiveFrom: '2026-05-01', approvedBy: 'b', approvedOn: '2026-03-10', needsProvincialApproval: true, provincialApprovalRef: null };
    listSet.given([established('village')]).when({ type: 'PublishApprovedChange', data: { jurisdictionId: J, change }, metadata: meta(APPROVER) }).thenThrows(RuleViolationError, { rule: 'WL-6' });
  });
});

describe('WL-4 / WL-9 registers and separate assessments on admitted items', () => {
  const v = version(1, '2026-01-01', [item('d-1'), item('cert-1', { list: 'certificate' }), item('n-1', { list: 'negative' })]);
  it('a register item (certificate / seal scope) is not a work item a department may assign', () => {
    expect(admission({ jurisdictionId: J, communityId: 'c-1', departmentRef: DEPT, itemId: 'cert-1', taskCategory: null, assignedOn: '2026-02-01' }, 'urban_community', v, null)).toMatchObject({ outcome: 'refused', reason: 'not_a_work_item' });
  });
  it('a department assessing communities on admitted items is recorded as a violation', () => {
    const report = (itemIds: string[], registered = ['c-1']) => ({
      type: 'RecordSeparateAssessment' as const,
      data: { assessmentId: 'as-1', jurisdictionId: J, departmentRef: DEPT, title: '健康社区排名', heldOn: '2026-02-01', communityIds: ['c-1'], itemIds, version: v, facts: { registered } },
      metadata: meta(['residents_committee@community:c-1']),
    });
    oversight.given([]).when(report(['d-1', 'n-1'])).thenContains([{ type: 'SeparateAssessmentRecorded', data: expect.objectContaining({ admittedItemIds: ['d-1'], rule: 'WL-4', violation: true }) }]);
    oversight.given([]).when(report(['n-1'])).thenThrows(ValidationError, { rule: 'WL-4' });
    // The communities assessed are registered ones.
    oversight.given([]).when(report(['d-1'], [])).thenThrows(NotFoundError, { code: 'COMMUNITY.NOT_FOUND' });
  });
});

describe('Admission (准入, §5.3; WL-5: only items on the positive lists): the list version in force on the assignment date decides', () => {
  const history: WorkListSetEvent[] = [
    established(),
    published(1, '2026-01-01', [{ op: 'add', itemId: 'd-1', item: item('d-1') }, { op: 'add', itemId: 'n-1', item: item('n-1', { list: 'negative' }) }]),
    published(2, '2026-04-01', [{ op: 'remove', itemId: 'd-1', item: null }]),
  ];
  const state = history.reduce(workListSetDecider.evolve, workListSetDecider.initialState());
  const assign = (itemId: string | null, occurredAt: string, extra: Record<string, unknown> = {}) => ({
    type: 'AssignTask' as const,
    data: {
      assignmentId: 'as-1', jurisdictionId: J, communityId: 'c-1', departmentRef: DEPT, itemId, taskCategory: null, title: '入户走访', exemptionId: null,
      facts: { listSet: { communityKind: 'urban_community' as const, coveredAreaRefs: ['d-1'] }, community: { kind: 'urban_community' as const, districtRef: 'd-1', timeZone: 'Asia/Shanghai' }, version: listVersionInForceOn(state, occurredAt.slice(0, 10)), exemption: null },
      ...extra,
    },
    metadata: meta(DEPARTMENT, occurredAt),
  });
  it('every version can be read as of any date', () => {
    expect(listVersionInForceOn(state, '2025-12-31')).toBeUndefined();
    expect(Object.keys(listVersionInForceOn(state, '2026-03-31')!.items)).toEqual(['d-1', 'n-1']);
    expect(Object.keys(listVersionInForceOn(state, '2026-04-01')!.items)).toEqual(['n-1']);
  });
  it('admits an item in force on the date; refuses it once removed, recording the reason and the rule', () => {
    assignments.given([]).when(assign('d-1', '2026-03-31T10:00:00+08:00')).thenContains([{ type: 'TaskAdmitted', data: expect.objectContaining({ listVersion: 1, list: 'duty', emergency: null }) }]);
    assignments.given([]).when(assign('d-1', '2026-04-01T10:00:00+08:00')).thenContains([{ type: 'TaskRefused', data: expect.objectContaining({ listVersion: 2, reason: 'not_on_list', rule: 'WL-3' }) }]);
  });
  it('refuses a negative-list item', () => {
    assignments.given([]).when(assign('n-1', '2026-03-01T10:00:00+08:00')).thenContains([{ type: 'TaskRefused', data: expect.objectContaining({ reason: 'on_negative_list' }) }]);
  });
  it('an emergency exemption admits with a flag until its expiry, refused after', () => {
    const exemption = { exemptionId: 'ex-1', jurisdictionId: J, category: 'public_health' as const, startsOn: '2026-04-01', expiresOn: '2026-04-10', communityIds: [] };
    const withExemption = (at: string) => {
      const base = assign('d-1', at);
      return { ...base, data: { ...base.data, exemptionId: 'ex-1', facts: { ...base.data.facts, exemption } } };
    };
    assignments.given([]).when(withExemption('2026-04-10T10:00:00+08:00')).thenContains([{ type: 'TaskAdmitted', data: expect.objectContaining({ emergency: { exemptionId: 'ex-1', category: 'public_health', expiresOn: '2026-04-10' } }) }]);
    assignments.given([]).when(withExemption('2026-04-11T10:00:00+08:00')).thenContains([{ type: 'TaskRefused', data: expect.objectContaining({ reason: 'not_on_list', exemptionExpired: '2026-04-10' }) }]);
  });
  it('only the department in its own name assigns; a community outside the list set is a bad request', () => {
    assignments.given([]).when({ ...assign('d-1', '2026-03-01T10:00:00+08:00'), metadata: meta(['government_department@department:dept-x']) }).thenThrows(ForbiddenError);
    const base = assign('d-1', '2026-03-01T10:00:00+08:00');
    assignments.given([]).when({ ...base, data: { ...base.data, facts: { ...base.data.facts, community: { kind: 'village', districtRef: 'd-1', timeZone: 'Asia/Shanghai' } } } }).thenThrows(ValidationError, { code: 'ASSIGNMENT.WRONG_LIST_SET' });
  });
  it("dates the assignment and the community's refusal in the community's own time zone (its registration)", () => {
    const base = assign('d-1', '2026-03-01T01:00:00+08:00');
    const inUrumqi = { ...base, data: { ...base.data, facts: { ...base.data.facts, community: { kind: 'urban_community' as const, districtRef: 'd-1', timeZone: 'Asia/Urumqi' } } } };
    assignments.given([]).when(inUrumqi).thenContains([{ type: 'TaskAdmitted', data: expect.objectContaining({ assignedOn: '2026-02-28' }) }]);
    assignments.given([]).when(base).thenContains([{ type: 'TaskAdmitted', data: expect.objectContaining({ assignedOn: '2026-03-01' }) }]);
  });
  it('the community refuses an admitted assignment citing a negative-list item or category; a refusal without citation is refused', () => {
    const admitted = assignments.given([]).when(assign('d-1', '2026-03-01T10:00:00+08:00')).events();
    const v = listVersionInForceOn(state, '2026-03-01');
    const refuse = (citedItemId: string | null, citedCategory: string | null) => ({
      type: 'RefuseAssignment' as const, data: { assignmentId: 'as-1', citedItemId, citedCategory, reason: '实为拆违任务', facts: { version: v, community: { kind: 'urban_community' as const, districtRef: 'd-1', timeZone: 'Asia/Shanghai' } } },
      metadata: meta(['residents_committee@community:c-1']),
    });
    assignments.given(admitted).when(refuse('n-1', null)).thenContains([{ type: 'AssignmentRefusedByCommunity', data: expect.objectContaining({ citedItemId: 'n-1', rule: 'WL-3' }) }]);
    assignments.given(admitted).when(refuse(null, 'demolition')).thenContains([{ type: 'AssignmentRefusedByCommunity' }]);
    assignments.given(admitted).when(refuse('d-1', null)).thenThrows(ValidationError, { code: 'ASSIGNMENT.REFUSAL_CITATION' });
    assignments.given(admitted).when({ ...refuse('n-1', null), metadata: meta(['residents_committee@community:c-2']) }).thenThrows(ForbiddenError);
    // WL-6: a village's refusal cites the village categories and the village rule, by the kind its registration records.
    const village = (citedCategory: string) => ({ ...refuse(null, citedCategory), data: { ...refuse(null, citedCategory).data, facts: { version: v, community: { kind: 'village' as const, districtRef: 'd-1', timeZone: 'Asia/Shanghai' } } } });
    assignments.given(admitted).when(village('work_safety')).thenContains([{ type: 'AssignmentRefusedByCommunity', data: expect.objectContaining({ rule: 'WL-6' }) }]);
    assignments.given(admitted).when(village('tax_assistance')).thenThrows(ValidationError, { code: 'ASSIGNMENT.REFUSAL_CITATION' });
  });
  it('an emergency exemption is recorded with its category, who invoked it and its expiry; the communities it names are registered ones', () => {
    const invoke = (communityIds: string[], registered: string[]) => ({
      type: 'InvokeEmergencyExemption' as const,
      data: { exemptionId: 'ex-1', jurisdictionId: J, category: 'public_health' as const, invokedByRef: DEPT, reasons: '疫情防控', startsOn: '2026-04-01', expiresOn: '2026-04-10', communityIds, facts: { registered } },
      metadata: meta(DEPARTMENT),
    });
    const [invoked] = oversight.given([]).when(invoke([], [])).events();
    expect(invoked).toMatchObject({ type: 'EmergencyExemptionInvoked', data: expect.objectContaining({ category: 'public_health', invokedByRef: DEPT, invokedByRole: 'government_department', expiresOn: '2026-04-10' }) });
    expect(invoked!.data).not.toHaveProperty('facts');
    oversight.given([]).when(invoke(['c-1'], ['c-1'])).thenContains([{ type: 'EmergencyExemptionInvoked', data: expect.objectContaining({ communityIds: ['c-1'] }) }]);
    oversight.given([]).when(invoke(['c-1', 'c-9'], ['c-1'])).thenThrows(NotFoundError, { code: 'COMMUNITY.NOT_FOUND' });
  });
});

describe('List versions: each approved change makes a new version with its effective date', () => {
  const approved = (op: 'add' | 'remove', itemId: string, effectiveFrom: string) => ({
    type: 'PublishApprovedChange' as const,
    data: { jurisdictionId: J, change: { changeRequestId: `cr-${itemId}-${op}`, jurisdictionId: J, status: 'approved', op, itemId, item: op === 'remove' ? null : item(itemId), effectiveFrom, approvedBy: 'b', approvedOn: '2026-03-01', needsProvincialApproval: false, provincialApprovalRef: null } },
    metadata: meta(APPROVER),
  });
  it('publishes version 2 on the approved change; a version cannot take effect before the last one', () => {
    const v1 = published(1, '2026-04-01', [{ op: 'add', itemId: 'd-1', item: item('d-1') }]);
    listSet.given([established(), v1]).when(approved('add', 'd-2', '2026-05-01')).thenContains([{ type: 'WorkListVersionPublished', data: expect.objectContaining({ version: 2, effectiveFrom: '2026-05-01', itemCount: 2 }) }]);
    listSet.given([established(), v1]).when(approved('add', 'd-2', '2026-03-15')).thenThrows(IllegalStateError, { code: 'WORK_LIST.VERSION_OUT_OF_ORDER' });
    listSet.given([established(), v1]).when(approved('remove', 'd-9', '2026-05-01')).thenThrows(NotFoundError, { code: 'WORK_LIST.ITEM_UNKNOWN' });
  });
  it('a change request is published once', () => {
    const v1 = published(1, '2026-04-01', [{ op: 'add', itemId: 'd-1', item: item('d-1') }]);
    const events = listSet.given([established(), v1]).when(approved('add', 'd-2', '2026-05-01')).events();
    listSet.given([established(), v1, ...events]).when(approved('add', 'd-2', '2026-05-01')).thenNothingHappened();
  });
  it('an import is all-or-nothing: published only when every expected item is staged; repeats append nothing', () => {
    const imported: WorkListSetEvent = { type: 'WorkItemImported', data: { jurisdictionId: J, importId: 'imp-1', sourceDocument: 'doc', line: 2, item: item('d-1'), occurredAt: '' } };
    const publish = (expectedItems: number) => ({ type: 'PublishImportedList' as const, data: { jurisdictionId: J, importId: 'imp-1', effectiveFrom: '2026-03-02', expectedItems }, metadata: meta(APPROVER) });
    listSet.given([established(), imported]).when(publish(2)).thenThrows(IllegalStateError, { code: 'WORK_LIST.IMPORT_INCOMPLETE' });
    const done = listSet.given([established(), imported]).when(publish(1)).events();
    listSet.given([established(), imported, ...done]).when(publish(1)).thenNothingHappened();
    listSet.given([established(), imported]).when({ type: 'ImportWorkItem', data: { jurisdictionId: J, importId: 'imp-1', sourceDocument: 'doc', line: 2, item: item('d-1') }, metadata: meta(APPROVER) }).thenNothingHappened();
  });
});
