import { DeciderSpecification } from '../support/decider-specification';
import { meetingDecider, MeetingRuleViolation, MeetingStepNotAllowed, NotCorrectionAuthority, type MeetingCommand } from '../../src/domain/meeting';
import { ValidationError } from '../../src/domain/shared';
import { agendaItem, attendance, convene, history, meta, vote } from './meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);

const decided = (kind: 'villagers_meeting' | 'village_representatives_meeting' | 'residents_meeting' = 'villagers_meeting', yes = 16, no = 9) =>
  history(
    convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind, ...(kind === 'residents_meeting' ? { residentsMode: 'households' as const } : {}) }),
    agendaItem('2026-03-02T09:00:00+08:00'),
    // 25 of 30 members, or 25 of 30 households represented: a quorum at every kind here
    attendance('2026-03-11T10:00:00+08:00', 25, { householdsRepresented: 25 }),
    vote('2026-03-11T11:00:00+08:00', yes, no),
  );

const correction = (roles: readonly string[], correctionId = 'corr-1'): MeetingCommand => ({
  type: 'OrderCorrection',
  data: { meetingId: 'm-1', itemId: 'i-1', correctionId, authorityRef: 'township-7', reason: 'conflicts with the land administration law' },
  metadata: meta('2026-04-01T09:00:00+08:00', roles),
});

const court = (judgmentDate = '2026-05-01'): MeetingCommand => ({
  type: 'RecordCourtRevocation',
  data: { meetingId: 'm-1', itemId: 'i-1', courtRef: 'court-3', judgmentRef: '(2026)民初123号', judgmentDate, reason: 'infringes villagers property rights' },
  metadata: meta('2026-05-02T09:00:00+08:00', ['civil_affairs_office']),
});

const overrule = (byKind: 'villagers_meeting' | 'village_representatives_meeting' | 'residents_meeting', action: 'revoke' | 'change' = 'revoke', outcome: 'adopted' | 'rejected' = 'adopted'): MeetingCommand => ({
  type: 'OverruleByHigherMeeting',
  data: {
    meetingId: 'm-1',
    itemId: 'i-1',
    action,
    reason: 'improper',
    ...(action === 'change' ? { changeSummary: 'subsidy reduced to 80 yuan a day' } : {}),
    byDecision: { meetingId: 'm-9', itemId: 'i-9', meetingKind: byKind, outcome, status: 'in_force' },
  },
  metadata: meta('2026-06-01T09:00:00+08:00'),
});

describe('meeting: correction ordered (VM-12, RM-8)', () => {
  it('VM-12: the township government orders a correction; the decision stays, marked corrected', () => {
    const [event] = spec.given(decided()).when(correction(['township_government@township:t-7'])).events();
    expect(event).toMatchObject({ type: 'CorrectionOrdered', data: { orderedByRole: 'township_government', rule: 'VM-12', authorityRef: 'township-7' } });
    const state = [...decided(), event!].reduce(meetingDecider.evolve, meetingDecider.initialState());
    expect('items' in state && state.items['i-1']).toMatchObject({ decisionStatus: 'corrected', vote: { outcome: 'adopted' } });
  });

  it('VM-12: no other actor may order it', () => {
    spec.given(decided()).when(correction(['street_office', 'villagers_committee'])).thenThrows(NotCorrectionAuthority, { code: 'MEETING.NOT_CORRECTION_AUTHORITY' });
  });

  it('RM-8: for a residents meeting, the district government or the street office', () => {
    expect(spec.given(decided('residents_meeting')).when(correction(['street_office@street:s-1'])).events()[0]).toMatchObject({ data: { orderedByRole: 'street_office', rule: 'RM-8' } });
    expect(spec.given(decided('residents_meeting')).when(correction(['district_government'])).events()[0]).toMatchObject({ data: { rule: 'RM-8' } });
    spec.given(decided('residents_meeting')).when(correction(['township_government'])).thenThrows(NotCorrectionAuthority, { code: 'MEETING.NOT_CORRECTION_AUTHORITY' });
  });

  it('VM-12: a rejected motion has no decision to correct', () => {
    spec.given(decided('villagers_meeting', 9, 16)).when(correction(['township_government'])).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.NO_DECISION' });
  });

  it('VM-12: the same correction again is a no-op', () => {
    const given = [...decided(), ...spec.given(decided()).when(correction(['township_government'])).events()];
    spec.given(given).when(correction(['township_government'])).thenNothingHappened();
  });
});

describe('meeting: court revocation (VM-13)', () => {
  it('VM-13: a court revocation is recorded with the judgment reference', () => {
    expect(spec.given(decided()).when(court()).events()[0]).toMatchObject({ type: 'DecisionRevokedByCourt', data: { rule: 'VM-13', judgmentRef: '(2026)民初123号' } });
  });

  it('VM-13: recording it twice is a no-op; a revoked decision cannot be corrected', () => {
    const given = [...decided(), ...spec.given(decided()).when(court()).events()];
    spec.given(given).when(court()).thenNothingHappened();
    spec.given(given).when(correction(['township_government'])).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.DECISION_REVOKED' });
  });

  it('VM-13: a judgment dated before the decision is refused', () => {
    spec.given(decided()).when(court('2026-03-10')).thenThrows(ValidationError);
  });
});

describe('meeting: revocation or change by a higher meeting (VM-8)', () => {
  it('VM-8: the villagers meeting revokes a representative meeting decision', () => {
    expect(spec.given(decided('village_representatives_meeting')).when(overrule('villagers_meeting')).events()[0]).toMatchObject({
      type: 'DecisionOverruledByHigherMeeting',
      data: { action: 'revoke', byMeetingId: 'm-9', rule: 'VM-8' },
    });
  });

  it('VM-8: the villagers meeting changes a representative meeting decision', () => {
    expect(spec.given(decided('village_representatives_meeting')).when(overrule('villagers_meeting', 'change')).events()[0]).toMatchObject({
      data: { action: 'change', changeSummary: 'subsidy reduced to 80 yuan a day' },
    });
  });

  it('VM-8: a representative meeting cannot revoke a villagers meeting decision', () => {
    spec.given(decided('villagers_meeting')).when(overrule('village_representatives_meeting')).thenThrows(MeetingRuleViolation, { code: 'MEETING.NOT_A_HIGHER_MEETING', rule: 'VM-8' });
  });

  it('VM-8: the overruling decision must itself be adopted', () => {
    spec.given(decided('village_representatives_meeting')).when(overrule('villagers_meeting', 'revoke', 'rejected')).thenThrows(MeetingRuleViolation, { code: 'MEETING.OVERRULING_DECISION_NOT_IN_FORCE' });
  });
});
