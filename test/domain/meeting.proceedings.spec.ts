import { DeciderSpecification } from '../support/decider-specification';
import { meetingDecider, MeetingRuleViolation, MeetingStepNotAllowed } from '../../src/domain/meeting';
import { ValidationError } from '../../src/domain/shared';
import { agendaItem, attendance, convene, deliberation, history, roster, vote } from './meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);

// 2025 text side: notice 03-01, meeting 03-11 2026. 2018 text side: the same dates in 2025.
const conv26 = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00');
const conv25 = convene('2025-03-01T09:00:00+08:00', '2025-03-11T09:00:00+08:00');
const HELD26 = '2026-03-11T10:00:00+08:00';
const VOTE26 = '2026-03-11T11:00:00+08:00';

describe('meeting: agenda items', () => {
  it('VM-6: a reserved matter is marked and needs Party pre-deliberation', () => {
    const [event] = spec.given(history(conv26)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'collective_funds_use' })).events();
    expect(event).toMatchObject({ type: 'AgendaItemAdded', data: { reserved: true, important: true, authorisationId: null } });
  });

  it('VM-6: 宅基地 plans were reserved under the 2018 text only', () => {
    expect(spec.given(history(conv25)).when(agendaItem('2025-03-02T09:00:00+08:00', { matterType: 'homestead_plan' })).events()[0]).toMatchObject({ data: { reserved: true } });
    expect(spec.given(history(conv26)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'homestead_plan' })).events()[0]).toMatchObject({ data: { reserved: false } });
  });

  const repConv = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_representatives_meeting' });

  it('VM-6: a representative meeting may not take a reserved matter without an authorisation', () => {
    spec
      .given(history(repConv))
      .when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'key_assistance' }))
      .thenThrows(MeetingRuleViolation, { code: 'MEETING.RESERVED_MATTER_NOT_AUTHORISED', rule: 'VM-6' });
  });

  it('VM-6: a representative meeting may take a reserved matter under a recorded authorisation covering it', () => {
    const authorisation = { authorisationId: 'a-1', matterTypes: ['key_assistance'] as const, validFrom: '2026-01-01', validUntil: '2026-12-31' };
    const [event] = spec.given(history(repConv)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'key_assistance', authorisation: { ...authorisation, matterTypes: [...authorisation.matterTypes] } })).events();
    expect(event).toMatchObject({ data: { reserved: true, authorisationId: 'a-1' } });
  });

  it('VM-6: an authorisation for other matters or expired before the meeting does not cover it', () => {
    const other = { authorisationId: 'a-1', matterTypes: ['lost_work_subsidy' as const], validFrom: '2026-01-01', validUntil: null };
    spec.given(history(repConv)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'key_assistance', authorisation: other })).thenThrows(MeetingRuleViolation, { rule: 'VM-6' });
    const expired = { authorisationId: 'a-1', matterTypes: ['key_assistance' as const], validFrom: '2026-01-01', validUntil: '2026-03-10' };
    spec.given(history(repConv)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'key_assistance', authorisation: expired })).thenThrows(MeetingRuleViolation, { rule: 'VM-6' });
  });

  it('RM-7: a residents representative meeting needs an authorisation for a charter change', () => {
    const cmd = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_representatives_meeting' });
    spec.given(history(cmd)).when(agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'charter_or_covenant' })).thenThrows(MeetingRuleViolation, { rule: 'RM-7' });
  });

  it('adding the same item twice is a no-op; before convening it is refused', () => {
    const item = agendaItem('2026-03-02T09:00:00+08:00');
    spec.given(history(conv26, item)).when(item).thenNothingHappened();
    spec.given([]).when(item).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.NOT_CONVENED' });
  });
});

describe('meeting: attendance and quorum', () => {
  it('VM-5: 51 of 100 adults is a quorum; 50 is not (even n)', () => {
    expect(spec.given(history(conv26)).when(attendance(HELD26, 51)).events()[0]).toMatchObject({ data: { quorumMet: true, quorumRule: 'VM-5', heldOn: '2026-03-11' } });
    expect(spec.given(history(conv26)).when(attendance(HELD26, 50)).events()[0]).toMatchObject({ data: { quorumMet: false } });
  });

  it('VM-5: 51 of 101 adults is a quorum; 50 is not (odd n)', () => {
    const c = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { roster: roster({ adults: 101 }) });
    expect(spec.given(history(c)).when(attendance(HELD26, 51)).events()[0]).toMatchObject({ data: { quorumMet: true } });
    expect(spec.given(history(c)).when(attendance(HELD26, 50)).events()[0]).toMatchObject({ data: { quorumMet: false } });
  });

  it('VM-5: household representatives of 2/3 of households (20 of 30) make a quorum; 19 do not', () => {
    expect(spec.given(history(conv26)).when(attendance(HELD26, 20, { householdsRepresented: 20 })).events()[0]).toMatchObject({ data: { quorumMet: true } });
    expect(spec.given(history(conv26)).when(attendance(HELD26, 19, { householdsRepresented: 19 })).events()[0]).toMatchObject({ data: { quorumMet: false } });
  });

  it('VM-11: a group meeting needs 2/3 of the group adults (20 of 30), not a simple majority', () => {
    const g = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_group_meeting', groupId: 'g-3', roster: roster({ adults: 30, households: 12 }) });
    expect(spec.given(history(g)).when(attendance(HELD26, 19)).events()[0]).toMatchObject({ data: { quorumMet: false, quorumRule: 'VM-11' } });
    expect(spec.given(history(g)).when(attendance(HELD26, 20)).events()[0]).toMatchObject({ data: { quorumMet: true } });
  });

  it('VM-10: 3*present >= 2*members: 20 of 30 members is a quorum, 19 is not', () => {
    const r = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_representatives_meeting' });
    expect(spec.given(history(r)).when(attendance(HELD26, 20)).events()[0]).toMatchObject({ data: { quorumMet: true, quorumRule: 'VM-10' } });
    expect(spec.given(history(r)).when(attendance(HELD26, 19)).events()[0]).toMatchObject({ data: { quorumMet: false } });
  });

  it('RM-4/RM-5: observers (列席) are recorded apart and never make a quorum', () => {
    const r = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_representatives_meeting' });
    const [event] = spec.given(history(r)).when(attendance(HELD26, 19, { observerRefs: ['o-1', 'o-2', 'o-3'] })).events();
    expect(event).toMatchObject({ data: { present: 19, observers: 3, observerRefs: ['o-1', 'o-2', 'o-3'], quorumMet: false, quorumRule: 'RM-5' } });
  });

  it('RM-3: a residents meeting in household mode counts households (16 of 30 households)', () => {
    const r = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_meeting', residentsMode: 'households' });
    expect(spec.given(history(r)).when(attendance(HELD26, 16)).events()[0]).toMatchObject({ data: { quorumMet: true, quorumRule: 'RM-3' } });
    expect(spec.given(history(r)).when(attendance(HELD26, 15)).events()[0]).toMatchObject({ data: { quorumMet: false } });
  });

  it('more present than the roster or an observer counted as present is refused', () => {
    spec.given(history(conv26)).when(attendance(HELD26, 101)).thenThrows(ValidationError);
    spec.given(history(conv26)).when(attendance(HELD26, 1, { attendeeRefs: ['x'], observerRefs: ['x'] })).thenThrows(ValidationError);
  });

  it('VM-3: a meeting cannot be held before the notified date', () => {
    spec.given(history(conv26)).when(attendance('2026-03-10T10:00:00+08:00', 60)).thenThrows(MeetingRuleViolation, { code: 'MEETING.HELD_BEFORE_NOTIFIED_DATE', rule: 'VM-3' });
  });

  it('attendance is recorded once', () => {
    spec.given(history(conv26, attendance(HELD26, 60))).when(attendance(HELD26, 61)).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.ATTENDANCE_ALREADY_RECORDED' });
  });
});

describe('meeting: votes', () => {
  const held = (present: number) => history(conv26, agendaItem('2026-03-02T09:00:00+08:00'), attendance(HELD26, present));

  it('VM-5: adopted on 2*yes > present: 31 of 60 adopt, 30 of 60 reject (even)', () => {
    expect(spec.given(held(60)).when(vote(VOTE26, 31, 29)).events()[0]).toMatchObject({ type: 'VoteRecorded', data: { outcome: 'adopted', rule: 'VM-5', present: 60, decidedOn: '2026-03-11' } });
    expect(spec.given(held(60)).when(vote(VOTE26, 30, 30)).events()[0]).toMatchObject({ data: { outcome: 'rejected' } });
  });

  it('VM-5: abstentions count against adoption: 30 yes, 0 no, 31 abstain of 61 present is rejected (odd)', () => {
    expect(spec.given(held(61)).when(vote(VOTE26, 30, 0, 31)).events()[0]).toMatchObject({ data: { outcome: 'rejected' } });
    expect(spec.given(held(61)).when(vote(VOTE26, 31, 0, 30)).events()[0]).toMatchObject({ data: { outcome: 'adopted' } });
  });

  it('RM-5: adopted by a majority of members present, observers excluded', () => {
    const r = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_representatives_meeting' });
    const given = history(r, agendaItem('2026-03-02T09:00:00+08:00'), attendance(HELD26, 21, { observers: 40 }));
    expect(spec.given(given).when(vote(VOTE26, 11, 10)).events()[0]).toMatchObject({ data: { outcome: 'adopted', rule: 'RM-5', present: 21 } });
    expect(spec.given(given).when(vote(VOTE26, 10, 11)).events()[0]).toMatchObject({ data: { outcome: 'rejected' } });
  });

  it('VM-5: no votes without a quorum', () => {
    spec.given(held(50)).when(vote(VOTE26, 40, 10)).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.QUORUM_NOT_MET', rule: 'VM-5' });
  });

  it('more votes than present is refused', () => {
    spec.given(held(60)).when(vote(VOTE26, 40, 21)).thenThrows(ValidationError);
  });

  it('the same vote again is a no-op; a different count is refused', () => {
    const given = history(conv26, agendaItem('2026-03-02T09:00:00+08:00'), attendance(HELD26, 60), vote(VOTE26, 31, 29));
    spec.given(given).when(vote(VOTE26, 31, 29)).thenNothingHappened();
    spec.given(given).when(vote(VOTE26, 35, 25)).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.ITEM_ALREADY_VOTED' });
  });

  describe('Party pre-deliberation', () => {
    const reserved26 = (present = 60) => history(conv26, agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'collective_funds_use' }), attendance(HELD26, present));

    it('VM-7: under the 2025 text a reserved matter cannot be decided without Party pre-deliberation', () => {
      spec.given(reserved26()).when(vote(VOTE26, 40, 20)).thenThrows(MeetingRuleViolation, { code: 'MEETING.PARTY_PRE_DELIBERATION_MISSING', rule: 'VM-7' });
    });

    it('VM-7: with pre-deliberation recorded before the vote it is decided', () => {
      const given = history(conv26, agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'collective_funds_use' }), attendance(HELD26, 60), deliberation(HELD26, '2026-03-05'));
      expect(spec.given(given).when(vote(VOTE26, 40, 20)).events()[0]).toMatchObject({ data: { outcome: 'adopted', ruleText: '2025' } });
    });

    it('VM-7: the 2018 text required no pre-deliberation', () => {
      const given = history(conv25, agendaItem('2025-03-02T09:00:00+08:00', { matterType: 'collective_funds_use' }), attendance('2025-03-11T10:00:00+08:00', 60));
      expect(spec.given(given).when(vote('2025-03-11T11:00:00+08:00', 40, 20)).events()[0]).toMatchObject({ data: { outcome: 'adopted', ruleText: '2018' } });
    });

    it('RM-7: an important matter of a residents meeting needs community Party pre-deliberation', () => {
      const r = convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'residents_meeting' });
      const given = history(r, agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'other', important: true }), attendance(HELD26, 60));
      spec.given(given).when(vote(VOTE26, 40, 20)).thenThrows(MeetingRuleViolation, { rule: 'RM-7' });
    });

    it('VM-7: an ordinary matter needs none', () => {
      expect(spec.given(held(60)).when(vote(VOTE26, 40, 20)).events()[0]).toMatchObject({ data: { outcome: 'adopted' } });
    });

    it('VM-7: pre-deliberation after the vote or after the meeting date is refused', () => {
      const voted = history(conv26, agendaItem('2026-03-02T09:00:00+08:00'), attendance(HELD26, 60), vote(VOTE26, 40, 20));
      spec.given(voted).when(deliberation('2026-03-12T09:00:00+08:00', '2026-03-05')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.PRE_DELIBERATION_AFTER_DECISION', rule: 'VM-7' });
      spec.given(history(conv26, agendaItem('2026-03-02T09:00:00+08:00'))).when(deliberation('2026-03-03T09:00:00+08:00', '2026-03-12')).thenThrows(MeetingRuleViolation, { code: 'MEETING.PRE_DELIBERATION_AFTER_MEETING' });
    });
  });

  it('a closed meeting takes no more votes', () => {
    const closed = [...held(60), { type: 'MeetingClosed' as const, data: { meetingId: 'm-1', occurredAt: '2026-03-11T12:00:00.000Z' } }];
    spec.given(closed).when(vote('2026-03-11T21:00:00+08:00', 40, 20)).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.MEETING_CLOSED' });
  });
});
