import { DeciderSpecification } from '../../support/decider-specification';
import { CIVIL_CODE_NEAR_RELATIVES, SupervisionStepNotAllowed, supervisionDecider, type SupervisionCommand, type SupervisionEvent } from '../../../src/domain/supervision';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../src/domain/shared';

const spec = DeciderSpecification.for(supervisionDecider);
const meta = (occurredAt: string, roles: readonly string[]) => ({ now: new Date('2030-01-01T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'x', actorRoles: roles });
const COMMITTEE = 'supervision_committee@community:c-1';
const cmd = (type: string, data: Record<string, unknown>, occurredAt: string, roles: readonly string[] = [COMMITTEE]): SupervisionCommand =>
  ({ type, data: { communityId: 'c-1', timeZone: 'Asia/Shanghai', ...data }, metadata: meta(occurredAt, roles) }) as unknown as SupervisionCommand;
const run = (...commands: SupervisionCommand[]): SupervisionEvent[] =>
  commands.reduce<SupervisionEvent[]>((h, c) => [...h, ...supervisionDecider.decide(c, h.reduce(supervisionDecider.evolve, supervisionDecider.initialState()))], []);

const constitute = cmd('ConstituteSupervisionCommittee', {
  committeeId: 'svc-1', termId: 't', community: { kind: 'village', terms: [{ termId: 't', startsOn: '2026-01-01', endsOn: '2030-12-31' }] },
  members: [{ personRef: 'p-a', role: 'director', competences: ['finance'], basis: 'villager' }, { personRef: 'p-b', role: 'member', competences: [], basis: 'villager' }, { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' }],
  decision: { meetingId: 'm-0', itemId: 'e', communityId: 'c-1', meetingKind: 'villagers_meeting', adopted: true, status: 'in_force', decidedOn: '2026-01-20' },
  eligibility: { officeHolders: { recordId: null, holders: [] }, nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES, extendedExclusions: [] },
}, '2026-01-21T09:00:00+08:00');
const appraise = (heldOn: string) => cmd('RecordAppraisal', {
  appraisalId: `a-${heldOn}`, year: heldOn.slice(0, 4), results: [{ cadreRef: 'p-chair', competent: 50, basicallyCompetent: 0, incompetent: 10 }],
  meeting: { meetingId: `m-${heldOn}`, communityId: 'c-1', kind: 'villagers_meeting', heldOn }, communityKind: 'village', threshold: 'majority',
}, `${heldOn}T20:00:00+08:00`);

const notHeld = (year: string, at: string, roles: readonly string[] = ['watchdog']) => cmd('RecordAppraisalNotHeld', { year }, at, roles);

describe('SV-7 the watchdog records a calendar year with no appraisal held', () => {
  it('not on 31 December, but on 1 January after; once', () => {
    const history = run(constitute);
    spec.given(history).when(notHeld('2026', '2026-12-31T23:30:00+08:00')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.APPRAISAL_YEAR_NOT_OVER', rule: 'SV-7' });
    const recorded = spec.given(history).when(notHeld('2026', '2027-01-01T00:10:00+08:00')).events();
    expect(recorded).toEqual([expect.objectContaining({ type: 'AppraisalNotHeld', data: expect.objectContaining({ year: '2026', rule: 'SV-7', dueBy: '2026-12-31', detectedOn: '2027-01-01' }) })]);
    spec.given([...history, ...recorded]).when(notHeld('2026', '2027-01-02T09:00:00+08:00')).thenNothingHappened();
  });

  it('an appraisal held on 31 December meets the year; one held on 1 January after does not', () => {
    spec.given(run(constitute, appraise('2026-12-31'))).when(notHeld('2026', '2027-01-05T09:00:00+08:00')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.APPRAISAL_HELD' });
    spec.given(run(constitute, appraise('2027-01-01'))).when(notHeld('2026', '2027-01-05T09:00:00+08:00')).thenContains([{ type: 'AppraisalNotHeld' }]);
  });

  it('refuses anyone but the watchdog, and a year that is not YYYY', () => {
    spec.given([]).when(notHeld('2026', '2027-01-05T09:00:00+08:00', [COMMITTEE])).thenThrows(ForbiddenError);
    spec.given([]).when(notHeld('26', '2027-01-05T09:00:00+08:00')).thenThrows(ValidationError);
  });
});

describe('SV-12 the watchdog records a rectification not reported by its due date', () => {
  const finding = cmd('RecordFinding', { findingId: 'f-1', domain: 'construction_projects', title: '工程款超付', documentHash: 'a'.repeat(64) }, '2026-03-01T09:00:00+08:00');
  const request = cmd('RequestRectification', { rectificationId: 'r-1', findingId: 'f-1', requirement: '追回', dueBy: '2026-03-31' }, '2026-03-01T10:00:00+08:00');
  const report = (on: string) => cmd('ReportRectification', { rectificationId: 'r-1', reportHash: 'b'.repeat(64) }, `${on}T09:00:00+08:00`);
  const overdue = (at: string, roles: readonly string[] = ['watchdog'], rectificationId = 'r-1') => cmd('RecordRectificationOverdue', { rectificationId }, at, roles);

  it('not on the due date, but on the day after; once', () => {
    const history = run(constitute, finding, request);
    spec.given(history).when(overdue('2026-03-31T23:00:00+08:00')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.RECTIFICATION_NOT_DUE', rule: 'SV-12' });
    const recorded = spec.given(history).when(overdue('2026-04-01T00:10:00+08:00')).events();
    expect(recorded).toEqual([expect.objectContaining({ type: 'RectificationOverdue', data: expect.objectContaining({ rectificationId: 'r-1', findingId: 'f-1', rule: 'SV-12', dueBy: '2026-03-31', detectedOn: '2026-04-01' }) })]);
    spec.given([...history, ...recorded]).when(overdue('2026-04-02T09:00:00+08:00')).thenNothingHappened();
  });

  it('a report on the due date is in time; a report the day after does not undo the miss', () => {
    spec.given(run(constitute, finding, request, report('2026-03-31'))).when(overdue('2026-04-05T09:00:00+08:00')).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.RECTIFICATION_REPORTED_IN_TIME' });
    spec.given(run(constitute, finding, request, report('2026-04-01'))).when(overdue('2026-04-05T09:00:00+08:00')).thenContains([{ type: 'RectificationOverdue' }]);
  });

  it('refuses an unknown rectification and anyone but the watchdog', () => {
    spec.given(run(constitute, finding, request)).when(overdue('2026-04-05T09:00:00+08:00', ['watchdog'], 'r-9')).thenThrows(NotFoundError);
    spec.given(run(constitute, finding, request)).when(overdue('2026-04-05T09:00:00+08:00', [COMMITTEE])).thenThrows(ForbiddenError);
  });
});
