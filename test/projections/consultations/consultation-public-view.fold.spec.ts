import { evolve, type ConsultationPublicView } from '../../../src/projections/consultations/consultation-public-view.fold';
import type { RecordedEvent } from '../../../src/domain/shared';
import { HASH, TOWNSHIP_GOV, ev, heldWith, untilFeedback, solicited, topic, determined, notified, opinion } from '../../domain/consultation.mother';
import { record } from './recorded.mother';

const fold = (events: readonly RecordedEvent[]): ConsultationPublicView | null => events.reduce<ConsultationPublicView | null>(evolve, null);

describe('consultation public view fold', () => {
  const held = heldWith([{ personRef: 'p-1', position: 'for' }, { personRef: 'p-2', position: 'against' }, { personRef: 'p-3', position: 'for' }]);
  const history = [solicited, topic, determined, notified, held, opinion, ...untilFeedback.slice(6),
    ev('DissentersBriefed', { dissenters: ['p-2'], channel: 'home visit' }, '2026-05-03'), ev('ConsultationClosed', {}, '2026-05-04')];
  const events = record('consultation-c-1', history, { actor: 'person-secret-actor' });
  const view = fold(events)!;

  it('contains no personRefs and no actor ids anywhere', () => {
    const text = JSON.stringify(view);
    for (const ref of ['p-1', 'p-2', 'p-3', 'person-secret-actor', 'too costly']) expect(text).not.toContain(ref);
  });
  it('shows people only as counts and the session as a tally', () => {
    expect(view.participantsByCategory).toEqual({ registered_resident: 2, property_service_company: 1 });
    expect(view.session).toEqual({ form: 'council', attendance: 3, for: 2, against: 1, abstain: 0, minutesHash: HASH });
    expect(view.opinionsGathered).toBe(42);
    expect(view.dissentersBriefed).toBe(true);
    expect(view.status).toBe('closed');
  });
  it('lists the publications (晒方案/晒成效 and the result) with their posting periods and provenance', () => {
    expect(view.publications.map((p) => [p.kind, p.postedFrom, p.postedUntil])).toEqual([
      ['plan', '2026-03-25', '2026-04-10'], ['result', '2026-03-25', '2026-04-10'], ['completion', '2026-05-01', '2026-05-20'], ['implementation', '2026-05-02', '2026-05-20'],
    ]);
    const plan = events.find((e) => e.type === 'ImplementationPlanPublished')!;
    expect(view.publications[0]!.provenance).toEqual({ stream: 'consultation-c-1', streamRevision: plan.streamRevision.toString(), globalPosition: plan.globalPosition.toString(), eventId: plan.eventId });
    expect(view.satisfaction).toEqual({ satisfied: 30, neutral: 5, dissatisfied: 2 });
  });
  it('every step carries roles (without scope) and provenance', () => {
    expect(view.steps).toHaveLength(events.length);
    expect(view.steps[1]).toEqual({ step: 'TopicProposed', actorRoles: ['community_party_organisation'], occurredAt: topic.data.occurredAt, recordedAt: topic.data.occurredAt,
      provenance: { stream: 'consultation-c-1', streamRevision: '1', globalPosition: events[1]!.globalPosition.toString(), eventId: events[1]!.eventId } });
  });
  it('CS-10: a corrected outcome is shown as superseded, not removed', () => {
    const corrected = evolve(view, record('consultation-c-1', [...history, [ev('OutcomeCorrectedByGovernment', { supersedes: 'opinion', correctionHash: HASH, legalBasis: 'law', correctedByRole: 'township_government' }, '2026-06-01'), { roles: TOWNSHIP_GOV }]])[history.length]!)!;
    expect(corrected.outcome).toMatchObject({ kind: 'opinion', summary: 'Install 12 lights', superseded: true });
  });
  it('shows deviations publicly with rule and reason', () => {
    const v = fold(record('consultation-c-1', [solicited, ev('ProcedureDeviationRecorded', { step: 'HearingForm', rule: 'CS-6', reason: 'typhoon', recordedByRole: 'community_party_organisation' }, '2026-03-12')]))!;
    expect(v.deviations.map(({ step, rule, reason }) => ({ step, rule, reason }))).toEqual([{ step: 'HearingForm', rule: 'CS-6', reason: 'typhoon' }]);
  });
});
