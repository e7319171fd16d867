import { DeciderSpecification } from '../support/decider-specification';
import { meetingDecider, MeetingRuleViolation, MeetingStepNotAllowed, NotConvener } from '../../src/domain/meeting';
import { IllegalStateError, ValidationError } from '../../src/domain/shared';
import { convene, history, meta, petition, roster } from './meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);

describe('meeting: petitions to convene', () => {
  it('VM-2: 10 of 100 villagers (exactly 1/10) oblige convening', () => {
    const [event] = spec.given([]).when(petition('2026-02-01T10:00:00+08:00', 10)).events();
    expect(event).toMatchObject({ type: 'ConveningPetitioned', data: { obliges: true, signers: 10, required: 10, rule: 'VM-2', ruleText: '2025' } });
  });

  it('VM-2: 9 of 100 villagers are recorded but oblige nothing', () => {
    const [event] = spec.given([]).when(petition('2026-02-01T10:00:00+08:00', 9)).events();
    expect(event).toMatchObject({ type: 'ConveningPetitioned', data: { obliges: false, signers: 9, required: 10 } });
  });

  it('VM-2: duplicate signer references are counted once', () => {
    const cmd = petition('2026-02-01T10:00:00+08:00', 0, { signerRefs: [...Array.from({ length: 9 }, (_, i) => `p-${i}`), 'p-0'] });
    expect(spec.given([]).when(cmd).events()[0]).toMatchObject({ data: { signers: 9, obliges: false } });
  });

  it('VM-2: 1/3 of representatives (boundary 25 reps -> 9) oblige a villagers meeting', () => {
    const at = '2026-02-01T10:00:00+08:00';
    expect(spec.given([]).when(petition(at, 9, { basis: 'representatives' })).events()[0]).toMatchObject({ data: { obliges: true } });
    expect(spec.given([]).when(petition(at, 8, { basis: 'representatives' })).events()[0]).toMatchObject({ data: { obliges: false } });
  });

  it('VM-10: 1/5 of representatives oblige a representative meeting (25 reps -> 5)', () => {
    const cmd = (n: number) => petition('2026-02-01T10:00:00+08:00', n, { kind: 'village_representatives_meeting', basis: 'representatives' });
    expect(spec.given([]).when(cmd(5)).events()[0]).toMatchObject({ data: { obliges: true, rule: 'VM-10' } });
    expect(spec.given([]).when(cmd(4)).events()[0]).toMatchObject({ data: { obliges: false } });
  });

  it('RM-2: 1/10 of residents under the 2025 text but 1/5 under the 2018 text', () => {
    const kind = 'residents_meeting' as const;
    expect(spec.given([]).when(petition('2026-02-01T10:00:00+08:00', 10, { kind })).events()[0]).toMatchObject({ data: { obliges: true, rule: 'RM-2', ruleText: '2025' } });
    expect(spec.given([]).when(petition('2025-12-31T10:00:00+08:00', 10, { kind })).events()[0]).toMatchObject({ data: { obliges: false, required: 20, ruleText: '2018' } });
  });

  it('RM-4: 1/5 of residents representatives oblige a residents representatives meeting', () => {
    const cmd = petition('2026-02-01T10:00:00+08:00', 5, { kind: 'residents_representatives_meeting', basis: 'representatives' });
    expect(spec.given([]).when(cmd).events()[0]).toMatchObject({ data: { obliges: true, rule: 'RM-4' } });
  });

  it('RM-2: resident-group petitions existed only in the 2018 text', () => {
    spec.given([]).when(petition('2026-02-01T10:00:00+08:00', 2, { kind: 'residents_meeting', basis: 'resident_groups' })).thenThrows(ValidationError, { code: 'MEETING.INVALID_INPUT' });
  });

  it('the same petition twice is a no-op', () => {
    const first = petition('2026-02-01T10:00:00+08:00', 10);
    spec.given(history(first)).when(first).thenNothingHappened();
  });

  it('a petition after convening is refused', () => {
    spec
      .given(history(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00')))
      .when(petition('2026-03-02T10:00:00+08:00', 10, { petitionId: 'p-2' }))
      .thenThrows(MeetingStepNotAllowed, { code: 'MEETING.ALREADY_CONVENED' });
  });

  it('VM-2: convening discharges the obliging petitions (the must-convene obligation closes)', () => {
    const given = history(petition('2026-02-01T10:00:00+08:00', 10), petition('2026-02-02T10:00:00+08:00', 3, { petitionId: 'p-2' }));
    const [event] = spec.given(given).when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00')).events();
    expect(event).toMatchObject({ type: 'MeetingConvened', data: { dischargedPetitionIds: ['p-1'] } });
  });
});

describe('meeting: convening and notice', () => {
  it('VM-3: exactly 10 days notice (D-3, first day not counted) is allowed', () => {
    const [event] = spec.given([]).when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00')).events();
    expect(event).toMatchObject({
      type: 'MeetingConvened',
      data: { noticeDate: '2026-03-01', meetingDate: '2026-03-11', noticeDays: 10, noticeRule: 'VM-3', urgencyReason: null, ruleText: '2025' },
    });
  });

  it('VM-3: 9 days notice without an urgency reason is refused', () => {
    spec
      .given([])
      .when(convene('2026-03-02T09:00:00+08:00', '2026-03-11T09:00:00+08:00'))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.NOTICE_TOO_SHORT', rule: 'VM-3' });
  });

  it('VM-3: under the 2025 text a recorded urgency reason allows short notice', () => {
    const [event] = spec
      .given([])
      .when(convene('2026-03-09T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { urgencyReason: 'flood damage to the dyke' }))
      .events();
    expect(event).toMatchObject({ data: { noticeDays: 2, urgencyReason: 'flood damage to the dyke' } });
  });

  it('VM-3: under the 2018 text (before the switch) there is no urgency exception', () => {
    spec
      .given([])
      .when(convene('2025-12-30T09:00:00+08:00', '2026-01-05T09:00:00+08:00', { urgencyReason: 'flood' }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.NOTICE_TOO_SHORT', rule: 'VM-3' });
  });

  it('VM-3: the switch date is configuration: with 2025-10-28 the same notice is judged by the 2025 text', () => {
    const [event] = spec
      .given([])
      .when(convene('2025-12-30T09:00:00+08:00', '2026-01-05T09:00:00+08:00', { urgencyReason: 'flood', ruleSwitchDate: '2025-10-28' }))
      .events();
    expect(event).toMatchObject({ data: { ruleText: '2025', urgencyReason: 'flood' } });
  });

  it('VM-3: notice dates are local dates: 23:30 UTC on 02-28 is 03-01 in Asia/Shanghai', () => {
    const [event] = spec.given([]).when(convene('2026-02-28T23:30:00Z', '2026-03-11T09:00:00+08:00')).events();
    expect(event).toMatchObject({ data: { noticeDate: '2026-03-01', noticeDays: 10 } });
  });

  it('RM-2: a residents meeting needs 10 days notice under the 2025 text', () => {
    spec
      .given([])
      .when(convene('2026-03-02T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_meeting' }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.NOTICE_TOO_SHORT', rule: 'RM-2' });
  });

  it('RM-2: the 2018 residents text had no notice period', () => {
    const [event] = spec.given([]).when(convene('2025-06-09T09:00:00+08:00', '2025-06-10T09:00:00+08:00', { kind: 'residents_meeting' })).events();
    expect(event).toMatchObject({ data: { noticeRule: null, minimumNoticeDays: null, ruleText: '2018', residentsMode: 'adults' } });
  });

  it('VM-10: a representative meeting has no statutory notice period', () => {
    const [event] = spec.given([]).when(convene('2026-03-10T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_representatives_meeting' })).events();
    expect(event).toMatchObject({ data: { noticeRule: null, noticeDays: 1 } });
  });

  it('VM-1: the roster must be in force on the meeting date', () => {
    spec
      .given([])
      .when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { roster: roster({ effectiveFrom: '2026-03-12' }) }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.ROSTER_NOT_IN_FORCE', rule: 'VM-1' });
  });

  it('RM-1: a residents meeting counts its quorum against the adults of the roster in force; an empty roster is refused', () => {
    const at = { kind: 'residents_meeting' as const, communityKind: 'urban_community' as const };
    spec
      .given([])
      .when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { ...at, roster: roster({ effectiveFrom: '2026-03-12' }) }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.ROSTER_NOT_IN_FORCE', rule: 'RM-1' });
    spec
      .given([])
      .when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { ...at, roster: roster({ adults: 0, households: 0 }) }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.ROSTER_EMPTY', rule: 'RM-1' });
  });

  it('a village cannot hold a residents meeting', () => {
    spec
      .given([])
      .when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_meeting', communityKind: 'village' }))
      .thenThrows(ValidationError, { code: 'MEETING.INVALID_INPUT' });
  });

  it('VM-11: a group meeting needs its group', () => {
    spec
      .given([])
      .when(convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_group_meeting' }))
      .thenThrows(ValidationError, { code: 'MEETING.INVALID_INPUT' });
  });

  it('convening the same meeting again is a no-op; another date is refused', () => {
    const cmd = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00');
    spec.given(history(cmd)).when(cmd).thenNothingHappened();
    spec
      .given(history(cmd))
      .when(convene('2026-03-02T09:00:00+08:00', '2026-03-20T09:00:00+08:00'))
      .thenThrows(MeetingStepNotAllowed, { code: 'MEETING.ALREADY_CONVENED' });
  });

  it('VM-2: only the villagers committee convenes a villagers meeting', () => {
    const cmd = { ...convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00'), metadata: meta('2026-03-01T09:00:00+08:00', ['village_group_leader@community:c-1', 'resident']) };
    spec.given([]).when(cmd).thenThrows(NotConvener, { code: 'MEETING.NOT_CONVENER' });
  });

  it('VM-11: the group leader convenes a group meeting; RM-4: the residents committee a residents representatives meeting', () => {
    const group = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_group_meeting', groupId: 'g-1' });
    expect(spec.given([]).when(group).events()).toHaveLength(1);
    spec.given([]).when({ ...group, metadata: meta('2026-03-01T09:00:00+08:00', ['villagers_committee']) }).thenThrows(NotConvener, { code: 'MEETING.NOT_CONVENER' });
    const rrm = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_representatives_meeting' });
    spec.given([]).when({ ...rrm, metadata: meta('2026-03-01T09:00:00+08:00', ['villagers_committee']) }).thenThrows(NotConvener, { code: 'MEETING.NOT_CONVENER' });
  });

  it('occurredAt may not lie in the future', () => {
    const cmd = { ...convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00'), metadata: meta('2026-03-01T09:00:00+08:00', ['villagers_committee'], '2026-02-28T00:00:00Z') };
    spec.given([]).when(cmd).thenThrows(ValidationError, { code: 'MEETING.OCCURRED_IN_FUTURE' });
  });

  it('steps may not go backwards in occurredAt', () => {
    spec
      .given(history(petition('2026-02-05T10:00:00+08:00', 10)))
      .when(convene('2026-02-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00'))
      .thenThrows(IllegalStateError, { code: 'MEETING.OCCURRED_BEFORE_PREVIOUS_STEP' });
  });
});
