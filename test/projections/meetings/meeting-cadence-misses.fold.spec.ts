import { GENESIS_HASH, type RecordedEvent } from '../../../src/domain/shared';
import type { MeetingCadenceMissed } from '../../../src/domain/community';
import { meetingCadence } from '../../../src/projections/meetings';
import { attendance, convene, history } from '../../domain/meeting.mother';
import { project, RecordedLog } from './meetings-fold.harness';
import { bareEventIds } from '../../support/provenance-shape';

const miss = (position: bigint, data: Partial<MeetingCadenceMissed['data']> = {}): RecordedEvent => ({
  eventId: `miss-${position}`,
  type: 'MeetingCadenceMissed',
  schemaVersion: 1,
  data: { communityId: 'c-1', meetingKind: 'villagers_meeting', period: '2026', rule: 'VM-4', dueBy: '2026-12-31', detectedOn: '2027-01-05', occurredAt: '2027-01-05T01:00:00.000Z', ...data },
  stream: 'community-c-1',
  streamRevision: position,
  globalPosition: 1000n + position,
  metadata: { actor: 'system:watchdog', actorRoles: ['watchdog'], commandId: `c-${position}`, correlationId: 'r', causationId: 'r', occurredAt: '2027-01-05T01:00:00.000Z', recordedAt: '2027-01-05T01:00:00.000Z' },
  prevHash: GENESIS_HASH,
  hash: 'f'.repeat(64),
} as RecordedEvent);

describe('meeting cadence fold: misses the watchdog recorded (v2)', () => {
  it('VM-4: a village with no meeting gets a row that names the MeetingCadenceMissed event', () => {
    const row = project(meetingCadence, [miss(3n)]).get('c-1/villagers_meeting')!;
    expect(row).toMatchObject({ rule: 'VM-4', heldOn: [], meetingIds: [], lastEventId: 'miss-3' });
    expect(row.recordedMisses).toEqual([{ period: '2026', rule: 'VM-4', dueBy: '2026-12-31', detectedOn: '2027-01-05', provenance: { stream: 'community-c-1', streamRevision: '3', globalPosition: '1003', eventId: 'miss-3' } }]);
    expect(bareEventIds(row.recordedMisses)).toEqual([]);
  });

  it('VM-10: misses sit beside the meetings held; the same period recorded twice counts once', () => {
    const log = new RecordedLog();
    const held = log.append(history(
      convene('2026-01-05T09:00:00+08:00', '2026-01-20T09:00:00+08:00', { meetingId: 'r-1', kind: 'village_representatives_meeting' }),
      { ...attendance('2026-01-20T10:00:00+08:00', 25), data: { meetingId: 'r-1', present: 25 } },
    ));
    const q2 = { meetingKind: 'village_representatives_meeting' as const, rule: 'VM-10' as const, period: '2026-Q2', dueBy: '2026-06-30', detectedOn: '2026-07-02' };
    const row = project(meetingCadence, [...held, miss(4n, q2), miss(5n, q2)]).get('c-1/village_representatives_meeting')!;
    expect(row.heldOn).toEqual(['2026-01-20']);
    expect(row.recordedMisses.map((m) => [m.period, m.provenance.eventId])).toEqual([['2026-Q2', 'miss-4']]);
  });
});
