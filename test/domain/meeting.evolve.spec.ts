import { meetingDecider, MeetingRuleViolation, type MeetingEvent } from '../../src/domain/meeting';
import { DeciderSpecification } from '../support/decider-specification';
import { agendaItem, attendance, convene, deliberation, history, vote } from './meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);

describe('meeting: evolve is total and replay is deterministic', () => {
  const events = history(
    convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00'),
    agendaItem('2026-03-02T09:00:00+08:00'),
    attendance('2026-03-11T10:00:00+08:00', 60),
    vote('2026-03-11T11:00:00+08:00', 40, 20),
  );

  it('events that do not apply to the current status are ignored, never thrown', () => {
    const outOfOrder: MeetingEvent[] = [events[3]!, events[2]!, events[1]!];
    expect(() => outOfOrder.reduce(meetingDecider.evolve, meetingDecider.initialState())).not.toThrow();
    expect(outOfOrder.reduce(meetingDecider.evolve, meetingDecider.initialState())).toEqual({ status: 'None' });
  });

  it('replaying the same history twice gives the same state', () => {
    const fold = () => events.reduce(meetingDecider.evolve, meetingDecider.initialState());
    expect(fold()).toEqual(fold());
  });
});

describe('meeting: authorisation checked again on the decision date', () => {
  it('VM-6: an authorisation that expired before an adjourned vote no longer covers the reserved matter', () => {
    const given = history(
      convene('2026-03-01T09:00:00+08:00', '2026-03-11T09:00:00+08:00', { kind: 'village_representatives_meeting' }),
      agendaItem('2026-03-02T09:00:00+08:00', {
        matterType: 'key_assistance',
        important: true,
        authorisation: { authorisationId: 'a-1', matterTypes: ['key_assistance'], validFrom: '2026-01-01', validUntil: '2026-03-11' },
      }),
      deliberation('2026-03-05T09:00:00+08:00', '2026-03-05'),
      attendance('2026-03-11T10:00:00+08:00', 25),
    );
    expect(spec.given(given).when(vote('2026-03-11T11:00:00+08:00', 16, 9)).events()[0]).toMatchObject({ data: { outcome: 'adopted', reserved: true } });
    spec.given(given).when(vote('2026-03-12T09:00:00+08:00', 16, 9)).thenThrows(MeetingRuleViolation, { code: 'MEETING.RESERVED_MATTER_NOT_AUTHORISED', rule: 'VM-6' });
  });
});
