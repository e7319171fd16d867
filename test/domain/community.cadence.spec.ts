import { DeciderSpecification } from '../support/decider-specification';
import {
  CadenceMet,
  CadenceNotRequired,
  CadencePeriodNotOver,
  communityDecider,
  NotTheWatchdog,
  type CommunityEvent,
  type MeetingCadenceMissed,
  type RecordMeetingCadenceMissed,
} from '../../src/domain/community';
import { ValidationError } from '../../src/domain/shared';
import { meta } from './meeting.mother';

const spec = DeciderSpecification.for(communityDecider);

const registered = (kind: 'village' | 'urban_community' = 'village'): CommunityEvent => ({
  type: 'CommunityRegistered',
  data: { communityId: 'c-1', kind, name: '东风村', townshipRef: 'township-7', districtRef: 'district-2', timeZone: 'Asia/Shanghai', occurredAt: '2025-01-02T01:00:00.000Z' },
});

const WATCHDOG = ['watchdog'];

const missed = (
  data: Partial<RecordMeetingCadenceMissed['data']> = {},
  occurredAt = '2027-01-05T09:00:00+08:00',
  roles: readonly string[] = WATCHDOG,
): RecordMeetingCadenceMissed => ({
  type: 'RecordMeetingCadenceMissed',
  data: { communityId: 'c-1', meetingKind: 'villagers_meeting', period: '2026', dueBy: '2026-12-31', heldOn: [], ...data },
  metadata: meta(occurredAt, roles),
});

const recorded = (over: Partial<MeetingCadenceMissed['data']> = {}): MeetingCadenceMissed => ({
  type: 'MeetingCadenceMissed',
  data: {
    communityId: 'c-1', meetingKind: 'villagers_meeting', period: '2026', rule: 'VM-4', dueBy: '2026-12-31',
    detectedOn: '2027-01-05', occurredAt: '2027-01-05T01:00:00.000Z', ...over,
  },
});

describe('RecordMeetingCadenceMissed (watchdog)', () => {
  describe('allowed', () => {
    it('VM-4: a village with no villagers\' meeting in 2026 gets the miss, detected on the local date', () =>
      spec.given([registered()]).when(missed()).then([recorded()]));

    it('VM-4: a meeting held in another year does not count', () =>
      spec.given([registered()]).when(missed({ heldOn: ['2025-06-01', '2027-01-02'] })).then([recorded()]));

    it('VM-10: quarterly representatives\' meeting, also before the switch (2025-Q3, 2018 text)', () =>
      spec.given([registered()])
        .when(missed({ meetingKind: 'village_representatives_meeting', period: '2025-Q3', dueBy: '2025-09-30' }, '2025-10-08T09:00:00+08:00'))
        .then([recorded({ meetingKind: 'village_representatives_meeting', period: '2025-Q3', rule: 'VM-10', dueBy: '2025-09-30', detectedOn: '2025-10-08', occurredAt: '2025-10-08T01:00:00.000Z' })]));

    it('RM-4: an urban community with no residents\' representatives meeting in 2026-H1', () =>
      spec.given([registered('urban_community')])
        .when(missed({ meetingKind: 'residents_representatives_meeting', period: '2026-H1', dueBy: '2026-06-30' }, '2026-07-01T00:30:00+08:00'))
        .then([recorded({ meetingKind: 'residents_representatives_meeting', period: '2026-H1', rule: 'RM-4', dueBy: '2026-06-30', detectedOn: '2026-07-01', occurredAt: '2026-06-30T16:30:00.000Z' })]));
  });

  describe('refused', () => {
    it('VM-4: not the watchdog', () =>
      spec.given([registered()]).when(missed({}, undefined, ['villagers_committee'])).thenThrows(NotTheWatchdog, { code: 'COMMUNITY.NOT_THE_WATCHDOG' }));

    it('VM-4: the period is not over on its last local day (2026-12-31 23:30 in Shanghai)', () =>
      spec.given([registered()]).when(missed({}, '2026-12-31T23:30:00+08:00'))
        .thenThrows(CadencePeriodNotOver, { code: 'COMMUNITY.CADENCE_PERIOD_NOT_OVER', rule: 'VM-4' }));

    it('VM-4: a villagers\' meeting was held in the period', () =>
      spec.given([registered()]).when(missed({ heldOn: ['2026-12-30'] })).thenThrows(CadenceMet, { code: 'COMMUNITY.CADENCE_MET', rule: 'VM-4' }));

    it('RM-4: a village holds no residents\' representatives meeting (wrong kind)', () =>
      spec.given([registered()]).when(missed({ meetingKind: 'residents_representatives_meeting', period: '2026-H1', dueBy: '2026-06-30' }))
        .thenThrows(CadenceNotRequired, { code: 'COMMUNITY.CADENCE_NOT_REQUIRED', rule: 'RM-4' }));

    it('VM-10: an urban community holds no village representatives meeting (wrong kind)', () =>
      spec.given([registered('urban_community')]).when(missed({ meetingKind: 'village_representatives_meeting', period: '2026-Q1', dueBy: '2026-03-31' }))
        .thenThrows(CadenceNotRequired, { code: 'COMMUNITY.CADENCE_NOT_REQUIRED', rule: 'VM-10' }));

    it('VM-4: 2025 began before the switch date (2026-01-01), when the 2018 text had no yearly meeting', () =>
      spec.given([registered()]).when(missed({ period: '2025', dueBy: '2025-12-31' }, '2026-01-05T09:00:00+08:00'))
        .thenThrows(CadenceNotRequired, { code: 'COMMUNITY.CADENCE_NOT_REQUIRED', rule: 'VM-4' }));

    it('RM-4: a configured later switch date (2026-07-01) leaves 2026-H1 under the 2018 text', () =>
      spec.given([registered('urban_community')])
        .when(missed({ meetingKind: 'residents_representatives_meeting', period: '2026-H1', dueBy: '2026-06-30', ruleSwitchDate: '2026-07-01' }))
        .thenThrows(CadenceNotRequired, { code: 'COMMUNITY.CADENCE_NOT_REQUIRED', rule: 'RM-4' }));

    it('VM-10: a period label that does not end on dueBy is bad input', () =>
      spec.given([registered()]).when(missed({ meetingKind: 'village_representatives_meeting', period: '2026-Q2', dueBy: '2026-03-31' }))
        .thenThrows(ValidationError, { code: 'COMMUNITY.INVALID_INPUT' }));
  });

  describe('no-op', () => {
    it('VM-4: already recorded for the kind and period', () =>
      spec.given([registered(), recorded()]).when(missed({}, '2027-02-01T09:00:00+08:00')).thenNothingHappened());

    it('VM-10: a miss of another period is not the same miss', () =>
      spec.given([registered(), recorded({ meetingKind: 'village_representatives_meeting', period: '2026-Q3', rule: 'VM-10', dueBy: '2026-09-30' })])
        .when(missed({ meetingKind: 'village_representatives_meeting', period: '2026-Q4', dueBy: '2026-12-31' }))
        .then([recorded({ meetingKind: 'village_representatives_meeting', period: '2026-Q4', rule: 'VM-10', dueBy: '2026-12-31' })]));

    it('the recorded miss does not move the community timeline: a census recorded late still goes in', () => {
      const state = [registered(), recorded()].reduce(communityDecider.evolve, communityDecider.initialState());
      const events = communityDecider.decide({
        type: 'RecordCensusSnapshot',
        data: { communityId: 'c-1', snapshotId: 's-1', effectiveFrom: '2026-01-01', adults: 900, households: 300, villageGroups: [] },
        metadata: meta('2026-03-01T09:00:00+08:00'),
      }, state);
      expect(events.map((e) => e.type)).toEqual(['CensusSnapshotRecorded']);
    });
  });
});
