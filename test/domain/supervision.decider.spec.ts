import { DeciderSpecification } from '../support/decider-specification';
import {
  CIVIL_CODE_NEAR_RELATIVES,
  SupervisionRuleViolation,
  SupervisionStepNotAllowed,
  supervisionDecider,
  type ConstituteSupervisionCommittee,
  type EligibilityFacts,
  type SupervisionCommand,
  type SupervisionEvent,
} from '../../src/domain/supervision';
import { ValidationError } from '../../src/domain/shared';

const spec = DeciderSpecification.for(supervisionDecider);
const NOW = new Date('2026-03-20T02:00:00Z');
const meta = (occurredAt = '2026-03-10T02:00:00Z') => ({ now: NOW, occurredAt: new Date(occurredAt), actorId: 'u-1', actorRoles: ['villagers_committee@community:c-1'] });
const C = 'c-1';

const holders = (extra: { personRef: string; post: string }[] = []): EligibilityFacts => ({
  officeHolders: { recordId: 'oh-1', holders: [{ personRef: 'p-chair', post: 'committee_director' }, { personRef: 'p-sec', post: 'party_secretary' }, { personRef: 'p-acc', post: 'accountant' }, ...extra] },
  nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES,
  extendedExclusions: [],
});

const members = [
  { personRef: 'p-a', role: 'director' as const, competences: [], basis: 'villager' as const },
  { personRef: 'p-b', role: 'member' as const, competences: ['finance' as const], basis: 'villager' as const },
  { personRef: 'p-c', role: 'member' as const, competences: [], basis: 'villager' as const },
];

const constitute = (over: Partial<ConstituteSupervisionCommittee['data']> = {}, decision: Partial<ConstituteSupervisionCommittee['data']['decision']> = {}): SupervisionCommand => ({
  type: 'ConstituteSupervisionCommittee',
  data: {
    communityId: C, committeeId: 'svc-1', termId: 'term-12', members,
    community: { kind: 'village', terms: [{ termId: 'term-12', startsOn: '2026-01-01', endsOn: '2030-12-31' }] },
    decision: { meetingId: 'm-1', itemId: 'elect', communityId: C, meetingKind: 'villagers_meeting', adopted: true, status: 'in_force', decidedOn: '2026-03-07', ...decision },
    eligibility: holders(),
    ...over,
  },
  metadata: meta(),
});

const constituted = (): readonly SupervisionEvent[] => supervisionDecider.decide(constitute(), supervisionDecider.initialState());

describe('SV-2 the committee is elected by an adopted decision of the right meeting', () => {
  it('constitutes from an adopted 村民会议 decision; the mandate ends with the term (SV-4)', () => {
    const [event] = constituted();
    expect(event).toMatchObject({ type: 'SupervisionCommitteeConstituted', data: { mandateStartsOn: '2026-03-07', mandateEndsOn: '2030-12-31', electedBy: { meetingId: 'm-1', meetingKind: 'villagers_meeting' }, warnings: [], ruleText: '2025' } });
  });
  it('a 村民代表会议 may elect too', () => {
    spec.given([]).when(constitute({}, { meetingKind: 'village_representatives_meeting' })).thenContains([{ type: 'SupervisionCommitteeConstituted' }]);
  });
  it('refuses a 居民会议 decision for a village and a rejected decision', () => {
    spec.given([]).when(constitute({}, { meetingKind: 'residents_meeting' })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.WRONG_ELECTING_BODY', rule: 'SV-2' });
    spec.given([]).when(constitute({}, { meetingKind: 'village_group_meeting' })).thenThrows(SupervisionRuleViolation, { rule: 'SV-2' });
    spec.given([]).when(constitute({}, { adopted: false })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.ELECTION_NOT_ADOPTED', rule: 'SV-2' });
    spec.given([]).when(constitute({}, { status: 'revoked' })).thenThrows(SupervisionRuleViolation, { rule: 'SV-2' });
  });
  it('needs a member with finance or management competence', () => {
    const none = members.map((m) => ({ ...m, competences: [] }));
    spec.given([]).when(constitute({ members: none })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.NO_FINANCE_OR_MANAGEMENT_COMPETENCE', rule: 'SV-2' });
  });
  it('urban members are residents or community workers (居 Art. 36), village members villagers', () => {
    const urban = { kind: 'urban_community' as const, terms: [{ termId: 'term-12', startsOn: '2026-01-01', endsOn: '2030-12-31' }] };
    spec.given([]).when(constitute({ community: urban }, { meetingKind: 'residents_meeting' })).thenThrows(ValidationError);
    const urbanMembers = members.map((m, i) => ({ ...m, basis: i === 0 ? ('community_worker' as const) : ('resident' as const) }));
    spec.given([]).when(constitute({ community: urban, members: urbanMembers }, { meetingKind: 'residents_representatives_meeting' })).thenContains([{ type: 'SupervisionCommitteeConstituted' }]);
  });
});

describe('SV-4 the mandate is the committee term', () => {
  it('refuses an election outside the named term, and a second committee while one is in office', () => {
    spec.given([]).when(constitute({}, { decidedOn: '2031-01-05' })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.OUTSIDE_TERM', rule: 'SV-4' });
    spec.given(constituted()).when(constitute({ committeeId: 'svc-2' })).thenThrows(SupervisionStepNotAllowed, { code: 'SUPERVISION.COMMITTEE_ALREADY_ACTIVE' });
  });
});

describe('SV-3 no committee member and no near relative of one (hard invariant)', () => {
  it('refuses a member who sits on the villagers committee', () => {
    const withChair = [...members, { personRef: 'p-chair', role: 'member' as const, competences: [], basis: 'villager' as const }];
    spec.given([]).when(constitute({ members: withChair })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.MEMBER_INELIGIBLE', rule: 'SV-3' });
  });
  it('refuses a declared near relative (spouse) of a committee member, not a relation outside the definition', () => {
    const spouse: SupervisionEvent = { type: 'KinshipDeclared', data: { communityId: C, kinshipId: 'k-1', personRef: 'p-chair', relativeRef: 'p-c', relation: 'spouse', occurredAt: '2026-02-01T00:00:00.000Z' } };
    spec.given([spouse]).when(constitute()).thenThrows(SupervisionRuleViolation, { rule: 'SV-3' });
    const cousin: SupervisionEvent = { type: 'KinshipDeclared', data: { communityId: C, kinshipId: 'k-1', personRef: 'p-chair', relativeRef: 'p-c', relation: 'other', occurredAt: '2026-02-01T00:00:00.000Z' } };
    spec.given([cousin]).when(constitute()).thenContains([{ type: 'SupervisionCommitteeConstituted' }]);
  });
  it('a kinship declared after the election records a conflict on the committee in the same command', () => {
    const declare: SupervisionCommand = { type: 'DeclareKinship', data: { communityId: C, kinshipId: 'k-2', personRef: 'p-b', relativeRef: 'p-chair', relation: 'sibling', eligibility: holders(), timeZone: 'Asia/Shanghai' }, metadata: meta('2026-03-15T02:00:00Z') };
    const events = spec.given(constituted()).when(declare).events();
    expect(events.map((e) => e.type)).toEqual(['KinshipDeclared', 'SupervisionEligibilityConflictRecorded']);
    expect(events[1]!.data).toMatchObject({ committeeId: 'svc-1', memberRef: 'p-b', rule: 'SV-3', cause: 'near_relative', officeHolderRef: 'p-chair', relation: 'sibling', detectedOn: '2026-03-15' });
  });
  it('withdrawing the kinship clears the conflict; a re-check after a post change records a new one', () => {
    const declare: SupervisionCommand = { type: 'DeclareKinship', data: { communityId: C, kinshipId: 'k-2', personRef: 'p-b', relativeRef: 'p-chair', relation: 'sibling', eligibility: holders(), timeZone: 'Asia/Shanghai' }, metadata: meta('2026-03-15T02:00:00Z') };
    const history = [...constituted(), ...supervisionDecider.decide(declare, constituted().reduce(supervisionDecider.evolve, supervisionDecider.initialState()))];
    const withdraw: SupervisionCommand = { type: 'WithdrawKinship', data: { communityId: C, kinshipId: 'k-2', reason: 'declared in error', eligibility: holders(), timeZone: 'Asia/Shanghai' }, metadata: meta('2026-03-16T02:00:00Z') };
    expect(spec.given(history).when(withdraw).events().map((e) => e.type)).toEqual(['KinshipWithdrawn', 'SupervisionEligibilityConflictCleared']);
    const recheck: SupervisionCommand = { type: 'RecheckSupervisionEligibility', data: { communityId: C, eligibility: holders([{ personRef: 'p-a', post: 'committee_member' }]), timeZone: 'Asia/Shanghai' }, metadata: meta('2026-03-16T02:00:00Z') };
    spec.given(constituted()).when(recheck).thenContains([{ type: 'SupervisionEligibilityConflictRecorded', data: expect.objectContaining({ memberRef: 'p-a', cause: 'holds_post', rule: 'SV-3' }) as never }]);
    spec.given([...constituted(), ...spec.given(constituted()).when(recheck).events()]).when(recheck).thenNothingHappened();
  });
});

describe('person references are references (docs/architecture.md "The event envelope"): a phone- or ID-shaped ref is refused', () => {
  it('in members and in kinship', () => {
    spec.given([]).when(constitute({ members: [...members, { personRef: 'tel-13800000000', role: 'member', competences: [], basis: 'villager' }] })).thenThrows(ValidationError);
    const declare: SupervisionCommand = { type: 'DeclareKinship', data: { communityId: C, kinshipId: 'k-9', personRef: '110101199001011234', relativeRef: 'p-chair', relation: 'sibling', eligibility: holders(), timeZone: 'Asia/Shanghai' }, metadata: meta() };
    spec.given([]).when(declare).thenThrows(ValidationError);
  });
});

describe('SV-10 extended exclusions are locality policy', () => {
  it('the accountant may sit unless the locality excludes accountants', () => {
    const withAcc = [...members, { personRef: 'p-acc', role: 'member' as const, competences: ['finance' as const], basis: 'villager' as const }];
    spec.given([]).when(constitute({ members: withAcc })).thenContains([{ type: 'SupervisionCommitteeConstituted' }]);
    spec.given([]).when(constitute({ members: withAcc, eligibility: { ...holders(), extendedExclusions: ['accountant'] } })).thenThrows(SupervisionRuleViolation, { rule: 'SV-10' });
  });
});

describe('SV-9 size and director are warnings with a recorded justification', () => {
  it('two members or the Party secretary as director need a justification, which is recorded', () => {
    spec.given([]).when(constitute({ members: members.slice(0, 2) })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.JUSTIFICATION_REQUIRED', rule: 'SV-9' });
    const [event] = spec.given([]).when(constitute({ members: members.slice(0, 2), justification: '本村仅有两名合适人选' })).events();
    expect(event!.data).toMatchObject({ warnings: [{ code: 'SIZE_OUTSIDE_3_TO_5' }], justification: '本村仅有两名合适人选' });
    const secDirector = [{ ...members[0]!, personRef: 'p-sec' }, ...members.slice(1)];
    spec.given([]).when(constitute({ members: secDirector })).thenThrows(SupervisionRuleViolation, { rule: 'SV-9' });
    spec.given([]).when(constitute({ members: [...members, { ...members[2]!, personRef: 'p-x' }, { ...members[2]!, personRef: 'p-y' }] })).thenContains([{ type: 'SupervisionCommitteeConstituted' }]);
  });
  it('one director exactly', () => {
    spec.given([]).when(constitute({ members: members.map((m) => ({ ...m, role: 'member' as const })) })).thenThrows(SupervisionRuleViolation, { code: 'SUPERVISION.ONE_DIRECTOR' });
  });
});

describe('SV-6 misconduct is reported to the government and the supervisory organ, both named', () => {
  const report = (over: Record<string, string> = {}): SupervisionCommand => ({
    type: 'ReportMisconduct',
    data: { communityId: C, reportId: 'r-1', title: '工程款支付异常', documentHash: 'a'.repeat(64), governmentRef: 'township-t-1', supervisoryOrganRef: 'county-supervision-commission', timeZone: 'Asia/Shanghai', ...over },
    metadata: meta('2026-03-18T02:00:00Z'),
  });
  it('records the report naming both', () => {
    spec.given(constituted()).when(report()).thenContains([{ type: 'MisconductReported', data: expect.objectContaining({ committeeId: 'svc-1', governmentRef: 'township-t-1', supervisoryOrganRef: 'county-supervision-commission' }) as never }]);
  });
  it('refuses a report without the supervisory organ, and one with no committee in office (SV-1)', () => {
    spec.given(constituted()).when(report({ supervisoryOrganRef: ' ' })).thenThrows(ValidationError);
    spec.given([]).when(report()).thenThrows(SupervisionStepNotAllowed, { rule: 'SV-1' });
  });
});
