import { evolve, type ConsultationTimelineRow } from '../../../src/projections/consultations/consultation-timeline.fold';
import type { RecordedEvent } from '../../../src/domain/shared';
import { HASH, TOWNSHIP_GOV, ev, held, notified, solicited, topic, determined, untilHeld, opinion } from '../../domain/consultation.mother';
import { record } from './recorded.mother';

const fold = (events: readonly RecordedEvent[]): ConsultationTimelineRow | null => events.reduce<ConsultationTimelineRow | null>(evolve, null);

describe('consultation timeline fold', () => {
  it('lists every step with actor, role, occurredAt, recordedAt and provenance', () => {
    const events = record('consultation-c-1', [solicited, topic]);
    const row = fold(events)!;
    expect(row.consultationId).toBe('c-1');
    expect(row.entries).toHaveLength(2);
    expect(row.entries[1]).toMatchObject({
      step: 'TopicProposed', actor: 'actor-1', actorRoles: ['community_party_organisation'],
      occurredAt: topic.data.occurredAt, recordedAt: topic.data.occurredAt, recordedLate: false,
      provenance: { stream: 'consultation-c-1', streamRevision: '1', globalPosition: events[1]!.globalPosition.toString(), eventId: events[1]!.eventId },
    });
  });
  it('shows late recording: a session recorded three days after it happened', () => {
    const row = fold(record('consultation-c-1', [solicited, topic, determined, notified, [held, { recordedAt: '2026-03-23T02:00:00.000Z' }]]))!;
    expect(row.entries[4]).toMatchObject({ step: 'ConsultationHeld', recordedLate: true, recordingDelayDays: 3 });
    expect(row.entries[3]).toMatchObject({ recordedLate: false, recordingDelayDays: 0 });
  });
  it('marks a step whose occurredAt lies before the previous one (out-of-order import)', () => {
    const row = fold(record('consultation-c-1', [solicited, topic, determined, held, notified]))!;
    expect(row.entries.map((e) => e.occurredBeforePrevious)).toEqual([false, false, false, false, true]);
  });
  it('shows deviations with rule and reason, and links the meeting decision', () => {
    const deviation = ev('ProcedureDeviationRecorded', { step: 'HearingForm', rule: 'CS-6', reason: 'typhoon', recordedByRole: 'community_party_organisation' }, '2026-03-19');
    const referred = ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'contested', contested: true }, '2026-03-21');
    const decision = ev('MeetingDecisionRecorded', { meetingId: 'm-7', decisionId: 'd-3', adopted: true, decidedAt: '2026-04-05T04:00:00.000Z', implementationStartDue: '2026-05-05', publicationDue: '2026-04-15' }, '2026-04-06');
    const row = fold(record('consultation-c-1', [...untilHeld.slice(0, 4), deviation, held, referred, decision]))!;
    expect(row.entries[4]!.deviation).toEqual({ step: 'HearingForm', rule: 'CS-6', reason: 'typhoon' });
    expect(row.entries[7]!.meetingDecision).toEqual({ meetingId: 'm-7', decisionId: 'd-3', adopted: true, decidedAt: '2026-04-05T04:00:00.000Z' });
  });
  it('CS-10: a correction keeps the original opinion and marks it superseded', () => {
    const correction = ev('OutcomeCorrectedByGovernment', { supersedes: 'opinion', correctionHash: HASH, legalBasis: 'law', correctedByRole: 'township_government' }, '2026-04-01');
    const events = record('consultation-c-1', [...untilHeld, opinion, [correction, { roles: TOWNSHIP_GOV, actor: 'gov-1' }]]);
    const row = fold(events)!;
    expect(row.entries[5]).toMatchObject({ step: 'OpinionFormed', supersededBy: events[6]!.eventId });
    expect(row.entries[6]).toMatchObject({ step: 'OutcomeCorrectedByGovernment', actor: 'gov-1', actorRoles: ['township_government'] });
  });
  it('is idempotent: the same event applied twice adds one entry', () => {
    const events = record('consultation-c-1', [solicited, topic]);
    const once = fold(events);
    expect(evolve(once, events[1]!)).toBe(once);
  });
});
