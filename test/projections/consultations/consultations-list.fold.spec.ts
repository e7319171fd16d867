import { evolve, filterConsultations, overdueSteps, type ConsultationListRow } from '../../../src/projections/consultations/consultations-list.fold';
import type { RecordedEvent } from '../../../src/domain/shared';
import { ev, opinion, planPublished, resultPublished, solicited, started, topicOf, untilFeedback, untilHeld, untilOpinion } from '../../domain/consultation.mother';
import { record } from './recorded.mother';
import { bareEventIds } from '../../support/provenance-shape';

const fold = (events: readonly RecordedEvent[]): ConsultationListRow | null => events.reduce<ConsultationListRow | null>(evolve, null);

describe('consultations list fold', () => {
  it('opens a row on OpinionsSolicited and follows the topic', () => {
    const row = fold(record('consultation-c-1', [solicited, topicOf({ highImpact: true })]));
    expect(row).toMatchObject({ consultationId: 'c-1', communityId: 'comm-1', townshipId: 't-1', status: 'preparing', title: 'Street lights on Elm Lane', contentClass: 'public_affairs', highImpact: true, currentStep: 'TopicProposed' });
  });
  it('ignores events of a consultation it never saw open, and events of other modules', () => {
    expect(fold(record('consultation-c-1', [topicOf()]))).toBeNull();
    const other = { ...record('meeting-m-1', [solicited])[0]!, type: 'MeetingConvened' } as RecordedEvent;
    const row = fold(record('consultation-c-1', [solicited]));
    expect(evolve(row, other)).toBe(row);
  });
  it('carries the due dates and completion of every step to the end', () => {
    const row = fold(record('consultation-c-1', [...untilFeedback, ev('ConsultationClosed', {}, '2026-05-04')]))!;
    expect(row).toMatchObject({
      status: 'closed', outcome: 'opinion', implementationStartDue: '2026-04-20', implementationStarted: true, implementationPercent: 100,
      resultPublicationDue: '2026-03-31', resultPublished: true, implementationPublicationDue: '2026-05-11', implementationPublished: true,
    });
  });
  it('a referral and meeting decision set the status and outcome', () => {
    const row = fold(record('consultation-c-1', [...untilHeld,
      ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'r', contested: true }, '2026-03-21')]))!;
    expect(row.status).toBe('referred');
    const decided = evolve(row, record('consultation-c-1', [...untilHeld, ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'r', contested: true }, '2026-03-21'),
      ev('MeetingDecisionRecorded', { meetingId: 'm-1', decisionId: 'd-1', adopted: false, decidedAt: '2026-04-05T04:00:00.000Z', implementationStartDue: '2026-05-05', publicationDue: '2026-04-15' }, '2026-04-06')])[6]!)!;
    expect(decided).toMatchObject({ status: 'settled', outcome: 'meeting_rejected', implementationStartDue: null, resultPublicationDue: '2026-04-15' });
  });

  describe('filters', () => {
    const a = fold(record('consultation-a', untilOpinion.map((e) => ({ ...e, data: { ...e.data, consultationId: 'a' } }) as typeof e)))!;
    const b = fold(record('consultation-b', [...untilOpinion, planPublished, resultPublished, started].map((e) => ({ ...e, data: { ...e.data, consultationId: 'b', ...(e.type === 'OpinionsSolicited' ? { communityId: 'comm-2' } : {}) } }) as typeof e)))!;
    const c = fold(record('consultation-c', [solicited, topicOf()].map((e) => ({ ...e, data: { ...e.data, consultationId: 'c', ...(e.type === 'TopicProposed' ? { contentClass: 'pressing_difficulty' } : {}) } }) as typeof e)))!;
    const rows = [a, b, c];
    it('by community, township, status and content class', () => {
      expect(filterConsultations(rows, { communityId: 'comm-2' }, '2026-03-22').map((r) => r.consultationId)).toEqual(['b']);
      expect(filterConsultations(rows, { townshipId: 't-1', status: 'settled' }, '2026-03-22').map((r) => r.consultationId)).toEqual(['a', 'b']);
      expect(filterConsultations(rows, { contentClass: 'pressing_difficulty' }, '2026-03-22').map((r) => r.consultationId)).toEqual(['c']);
    });
    it('CS-12: a miss the watchdog recorded names its event, and the current step stays the last procedure step', () => {
      const events = record('consultation-c-1', [...untilOpinion, ev('ConsultationDeadlineMissed', { step: 'result_publication', rule: 'CS-12', dueOn: '2026-03-31', detectedOn: '2026-04-01' }, '2026-04-01')]);
      const row = fold(events)!;
      expect(row.currentStep).toBe('OpinionFormed');
      const miss = events.at(-1)!;
      const provenance = { stream: miss.stream, streamRevision: miss.streamRevision.toString(), globalPosition: miss.globalPosition.toString(), eventId: miss.eventId };
      expect(overdueSteps(row, '2026-04-01')).toEqual([{ step: 'ResultPublished', due: '2026-03-31', recordedBy: provenance }]);
      expect(row.missedDeadlines).toEqual([{ step: 'result_publication', rule: 'CS-12', dueOn: '2026-03-31', detectedOn: '2026-04-01', provenance }]);
      expect(bareEventIds([row.missedDeadlines, overdueSteps(row, '2026-04-01')])).toEqual([]);
    });
    it('by overdue step: nothing is overdue on the due date itself, one day later it is', () => {
      expect(overdueSteps(a, '2026-03-31')).toEqual([]);
      expect(overdueSteps(a, '2026-04-01')).toEqual([{ step: 'ResultPublished', due: '2026-03-31', recordedBy: null }]);
      expect(filterConsultations(rows, { overdue: true }, '2026-04-21').map((r) => r.consultationId)).toEqual(['a']);
      expect(filterConsultations(rows, { overdue: 'ImplementationStarted' }, '2026-04-21').map((r) => r.consultationId)).toEqual(['a']);
      expect(overdueSteps(a, '2026-04-21').map((o) => o.step)).toEqual(['ImplementationStarted', 'ResultPublished']);
    });
  });
  it('the opinion row keeps its due dates from the event, not from a clock', () => {
    expect(fold(record('consultation-c-1', [...untilHeld, opinion]))!.implementationStartDue).toBe(opinion.data.implementationStartDue);
  });
});
