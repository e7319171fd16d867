import { decisionsRegister, meetingCadence, meetingRecord, meetingsList, mustConveneObligations } from '../../../src/projections/meetings';
import type { MeetingCommand } from '../../../src/domain/meeting';
import { agendaItem, attendance, convene, deliberation, history, meta, petition, vote } from '../../domain/meeting.mother';
import { project, RecordedLog } from './meetings-fold.harness';

const NOTICE = '2026-03-01T09:00:00+08:00';
const AT = '2026-03-11T09:00:00+08:00';
const HELD = '2026-03-11T10:00:00+08:00';
const VOTED = '2026-03-11T11:00:00+08:00';

const correction: MeetingCommand = {
  type: 'OrderCorrection',
  data: { meetingId: 'm-1', itemId: 'i-1', correctionId: 'corr-1', authorityRef: 'township-7', reason: 'conflicts with the land law' },
  metadata: meta('2026-04-01T09:00:00+08:00', ['township_government@township:t-7']),
};
const court: MeetingCommand = {
  type: 'RecordCourtRevocation',
  data: { meetingId: 'm-1', itemId: 'i-1', courtRef: 'court-3', judgmentRef: 'J-123', judgmentDate: '2026-05-01', reason: 'infringes property rights' },
  metadata: meta('2026-05-02T09:00:00+08:00'),
};

/** A villagers meeting of 2026: obliging petition, convened, two items (one reserved), 60 present, both voted. */
const fullMeeting = (...after: MeetingCommand[]) =>
  history(
    petition('2026-02-01T10:00:00+08:00', 10),
    convene(NOTICE, AT),
    agendaItem('2026-03-02T09:00:00+08:00', { matterType: 'collective_funds_use' }),
    agendaItem('2026-03-02T09:30:00+08:00', { itemId: 'i-2', title: 'Night market' }),
    deliberation('2026-03-03T09:00:00+08:00', '2026-03-03'),
    attendance(HELD, 60, { observers: 4 }),
    vote(VOTED, 40, 20),
    vote('2026-03-11T11:10:00+08:00', 30, 30, 0, 'i-2'),
    ...after,
  );

describe('meetings list fold', () => {
  it('follows a meeting from petition to held, with counts and provenance of the last event', () => {
    const log = new RecordedLog();
    const events = log.append(fullMeeting());
    const row = project(meetingsList, events).get('m-1')!;
    expect(row).toMatchObject({
      communityId: 'c-1', kind: 'villagers_meeting', status: 'held', mustConvene: false, noticeDate: '2026-03-01', meetingDate: '2026-03-11', noticeDays: 10,
      present: 60, observers: 4, quorumMet: true, quorumRule: 'VM-5', items: 2, adopted: 1, rejected: 1, interventions: 0, lastStep: 'VoteRecorded',
    });
    const last = events[events.length - 1]!;
    expect(row).toMatchObject({ lastStream: 'meeting-m-1', lastStreamRevision: last.streamRevision.toString(), lastGlobalPosition: last.globalPosition.toString(), lastEventId: last.eventId });
  });

  it('VM-2: an obliging petition marks the meeting as must-convene until convened', () => {
    const log = new RecordedLog();
    const rows = project(meetingsList, log.append(history(petition('2026-02-01T10:00:00+08:00', 10))));
    expect(rows.get('m-1')).toMatchObject({ status: 'petitioned', mustConvene: true });
    expect(meetingsList.matchesMeetingFilter(rows.get('m-1')!, { mustConvene: true, communityId: 'c-1' })).toBe(true);
    expect(meetingsList.matchesMeetingFilter(rows.get('m-1')!, { kind: 'residents_meeting' })).toBe(false);
  });

  it('handled twice changes nothing (positions at or below the row are skipped)', () => {
    const log = new RecordedLog();
    const events = log.append(fullMeeting());
    const once = project(meetingsList, events);
    const snapshot = JSON.stringify([...once]);
    expect(JSON.stringify([...project(meetingsList, events, once)])).toBe(snapshot);
  });
});

describe('meeting record fold', () => {
  it('keeps petitions, notice, agenda with pre-deliberation, attendance with observers apart, votes and who did what', () => {
    const log = new RecordedLog();
    const events = log.append(fullMeeting());
    const row = project(meetingRecord, events).get('m-1')!;
    expect(row.petitions).toEqual([expect.objectContaining({ petitionId: 'p-1', obliges: true, rule: 'VM-2', provenance: expect.objectContaining({ eventId: events[0]!.eventId, streamRevision: '0' }) })]);
    expect(row.convening).toMatchObject({ noticeDays: 10, noticeRule: 'VM-3', dischargedPetitionIds: ['p-1'], attribution: { actor: 'actor-1' } });
    expect(row.attendance).toMatchObject({ present: 60, observers: 4, quorumMet: true });
    expect(row.items.map((i) => [i.itemId, i.reserved, i.partyPreDeliberation?.deliberatedOn ?? null, i.vote?.outcome, i.decisionStatus])).toEqual([
      ['i-1', true, '2026-03-03', 'adopted', 'in_force'],
      ['i-2', false, null, 'rejected', null],
    ]);
  });

  it('VM-12 then VM-13: the decision stays, marked corrected then revoked, with who and why', () => {
    const log = new RecordedLog();
    const events = log.append(fullMeeting());
    const afterEvents = log.append(fullMeeting(correction, court).slice(-2), { actor: 'official-9', roles: ['township_government@township:t-7'] });
    const row = project(meetingRecord, [...events, ...afterEvents]).get('m-1')!;
    const item = row.items.find((i) => i.itemId === 'i-1')!;
    expect(item.vote).toMatchObject({ outcome: 'adopted', yes: 40 });
    expect(item.decisionStatus).toBe('revoked');
    expect(item.actions.map((a) => [a.action, a.rule, a.by, a.reason, a.attribution.actor])).toEqual([
      ['correction_ordered', 'VM-12', 'township_government:township-7', 'conflicts with the land law', 'official-9'],
      ['revoked_by_court', 'VM-13', 'court-3', 'infringes property rights', 'official-9'],
    ]);
    expect(item.actions[1]!.provenance.eventId).toBe(afterEvents[1]!.eventId);
  });
});

describe('decisions register fold', () => {
  it('one row per adopted decision; rejected motions are not decisions', () => {
    const log = new RecordedLog();
    const rows = project(decisionsRegister, log.append(fullMeeting()));
    expect([...rows.keys()]).toEqual(['m-1/i-1']);
    expect(rows.get('m-1/i-1')).toMatchObject({ communityId: 'c-1', meetingKind: 'villagers_meeting', matterType: 'collective_funds_use', reserved: true, status: 'in_force', adoptionRule: 'VM-5', yes: 40, present: 60, decidedOn: '2026-03-11', ruleText: '2025' });
  });

  it('VM-12: a correction keeps the row, status corrected, with the authority, reason and provenance', () => {
    const log = new RecordedLog();
    const events = log.append(fullMeeting(correction));
    const row = project(decisionsRegister, events).get('m-1/i-1')!;
    const last = events[events.length - 1]!;
    expect(row).toMatchObject({ status: 'corrected', statusRule: 'VM-12', statusBy: 'township_government:township-7', statusReason: 'conflicts with the land law', lastEventId: last.eventId, lastGlobalPosition: last.globalPosition.toString() });
    expect(row.history.map((h) => h.status)).toEqual(['in_force', 'corrected']);
  });

  it('VM-13: a court revocation marks it revoked and a later correction cannot revive it', () => {
    const log = new RecordedLog();
    const rows = project(decisionsRegister, log.append(fullMeeting(court)));
    expect(rows.get('m-1/i-1')).toMatchObject({ status: 'revoked', statusRule: 'VM-13', statusBy: 'court-3' });
    const stray = log.append([{ type: 'CorrectionOrdered', data: { meetingId: 'm-1', itemId: 'i-1', correctionId: 'c-9', orderedByRole: 'township_government', authorityRef: 't', reason: 'late', rule: 'VM-12', occurredAt: '2026-06-01T00:00:00.000Z' } }]);
    expect(project(decisionsRegister, stray, rows).get('m-1/i-1')).toMatchObject({ status: 'revoked', history: expect.arrayContaining([expect.objectContaining({ event: 'CorrectionOrdered', status: 'revoked' })]) });
  });

  it('VM-8: a change by the villagers meeting shows the decision as changed', () => {
    const log = new RecordedLog();
    const rep = history(
      convene(NOTICE, AT, { kind: 'village_representatives_meeting' }),
      agendaItem('2026-03-02T09:00:00+08:00'),
      attendance(HELD, 25),
      vote(VOTED, 16, 9),
      {
        type: 'OverruleByHigherMeeting',
        data: { meetingId: 'm-1', itemId: 'i-1', action: 'change', reason: 'improper', changeSummary: 'only on weekends', byDecision: { meetingId: 'm-9', itemId: 'i-9', meetingKind: 'villagers_meeting', outcome: 'adopted', status: 'in_force' } },
        metadata: meta('2026-06-01T09:00:00+08:00'),
      },
    );
    expect(project(decisionsRegister, log.append(rep)).get('m-1/i-1')).toMatchObject({ status: 'changed', statusRule: 'VM-8', statusBy: 'villagers_meeting:m-9', statusReason: 'only on weekends' });
  });
});

describe('must-convene obligations fold', () => {
  it('VM-2: opens on an obliging petition, stays open, and is discharged by convening', () => {
    const log = new RecordedLog();
    const petitions = log.append(history(petition('2026-02-01T10:00:00+08:00', 9), petition('2026-02-02T10:00:00+08:00', 10, { petitionId: 'p-2' })));
    const open = project(mustConveneObligations, petitions);
    expect(open.get('m-1')).toMatchObject({ status: 'open', rule: 'VM-2', petitionIds: ['p-2'], signers: 10, required: 10, openedProvenance: { eventId: petitions[1]!.eventId } });
    expect(mustConveneObligations.openForDays(open.get('m-1')!, '2026-02-12')).toBe(10);
    const convened = log.append(history(petition('2026-02-01T10:00:00+08:00', 9), petition('2026-02-02T10:00:00+08:00', 10, { petitionId: 'p-2' }), convene(NOTICE, AT)).slice(-1));
    expect(project(mustConveneObligations, convened, open).get('m-1')).toMatchObject({ status: 'discharged', dischargedByMeetingOn: '2026-03-11', lastEventId: convened[0]!.eventId });
  });

  it('VM-2: a petition below the threshold opens no obligation', () => {
    const log = new RecordedLog();
    expect(project(mustConveneObligations, log.append(history(petition('2026-02-01T10:00:00+08:00', 9)))).size).toBe(0);
  });
});

describe('meeting cadence fold', () => {
  it('VM-10: quorate representative meetings per quarter; an inquorate one does not count', () => {
    const log = new RecordedLog();
    const rep = (id: string, notice: string, at: string, held: string, present: number) =>
      history(convene(notice, at, { meetingId: id, kind: 'village_representatives_meeting' }), { ...attendance(held, present), data: { meetingId: id, present } });
    const events = [
      ...log.append(rep('r-1', '2026-01-05T09:00:00+08:00', '2026-01-20T09:00:00+08:00', '2026-01-20T10:00:00+08:00', 25)),
      ...log.append(rep('r-2', '2026-04-05T09:00:00+08:00', '2026-04-20T09:00:00+08:00', '2026-04-20T10:00:00+08:00', 10)),
      ...log.append(rep('r-3', '2026-07-05T09:00:00+08:00', '2026-07-20T09:00:00+08:00', '2026-07-20T10:00:00+08:00', 22)),
    ];
    const row = project(meetingCadence, events).get('c-1/village_representatives_meeting')!;
    expect(row).toMatchObject({ heldOn: ['2026-01-20', '2026-07-20'], meetingIds: ['r-1', 'r-3'], rule: 'VM-10', lastEventId: events[events.length - 1]!.eventId });
    expect(meetingCadence.cadenceOf(row, '2026-01-01', '2026-11-15')?.periods.map((p) => p.status)).toEqual(['met', 'missed', 'met', 'open']);
  });

  it('VM-4: yearly villagers meetings, required from the 2025 text on', () => {
    const log = new RecordedLog();
    const row = project(meetingCadence, log.append(fullMeeting())).get('c-1/villagers_meeting')!;
    expect(meetingCadence.cadenceOf(row, '2025-01-01', '2027-06-30')?.periods.map((p) => [p.period, p.status])).toEqual([
      ['2025', 'not_required'],
      ['2026', 'met'],
      ['2027', 'open'],
    ]);
  });

  it('group meetings have no cadence row', () => {
    const log = new RecordedLog();
    const group = history(convene(NOTICE, AT, { kind: 'village_group_meeting', groupId: 'g-1' }), attendance(HELD, 80));
    expect(project(meetingCadence, log.append(group)).size).toBe(0);
  });
});
