import { DeciderSpecification } from '../support/decider-specification';
import { MeetingStepNotAllowed, meetingDecider, type MeetingCommand } from '../../src/domain/meeting';
import { ValidationError } from '../../src/domain/shared';
import { attendance, convene, history, meta } from './meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);
const admit = (at: string, personRef = 'sv-1'): MeetingCommand => ({ type: 'AdmitSupervisionObserver', data: { meetingId: 'm-1', personRef }, metadata: meta(at, ['supervision_committee@community:c-1']) });
const refused = (at: string, note = 'turned away at the door'): MeetingCommand => ({ type: 'RecordSupervisionObserverRefused', data: { meetingId: 'm-1', personRef: 'sv-1', refusedByRole: 'villagers_committee', note }, metadata: meta(at, ['resident@community:c-1']) });
const representatives = (noticeAt: string) => convene(noticeAt, '2026-01-20T09:00:00+08:00', { kind: 'village_representatives_meeting' });

describe('SV-5 supervision committee members attend meetings as observers (列席)', () => {
  it('admitted once, in their committee capacity; admitting again changes nothing', () => {
    const convened = history(representatives('2026-01-05T09:00:00+08:00'));
    spec.given(convened).when(admit('2026-01-06T09:00:00+08:00')).then([{
      type: 'SupervisionObserverAdmitted',
      data: { meetingId: 'm-1', communityId: 'c-1', kind: 'village_representatives_meeting', personRef: 'sv-1', capacity: 'supervision_committee', occurredAt: '2026-01-06T01:00:00.000Z' },
    }]);
    spec.given(history(representatives('2026-01-05T09:00:00+08:00'), admit('2026-01-06T09:00:00+08:00'))).when(admit('2026-01-07T09:00:00+08:00')).thenNothingHappened();
  });
  it('not before convening, not after closing', () => {
    spec.given([]).when(admit('2026-01-06T09:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.NOT_CONVENED' });
    const closed = history(representatives('2026-01-05T09:00:00+08:00'), attendance('2026-01-20T09:30:00+08:00', 20), { type: 'CloseMeeting', data: { meetingId: 'm-1' }, metadata: meta('2026-01-20T12:00:00+08:00') });
    spec.given(closed).when(admit('2026-01-20T13:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.MEETING_CLOSED', rule: 'SV-5' });
  });
});

describe('SV-5 a refusal is recorded as a fact; a violation at a representative meeting under the 2025 text', () => {
  it('notice on the switch date (2025 text): a violation; the day before (2018 text): recorded, not a violation', () => {
    spec.given(history(representatives('2026-01-01T09:00:00+08:00'))).when(refused('2026-01-21T09:00:00+08:00')).thenContains([{ type: 'SupervisionObserverRefused', data: expect.objectContaining({ rule: 'SV-5', ruleText: '2025', violation: true }) as never }]);
    spec.given(history(representatives('2025-12-31T09:00:00+08:00'))).when(refused('2026-01-21T09:00:00+08:00')).thenContains([{ type: 'SupervisionObserverRefused', data: expect.objectContaining({ ruleText: '2018', violation: false }) as never }]);
  });
  it('a villagers meeting is not named by SV-5: recorded, not a violation', () => {
    spec.given(history(convene('2026-01-05T09:00:00+08:00', '2026-01-20T09:00:00+08:00'))).when(refused('2026-01-21T09:00:00+08:00')).thenContains([{ type: 'SupervisionObserverRefused', data: expect.objectContaining({ kind: 'villagers_meeting', violation: false }) as never }]);
  });
  it('the refusal says what happened; a report after the meeting does not move its timeline', () => {
    spec.given(history(representatives('2026-01-05T09:00:00+08:00'))).when(refused('2026-01-21T09:00:00+08:00', ' ')).thenThrows(ValidationError);
    const reported = history(representatives('2026-01-05T09:00:00+08:00'), refused('2026-01-25T09:00:00+08:00'));
    spec.given(reported).when(attendance('2026-01-20T09:30:00+08:00', 20)).thenContains([{ type: 'AttendanceRecorded' }]);
  });
});
