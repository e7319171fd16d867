import { DeciderSpecification } from '../support/decider-specification';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, appraisalVerdict, supervisionDecider, type SupervisionCommand, type SupervisionEvent } from '../../src/domain/supervision';
import { committeeHistory } from './supervision-test-history';

const spec = DeciderSpecification.for(supervisionDecider);
const meta = (occurredAt: string) => ({ now: new Date('2028-12-31T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'p-a', actorRoles: ['supervision_committee@community:c-1'] });
/** The committee's constitution does not depend on `now`: the shared history serves. */
const committee: SupervisionEvent[] = [...committeeHistory];

const appraise = (appraisalId: string, year: string, incompetent: number, opts: { threshold?: 'majority' | 'two_thirds'; kind?: string; heldOn?: string | null; communityKind?: 'village' | 'urban_community' } = {}): SupervisionCommand => ({
  type: 'RecordAppraisal',
  data: {
    communityId: 'c-1', appraisalId, year,
    results: [{ cadreRef: 'p-chair', competent: 60 - incompetent, basicallyCompetent: 0, incompetent }],
    meeting: { meetingId: `m-${year}`, communityId: 'c-1', kind: (opts.kind ?? 'villagers_meeting') as never, heldOn: opts.heldOn === undefined ? `${year}-12-01` : opts.heldOn },
    communityKind: opts.communityKind ?? 'village', threshold: opts.threshold ?? 'majority',
  },
  metadata: meta(`${year}-12-02T09:00:00+08:00`),
});

const after = (...commands: SupervisionCommand[]): SupervisionEvent[] =>
  commands.reduce<SupervisionEvent[]>((history, c) => [...history, ...supervisionDecider.decide(c, history.reduce(supervisionDecider.evolve, supervisionDecider.initialState()))], [...committee]);

describe('SV-7 不称职 by the locality threshold, in integers', () => {
  it('majority: 31 of 60 is 不称职, 30 of 60 is not', () => {
    expect(appraisalVerdict({ competent: 29, basicallyCompetent: 0, incompetent: 31 }, 'majority').verdict).toBe('incompetent');
    expect(appraisalVerdict({ competent: 30, basicallyCompetent: 0, incompetent: 30 }, 'majority').verdict).toBe('basically_competent');
  });
  it('two thirds: 40 of 60 is 不称职, 39 of 60 is not', () => {
    expect(appraisalVerdict({ competent: 20, basicallyCompetent: 0, incompetent: 40 }, 'two_thirds').verdict).toBe('incompetent');
    expect(appraisalVerdict({ competent: 21, basicallyCompetent: 0, incompetent: 39 }, 'two_thirds').verdict).toBe('basically_competent');
  });
});

describe('SV-7 a second consecutive 不称职 ends the mandate through an event the engine emits', () => {
  it('two consecutive: the second appraisal also terminates the mandate', () => {
    const events = spec.given(after(appraise('a-2026', '2026', 40))).when(appraise('a-2027', '2027', 35)).events();
    expect(events.map((e) => e.type)).toEqual(['AppraisalRecorded', 'CadreMandateTerminated']);
    expect(events[1]!.data).toEqual(expect.objectContaining({ cadreRef: 'p-chair', appraisalIds: ['a-2026', 'a-2027'], rule: 'SV-7', terminatedOn: '2027-12-01' }));
  });
  it('non-consecutive (不称职, 称职, 不称职): no termination', () => {
    spec.given(after(appraise('a-2026', '2026', 40), appraise('a-2027', '2027', 5))).when(appraise('a-2028', '2028', 40)).thenContains([{ type: 'AppraisalRecorded' }]);
  });
  it('a first 不称职 alone terminates nothing', () => {
    spec.given(committee).when(appraise('a-2026', '2026', 40)).thenContains([{ type: 'AppraisalRecorded' }]);
  });
});

describe('SV-7 hosted by the supervision committee at the right meeting; urban results are published', () => {
  it('refuses a village group meeting, a meeting not held, and a date with no committee in office', () => {
    spec.given(committee).when(appraise('a', '2026', 1, { kind: 'village_group_meeting' })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.WRONG_APPRAISING_MEETING', rule: 'SV-7' });
    spec.given(committee).when(appraise('a', '2026', 1, { heldOn: null })).thenThrows(SupervisionStepNotAllowed, { rule: 'SV-7' });
    spec.given([]).when(appraise('a', '2026', 1)).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.NO_HOSTING_COMMITTEE', rule: 'SV-7' });
  });
  it('an urban appraisal opens a publication obligation; a village one does not', () => {
    const [village] = spec.given(committee).when(appraise('a', '2026', 1)).events();
    expect(village!.data).toMatchObject({ hostedByCommitteeId: 'svc-1', publicationObligationId: null });
    const urbanCommittee = committee.map((e) => (e.type === 'SupervisionCommitteeConstituted' ? { ...e, data: { ...e.data, communityKind: 'urban_community' as const } } : e));
    const [urban] = spec.given(urbanCommittee).when(appraise('a', '2026', 1, { communityKind: 'urban_community', kind: 'residents_representatives_meeting' })).events();
    expect(urban!.data).toMatchObject({ publicationObligationId: 'appraisal:c-1/a' });
  });
});
