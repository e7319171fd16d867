import { DeciderSpecification } from '../../support/decider-specification';
import { meetingDecider, MeetingStepNotAllowed, type MeetingCommand } from '../../../src/domain/meeting';
import { ForbiddenError, ValidationError } from '../../../src/domain/shared';
import { convene, history, meta, petition, TZ } from '../meeting.mother';

const spec = DeciderSpecification.for(meetingDecider);
const notHonoured = (at: string, roles: readonly string[] = ['watchdog'], withinDays = 30): MeetingCommand => ({
  type: 'RecordMustConveneNotHonoured',
  data: { meetingId: 'm-1', withinDays, timeZone: TZ },
  metadata: meta(at, roles),
});

// 10 of 100 adults: exactly 1/10, so the petition obliges (VM-2, D-1). Petitioned 2026-03-01 (local): convene by 2026-03-31.
const petitioned = history(petition('2026-03-01T10:00:00+08:00', 10));

describe('VM-2 must-convene: the watchdog records a petition not honoured within MUST_CONVENE_WITHIN_DAYS', () => {
  it('not on the last day to convene, but on the day after; once', () => {
    spec.given(petitioned).when(notHonoured('2026-03-31T23:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.MUST_CONVENE_NOT_DUE', rule: 'VM-2' });
    const recorded = spec.given(petitioned).when(notHonoured('2026-04-01T00:10:00+08:00')).events();
    expect(recorded).toEqual([expect.objectContaining({
      type: 'MustConveneNotHonoured',
      data: expect.objectContaining({ meetingId: 'm-1', rule: 'VM-2', petitionIds: ['p-1'], petitionedOn: '2026-03-01', withinDays: 30, dueBy: '2026-03-31', convenedOn: null, detectedOn: '2026-04-01' }),
    })]);
    spec.given([...petitioned, ...recorded]).when(notHonoured('2026-04-02T09:00:00+08:00')).thenNothingHappened();
  });

  it('a meeting convened on the last day honours it; one convened the day after does not undo the miss', () => {
    const inTime = history(petition('2026-03-01T10:00:00+08:00', 10), convene('2026-03-31T09:00:00+08:00', '2026-04-20T09:00:00+08:00'));
    spec.given(inTime).when(notHonoured('2026-04-05T09:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.MUST_CONVENE_HONOURED' });
    const late = history(petition('2026-03-01T10:00:00+08:00', 10), convene('2026-04-01T09:00:00+08:00', '2026-04-20T09:00:00+08:00'));
    spec.given(late).when(notHonoured('2026-04-05T09:00:00+08:00')).thenContains([{ type: 'MustConveneNotHonoured', data: expect.objectContaining({ dueBy: '2026-03-31', convenedOn: '2026-04-01' }) as never }]);
  });

  it('a run as of a past date may be dated before the meeting\'s later steps', () => {
    const late = history(petition('2026-03-01T10:00:00+08:00', 10), convene('2026-05-01T09:00:00+08:00', '2026-05-20T09:00:00+08:00'));
    spec.given(late).when(notHonoured('2026-04-02T09:00:00+08:00')).thenContains([{ type: 'MustConveneNotHonoured', data: expect.objectContaining({ detectedOn: '2026-04-02', convenedOn: '2026-05-01' }) as never }]);
  });

  it('refuses without an obliging petition, for anyone but the watchdog, and a limit below one day', () => {
    spec.given(history(petition('2026-03-01T10:00:00+08:00', 9))).when(notHonoured('2026-05-01T09:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.NO_MUST_CONVENE' });
    spec.given([]).when(notHonoured('2026-05-01T09:00:00+08:00')).thenThrows(MeetingStepNotAllowed, { code: 'MEETING.NO_MUST_CONVENE' });
    spec.given(petitioned).when(notHonoured('2026-05-01T09:00:00+08:00', ['villagers_committee@community:c-1'])).thenThrows(ForbiddenError);
    spec.given(petitioned).when(notHonoured('2026-05-01T09:00:00+08:00', ['watchdog'], 0)).thenThrows(ValidationError);
  });

  it('VM-10: a representatives\' petition (1/5) follows the same limit', () => {
    const reps = history(petition('2026-03-01T10:00:00+08:00', 5, { kind: 'village_representatives_meeting', basis: 'representatives' }));
    spec.given(reps).when(notHonoured('2026-04-01T09:00:00+08:00')).thenContains([{ type: 'MustConveneNotHonoured', data: expect.objectContaining({ rule: 'VM-10', kind: 'village_representatives_meeting' }) as never }]);
  });
});
