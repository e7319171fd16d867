import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProcedureCompliance, listViolations, type Violation } from '../../../src/projections/procedure-compliance/procedure-compliance.checker';
import type { ConsultationEvent } from '../../../src/domain/consultation';
import type { RecordedEvent } from '../../../src/domain/shared';
import {
  HASH, RESIDENT, TOWNSHIP_PARTY, completed, determined, ev, feedback, heldWith, held, implementationPublished, iso, notified, opinion, planPublished, policy,
  resultPublished, solicited, started, topic, topicOf, untilFeedback, untilOpinion,
} from '../../domain/consultation.mother';
import { record } from '../consultations/recorded.mother';

const { version: _v, ...policySettings } = policy;
const policyEvent: RecordedEvent = {
  ...record('locality-policy-loc-1', [{ type: 'LocalityPolicyVersionAdopted', data: { ...policySettings, version: 1, adoptedByRole: 'township_government', occurredAt: iso('2024-12-20') } } as unknown as ConsultationEvent])[0]!,
};
const as = (id: string, events: readonly ConsultationEvent[]): ConsultationEvent[] =>
  events.map((e) => ({ ...e, data: { ...e.data, consultationId: id } }) as ConsultationEvent);
const closed = ev('ConsultationClosed', {}, '2026-05-04');
const brief = (v: Violation) => [v.rule, v.code];

describe('procedure-compliance checker (independent of the decider)', () => {
  it('a complete, lawful consultation has no violations', () => {
    const events = [policyEvent, ...record('consultation-ok', as('ok', [...untilFeedback, closed]))];
    expect(listViolations(events, { asOf: '2026-06-30' })).toEqual([]);
  });

  describe('a faulty import appended out of order', () => {
    // A: ConsultationHeld appended before ContentNotified, topic proposed by a resident.
    const [aSolicited, aTopic, aDetermined, aHeld, aNotified] = as('a', [solicited, topic, determined, held, notified]) as [ConsultationEvent, ConsultationEvent, ConsultationEvent, ConsultationEvent, ConsultationEvent];
    const aEvents = record('consultation-a', [aSolicited, [aTopic, { roles: RESIDENT }], aDetermined, aHeld, aNotified]);
    // B: concluded (opinion, implemented, completed) and closed, never published, no feedback.
    const bEvents = record('consultation-b', as('b', [...untilOpinion, planPublished, started, completed, closed]));
    // C: result posted only 10 days, after the switch date.
    const shortPosting = ev('ResultPublished', { publicationId: 'pub-1', covers: 'result', contentHash: HASH, channels: ['notice_board'], postedFrom: '2026-03-25', postedUntil: '2026-04-04', due: '2026-03-31' }, '2026-03-25');
    const cEvents = record('consultation-c', as('c', [...untilOpinion, shortPosting]));
    // D: seriously contested (2 of 3 against), closed by an opinion without referral or briefing.
    const contested = heldWith([{ personRef: 'p-1', position: 'for' }, { personRef: 'p-2', position: 'against' }, { personRef: 'p-3', position: 'against' }]);
    const dEvents = record('consultation-d', as('d', [solicited, topic, determined, notified, contested, opinion, planPublished, resultPublished, started, completed, implementationPublished, feedback, closed]));
    const report = checkProcedureCompliance([policyEvent, ...aEvents, ...bEvents, ...cEvents, ...dEvents], { asOf: '2026-06-30' });
    const of = (id: string): readonly Violation[] => report.find((c) => c.consultationId === id)!.violations;
    const id = (events: RecordedEvent[], type: string): string => events.find((e) => e.type === type)!.eventId;

    it('A: held before notified (CS-5) and a topic proposed by a resident (CS-5)', () => {
      expect(of('a').map(brief)).toEqual([['CS-5', 'CONSULTATION.STEP_OUT_OF_ORDER'], ['CS-5', 'CONSULTATION.PROPOSER_NOT_ALLOWED']]);
      expect(of('a')[0]!.eventIds).toEqual([id(aEvents, 'ConsultationHeld'), id(aEvents, 'ContentNotified')]);
      expect(of('a')[1]!.eventIds).toEqual([id(aEvents, 'TopicProposed')]);
    });
    it('B: a concluded consultation closed unpublished (CS-4 twice) and without feedback (CS-5)', () => {
      expect(of('b').map(brief)).toEqual([
        ['CS-4', 'CONSULTATION.RESULT_NOT_PUBLISHED'], ['CS-4', 'CONSULTATION.IMPLEMENTATION_NOT_PUBLISHED'], ['CS-5', 'CONSULTATION.NO_FEEDBACK'],
      ]);
      expect(of('b')[0]!.eventIds).toEqual([id(bEvents, 'OpinionFormed'), id(bEvents, 'ConsultationClosed')]);
      expect(of('b')[1]!.eventIds).toEqual([id(bEvents, 'ImplementationCompleted'), id(bEvents, 'ConsultationClosed')]);
    });
    it('C: a 10-day posting after the switch date (PD-3); the implementation is overdue as of the check date (CS-3)', () => {
      expect(of('c').map(brief)).toEqual([['CS-3', 'CONSULTATION.IMPLEMENTATION_OVERDUE'], ['PD-3', 'CONSULTATION.POSTING_TOO_SHORT']]);
      expect(of('c')[1]!.eventIds).toEqual([id(cEvents, 'ResultPublished')]);
    });
    it('C: the same 10-day posting before the switch date is lawful under the 2018 text', () => {
      expect(listViolations([policyEvent, ...cEvents], { asOf: '2026-04-01', switchDate: '2026-06-01' })).toEqual([]);
    });
    it('D: a contested matter closed without referral (CS-9) and without briefing the dissenters (CS-9)', () => {
      expect(of('d').map(brief)).toEqual([['CS-9', 'CONSULTATION.REFERRAL_REQUIRED'], ['CS-9', 'CONSULTATION.DISSENTERS_NOT_BRIEFED']]);
      expect(of('d')[0]!.eventIds).toEqual([id(dEvents, 'ConsultationHeld'), id(dEvents, 'OpinionFormed')]);
    });
  });

  it('CS-3: a referred matter closed without the meeting decision', () => {
    const contested = heldWith([{ personRef: 'p-1', position: 'against' }, { personRef: 'p-2', position: 'against' }]);
    const events = record('consultation-e', as('e', [solicited, topic, determined, notified, contested,
      ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'r', contested: true }, '2026-03-21'),
      ev('DissentersBriefed', { dissenters: ['p-1', 'p-2'], channel: 'visit' }, '2026-03-22'), closed]));
    expect(listViolations([policyEvent, ...events]).map(brief)).toEqual([['CS-3', 'CONSULTATION.CLOSED_WITHOUT_MEETING_DECISION'], ['CS-5', 'CONSULTATION.NO_FEEDBACK']]);
  });

  it('CS-6, CS-7, CS-8, SV-5: hearing, township lead, experts and supervision attendance', () => {
    const flagged = topicOf({ crossCommunity: true, technical: true, highImpact: true });
    const events = record('consultation-f', as('f', [solicited, flagged, determined, notified, held,
      ev('SupervisionAttendanceRefused', { personRef: 's-1', refusedByRole: 'community_committee', note: 'door shut' }, '2026-03-20')]));
    expect(listViolations([policyEvent, ...events]).map((v) => [v.rule, v.severity])).toEqual([
      ['CS-7', 'violation'], ['CS-6', 'violation'], ['CS-8', 'advisory'], ['SV-5', 'violation'],
    ]);
  });

  it('CS-6 / CS-7: recorded deviations waive the policy steps; a law-fixed deviation (CS-4) is itself a violation', () => {
    const flagged = topicOf({ crossCommunity: true, highImpact: true });
    const dev = (step: string, rule: string) => ev('ProcedureDeviationRecorded', { step, rule, reason: 'typhoon', recordedByRole: 'township_party_committee' }, '2026-03-11');
    const events = record('consultation-g', as('g', [solicited, dev('TownshipLead', 'CS-7'), dev('HearingForm', 'CS-6'), dev('ResultPublished', 'CS-4'), flagged, determined, notified, held]));
    expect(listViolations([policyEvent, ...events]).map(brief)).toEqual([['CS-4', 'CONSULTATION.DEVIATION_NOT_ALLOWED']]);
  });

  it('CS-7: the township Party committee proposing a cross-community matter is lawful', () => {
    const [hSolicited, hTopic] = as('h', [solicited, topicOf({ crossCommunity: true })]) as [ConsultationEvent, ConsultationEvent];
    const events = record('consultation-h', [hSolicited, [hTopic, { roles: TOWNSHIP_PARTY }]]);
    expect(listViolations([policyEvent, ...events])).toEqual([]);
  });

  it('CS-5: a notice shorter than the policy in force is re-derived from the policy stream', () => {
    const late = ev('ConsultationHeld', { ...held.data }, '2026-03-16');
    const events = record('consultation-i', as('i', [solicited, topic, determined, notified, late]));
    const violations = listViolations([policyEvent, ...events]);
    expect(violations.map(brief)).toEqual([['CS-5', 'CONSULTATION.NOTICE_TOO_SHORT']]);
    expect(violations[0]!.eventIds).toEqual([events[3]!.eventId, events[4]!.eventId]);
  });

  it('CS-12: a result published after the locality time limit', () => {
    const late = ev('ResultPublished', { ...resultPublished.data, postedFrom: '2026-04-05', postedUntil: '2026-04-25' }, '2026-04-05');
    const events = record('consultation-j', as('j', [...untilOpinion, late]));
    expect(listViolations([policyEvent, ...events], { asOf: '2026-04-06' }).map(brief)).toEqual([['CS-12', 'CONSULTATION.PUBLICATION_LATE']]);
  });

  it('does not import the decider or its state (independent re-derivation)', () => {
    const source = readFileSync(join(__dirname, '../../../src/projections/procedure-compliance/procedure-compliance.checker.ts'), 'utf8');
    expect(source).not.toMatch(/consultation\.(decider|state|preparation|outcome|implementation)/);
    expect(source).not.toMatch(/from '\.\.\/\.\.\/domain\/consultation'/);
  });
});

describe('procedure-compliance checker: roles and commissioned matters', () => {
  it('CS-10: a correction not made by the township government; CS-5: a step after closure', () => {
    const correction = ev('OutcomeCorrectedByGovernment', { supersedes: 'opinion', correctionHash: HASH, legalBasis: 'law', correctedByRole: 'township_government' }, '2026-06-01');
    const after = ev('ImplementationProgressReported', { milestone: 'm', percent: 100, channels: ['notice_board'], postedFrom: '2026-06-02', postedUntil: '2026-06-20' }, '2026-06-02');
    const events = record('consultation-k', as('k', [...untilFeedback, closed, correction, after]));
    const violations = listViolations([policyEvent, ...events]);
    expect(violations.map(brief)).toEqual([['CS-5', 'CONSULTATION.STEP_AFTER_END'], ['CS-10', 'CONSULTATION.CORRECTION_NOT_ALLOWED']]);
    expect(violations[0]!.eventIds).toEqual([events[14]!.eventId, events[12]!.eventId]);
    expect(violations[1]!.eventIds).toEqual([events[13]!.eventId]);
  });
  it('CS-11: a commissioned matter closed without report and feedback', () => {
    const events = record('consultation-l', as('l', [solicited, topicOf({ commissioned: true }), ...untilFeedback.slice(2), closed]));
    expect(listViolations([policyEvent, ...events]).map(brief)).toEqual([['CS-11', 'CONSULTATION.COMMISSIONER_NOT_INFORMED']]);
  });
});
