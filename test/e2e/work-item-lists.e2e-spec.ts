import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadlineWatchdog } from '../../src/application/watchdog/deadline-watchdog';
import type { TokenService } from '../../src/infrastructure/auth/token.service';
import { apiOf, startTestService, type TestService } from '../support/test-service';
import { bareEventIds } from '../support/provenance-shape';

/** The engine's clock; every step is stated in the past with occurredAt (Asia/Shanghai). */
const NOW = new Date('2026-06-30T02:00:00Z');
const at = (local: string): string => `${local}T10:00:00+08:00`;
const J = 'city-pj';
const C = 'c-1';

let app: NestFastifyApplication;
let storage: TestService['storage'];
let tokens: TokenService;
let approver: string;
let reviewer: string;
let department: string;
let committee: string;
const server = () => app.getHttpServer();
const { post, catchUp } = apiOf(() => app);

const item = (itemId: string, list: string, extra: Record<string, unknown> = {}) => ({
  itemId, list, category: '社会保障', subcategory: '养老服务', title: `事项 ${itemId}`, responsibleDepartment: 'dept-health',
  legalBasis: '《老年人权益保障法》第三十三条', funding: { kind: 'commissioning_department', departmentRef: 'dept-health' }, ...extra,
});

/** File, consult, answer, review, approve and publish one change. */
const cycle = async (id: string, op: string, itemId: string, body: Record<string, unknown> | null, filedOn: string, effective: string) => {
  await post('/work-list-change-requests', department, { changeRequestId: id, jurisdictionId: J, departmentRef: 'dept-health', op, itemId, item: body, reasons: '工作需要', proposedEffectiveFrom: effective, occurredAt: at(filedOn) }).expect(201);
  await post(`/work-list-change-requests/${id}/consultations`, reviewer, { communityIds: [C], occurredAt: at(filedOn) }).expect(201);
  await post(`/work-list-change-requests/${id}/answers`, committee, { communityId: C, position: 'agree', comments: '可以承担', occurredAt: at(filedOn) }).expect(201);
  await post(`/work-list-change-requests/${id}/reviews`, reviewer, { recommendation: 'approve', reasons: '经评估可行', occurredAt: at(filedOn) }).expect(201);
  await post(`/work-list-change-requests/${id}/approval`, approver, { reasons: '同意', occurredAt: at(filedOn) }).expect(201);
  return post(`/work-list-change-requests/${id}/publication`, approver, { occurredAt: at(filedOn) }).expect(201);
};

const assign = (assignmentId: string, itemId: string | null, on: string, extra: Record<string, unknown> = {}) =>
  post('/work-assignments', department, { assignmentId, jurisdictionId: J, communityId: C, departmentRef: 'dept-health', itemId, title: '入户走访', occurredAt: at(on), ...extra });

beforeAll(async () => {
  ({ app, tokens, storage } = await startTestService({ now: NOW }));
  approver = await tokens.sign('board-1', [`list_approval_body@jurisdiction:${J}`]);
  reviewer = await tokens.sign('group-1', [`list_review_body@jurisdiction:${J}`]);
  department = await tokens.sign('clerk-h', ['government_department@department:dept-health']);
  committee = await tokens.sign('clerk-c', [`residents_committee@community:${C}`]);
}, 60_000);
afterAll(async () => {
  await app.close();
});

describe('work-item lists over HTTP: change request -> consultation -> review -> approval -> publication -> admission', () => {
  it('sets the policy and calendar, establishes the list set (WL-3) and registers a community', async () => {
    await post(`/work-list-policies/${J}/versions`, department, { effectiveFrom: '2026-01-05', reviewingBody: '区社区减负工作组', approvingBody: '区社区减负工作组', reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 30, decisionWorkingDays: 15, occurredAt: at('2026-01-02') }).expect(403);
    await post(`/work-list-policies/${J}/versions`, approver, { effectiveFrom: '2026-01-05', reviewingBody: '区社区减负工作组', approvingBody: '区社区减负工作组', reviewRequired: true, consultCommunities: true, applyLeadWorkingDays: 30, decisionWorkingDays: 15, occurredAt: at('2026-01-02') }).expect(201);
    await post(`/work-list-policies/${J}/calendars`, approver, { year: 2026, holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], makeUpWorkdays: ['2026-02-14'], occurredAt: at('2026-01-02') }).expect(201);
    const wrongLevel = await post('/work-lists', approver, { jurisdictionId: J, name: '盘锦市社区工作事项清单', communityKind: 'urban_community', level: 'district', coveredAreaRefs: ['d-1'], occurredAt: at('2026-01-02') }).expect(422);
    expect(wrongLevel.body).toMatchObject({ code: 'WORK_LIST.OWNER_LEVEL', rule: 'WL-3' });
    await post('/work-lists', approver, { jurisdictionId: J, name: '盘锦市社区工作事项清单', communityKind: 'urban_community', level: 'prefecture_city', coveredAreaRefs: ['d-1'], occurredAt: at('2026-01-02') }).expect(201);
    const township = await tokens.sign('officer-1', ['township_government@township:t-1']);
    await post('/communities', township, { communityId: C, kind: 'urban_community', name: '兴隆社区', townshipRef: 't-1', districtRef: 'd-1', occurredAt: at('2026-01-02') }).expect(201);
  });

  it('WL-1 and the lead time are checked on filing; the wrong roles are refused', async () => {
    const unfunded = await post('/work-list-change-requests', department, { changeRequestId: 'cr-x', jurisdictionId: J, departmentRef: 'dept-health', op: 'add', itemId: 'A-1', item: item('A-1', 'assistance', { legalBasis: '' }), reasons: '需要', proposedEffectiveFrom: '2026-04-01', occurredAt: at('2026-01-06') }).expect(422);
    expect(unfunded.body).toMatchObject({ code: 'WORK_LIST.ASSISTANCE_ITEM_UNFOUNDED', rule: 'WL-1' });
    const late = await post('/work-list-change-requests', department, { changeRequestId: 'cr-x', jurisdictionId: J, departmentRef: 'dept-health', op: 'add', itemId: 'D-1', item: item('D-1', 'duty'), reasons: '需要', proposedEffectiveFrom: '2026-02-10', occurredAt: at('2026-01-06') }).expect(422);
    expect(late.body).toMatchObject({ code: 'CHANGE_REQUEST.APPLIED_TOO_LATE', rule: 'WL-3' });
    await post('/work-list-change-requests', committee, { changeRequestId: 'cr-x', jurisdictionId: J, departmentRef: 'dept-health', op: 'add', itemId: 'D-1', item: item('D-1', 'duty'), reasons: '需要', proposedEffectiveFrom: '2026-03-02', occurredAt: at('2026-01-06') }).expect(403);
  });

  it('publishes D-1 (duty) and N-1 (negative list) effective 2026-03-02, then admits D-1 on 03-05 and refuses it before any list', async () => {
    const published = await cycle('cr-1', 'add', 'D-1', item('D-1', 'duty'), '2026-01-06', '2026-03-02');
    expect(published.body.streamId).toBe(`work-list-set-${J}`);
    await cycle('cr-2', 'add', 'N-1', item('N-1', 'negative', { category: '不应承担', title: '拆迁拆违' }), '2026-01-07', '2026-03-02');
    const admitted = await assign('as-1', 'D-1', '2026-03-05').expect(201);
    expect(admitted.body).toMatchObject({ outcome: 'admitted', listVersion: 2, streamId: 'work-assignment-as-1' });
    const early = await assign('as-0', 'D-1', '2026-02-27').expect(201);
    expect(early.body).toMatchObject({ outcome: 'refused', reason: 'no_list_in_force', rule: 'WL-3' });
  });

  it('a negative-list item is refused and recorded', async () => {
    const refused = await assign('as-2', 'N-1', '2026-03-06').expect(201);
    expect(refused.body).toMatchObject({ outcome: 'refused', reason: 'on_negative_list', rule: 'WL-3' });
    expect(refused.body.eventIds).toHaveLength(1);
    const again = await post('/work-assignments', department, { assignmentId: 'as-2', jurisdictionId: J, communityId: C, departmentRef: 'dept-health', itemId: 'N-1', title: '入户走访', occurredAt: at('2026-03-06') }).set('Idempotency-Key', 'k-as-2b').expect(409);
    expect(again.body).toMatchObject({ code: 'ASSIGNMENT.EXISTS' });
  });

  it('removes D-1 from 2026-05-04: an assignment dated after is refused, one dated before (assigned later) admitted', async () => {
    await cycle('cr-3', 'remove', 'D-1', null, '2026-03-10', '2026-05-04');
    const after = await assign('as-3', 'D-1', '2026-05-06').expect(201);
    expect(after.body).toMatchObject({ outcome: 'refused', reason: 'not_on_list', listVersion: 3 });
    const before = await assign('as-4', 'D-1', '2026-04-30').expect(201);
    expect(before.body).toMatchObject({ outcome: 'admitted', listVersion: 2 });
  });

  it('an emergency exemption admits an unlisted task with a flag until its expiry, refused after', async () => {
    await post('/work-list-exemptions', department, { exemptionId: 'ex-1', jurisdictionId: J, category: 'public_health', invokedByRef: 'dept-health', reasons: '突发公共卫生事件', startsOn: '2026-06-01', expiresOn: '2026-06-10', communityIds: [], occurredAt: at('2026-06-01') }).expect(201);
    const during = await assign('as-5', 'X-9', '2026-06-10', { exemptionId: 'ex-1' }).expect(201);
    expect(during.body).toMatchObject({ outcome: 'admitted', emergency: true });
    const afterwards = await assign('as-6', 'X-9', '2026-06-11', { exemptionId: 'ex-1' }).expect(201);
    expect(afterwards.body).toMatchObject({ outcome: 'refused', reason: 'not_on_list' });
  });

  it('the community refuses an admitted assignment citing the negative list; a separate assessment is recorded as a WL-4 violation', async () => {
    await post('/work-assignments/as-1/refusals', committee, { citedItemId: 'N-1', reason: '实为拆违任务', occurredAt: at('2026-03-06') }).expect(201);
    const other = await tokens.sign('clerk-2', ['residents_committee@community:c-2']);
    await post('/work-assignments/as-4/refusals', other, { citedCategory: 'demolition', reason: 'x', occurredAt: at('2026-05-01') }).expect(403);
    const violation = await post('/work-list-assessments', committee, { assessmentId: 'asmt-1', jurisdictionId: J, departmentRef: 'dept-health', title: '健康社区排名', heldOn: '2026-04-15', communityIds: [C], itemIds: ['D-1'], occurredAt: at('2026-04-20') }).expect(201);
    expect(violation.body.eventIds).toHaveLength(1);
  });

  it('the watchdog records a decision left overdue as an event, once', async () => {
    await post('/work-list-change-requests', department, { changeRequestId: 'cr-4', jurisdictionId: J, departmentRef: 'dept-health', op: 'add', itemId: 'D-2', item: item('D-2', 'duty'), reasons: '需要', proposedEffectiveFrom: '2026-08-03', occurredAt: at('2026-06-01') }).expect(201);
    await catchUp();
    const first = await app.get(DeadlineWatchdog).run(NOW);
    expect(first.outcomes.filter((o) => o.name === 'work-list-decision')).toEqual([expect.objectContaining({ rule: '§5.3', key: 'decision', dueBy: '2026-06-22', result: 'recorded', stream: 'work-list-change-cr-4' })]);
    await catchUp();
    const second = await app.get(DeadlineWatchdog).run(NOW);
    expect(second.outcomes.filter((o) => o.name === 'work-list-decision')).toEqual([]);
  });

  it('read models: public lists as of any date with the approval that added each item, diff, trend; queue and admissions need a token', async () => {
    await catchUp();
    const april = await request(server()).get(`/api/v1/work-lists/${J}/items?asOf=2026-04-01`).expect(200);
    expect(april.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(['D-1', 'N-1']);
    expect(april.body.items[0].addedBy).toMatchObject({ version: 1, source: { kind: 'change_request', changeRequestId: 'cr-1' } });
    expect(typeof april.body.items[0].addedBy.provenance.globalPosition).toBe('string');
    const may = await request(server()).get(`/api/v1/work-lists/${J}/items?asOf=2026-05-10`).expect(200);
    expect(may.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(['N-1']);
    await request(server()).get(`/api/v1/work-lists/${J}/items?asOf=2026-01-10`).expect(404);
    const diff = await request(server()).get(`/api/v1/work-lists/${J}/diff?from=2&to=3`).expect(200);
    expect(diff.body.removed.map((i: { itemId: string }) => i.itemId)).toEqual(['D-1']);
    const trend = await request(server()).get(`/api/v1/work-lists/${J}/burden-trend`).expect(200);
    expect(trend.body.points.map((p: { total: number }) => p.total)).toEqual([1, 2, 1]);

    await request(server()).get('/api/v1/work-list-change-requests').expect(401);
    const queue = await request(server()).get(`/api/v1/work-list-change-requests?jurisdictionId=${J}&asOf=2026-06-30`).set('Authorization', `Bearer ${committee}`).expect(200);
    const cr4 = queue.body.items.find((r: { changeRequestId: string }) => r.changeRequestId === 'cr-4');
    expect(cr4).toMatchObject({ status: 'filed', overdue: true, decisionDueOn: '2026-06-22' });
    expect(cr4.overdueRecorded).toMatchObject({ dueOn: '2026-06-22', detectedOn: '2026-06-30', provenance: expect.objectContaining({ streamRevision: expect.stringMatching(/^\d+$/) }) });
    expect(bareEventIds(cr4)).toEqual([]);
    const cr1 = queue.body.items.find((r: { changeRequestId: string }) => r.changeRequestId === 'cr-1');
    expect(cr1).toMatchObject({ status: 'published', publishedVersion: 1, overdue: false, answers: [expect.objectContaining({ communityId: C, position: 'agree' })] });

    const admissions = await request(server()).get(`/api/v1/work-lists/${J}/admissions`).set('Authorization', `Bearer ${department}`).expect(200);
    expect(admissions.body.groups).toEqual([expect.objectContaining({ departmentRef: 'dept-health', communityId: C, admitted: 3, refused: 4, emergencyAdmitted: 1, refusedByCommunity: 1 })]);
    const refused = await request(server()).get(`/api/v1/work-assignments?outcome=refused&departmentRef=dept-health`).set('Authorization', `Bearer ${department}`).expect(200);
    expect(refused.body.items.map((r: { assignmentId: string; reason: string }) => `${r.assignmentId}:${r.reason}`)).toEqual(['as-0:no_list_in_force', 'as-2:on_negative_list', 'as-3:not_on_list', 'as-6:not_on_list']);
    expect(refused.body.items[0].provenance).toMatchObject({ stream: 'work-assignment-as-0' });
    const oversight = await request(server()).get(`/api/v1/work-lists/${J}/oversight`).set('Authorization', `Bearer ${approver}`).expect(200);
    expect(oversight.body.items.map((r: { kind: string }) => r.kind)).toEqual(['separate_assessment', 'emergency_exemption']);
  });
});

describe('one notion of community: list sets name the registry\'s kinds, assignments go to registered communities', () => {
  it("refuses the lists' old kind 'urban' on a new list set (400 naming communityKind)", async () => {
    const old = await post('/work-lists', approver, { jurisdictionId: J, name: '旧清单', communityKind: 'urban', level: 'prefecture_city', coveredAreaRefs: ['d-1'], occurredAt: at('2026-01-02') }).expect(400);
    expect(old.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'communityKind' })]));
  });

  it('refuses an assignment to, or a consultation of, a community that was never registered (404 COMMUNITY.NOT_FOUND)', async () => {
    const unknown = await post('/work-assignments', department, { assignmentId: 'as-x', jurisdictionId: J, communityId: 'c-nowhere', departmentRef: 'dept-health', itemId: 'N-1', title: '入户走访', occurredAt: at('2026-03-06') }).expect(404);
    expect(unknown.body.code).toBe('COMMUNITY.NOT_FOUND');
    const unconsultable = await post('/work-list-change-requests/cr-4/consultations', reviewer, { communityIds: [C, 'c-nowhere'], occurredAt: at('2026-06-30') }).expect(404);
    expect(unconsultable.body.code).toBe('COMMUNITY.NOT_FOUND');
  });

  it("reads a stored v1 list set with the old kind 'urban' as 'urban_community': it governs the registered urban community and shows the registry's kind", async () => {
    const J1 = 'city-v1';
    const metadata = { actor: 'board-1', actorRoles: [`list_approval_body@jurisdiction:${J1}`], commandId: 'v1-establish', correlationId: 'v1-establish', causationId: 'v1-establish', occurredAt: '2026-01-02T02:00:00.000Z', recordedAt: '2026-01-02T02:00:00.000Z' };
    await storage.eventStore.appendToStream(`work-list-set-${J1}`, [{
      eventId: randomUUID(), type: 'WorkListSetEstablished', schemaVersion: 1, metadata,
      data: { jurisdictionId: J1, name: '旧清单', communityKind: 'urban', level: 'prefecture_city', coveredAreaRefs: ['d-1'], levelDeviationReason: null, rule: 'WL-3', occurredAt: '2026-01-02T02:00:00.000Z' },
    }], { expectedRevision: 'no_stream' });
    // The negative category of urban communities (WL-3) is refused for the registered urban community c-1.
    const refused = await post('/work-assignments', department, { assignmentId: 'as-v1', jurisdictionId: J1, communityId: C, departmentRef: 'dept-health', itemId: null, taskCategory: 'tax_assistance', title: '协税护税', occurredAt: at('2026-03-06') }).expect(201);
    expect(refused.body).toMatchObject({ outcome: 'refused', reason: 'negative_category', rule: 'WL-3' });
    await catchUp();
    const set = await request(server()).get(`/api/v1/work-lists/${J1}`).expect(200);
    expect(set.body).toMatchObject({ communityKind: 'urban_community' });
  });
});
