import { DeciderSpecification } from '../support/decider-specification';
import { IllegalStateError, RuleViolationError, ValidationError } from '../../src/domain/shared';
import { consultationDecider } from '../../src/domain/consultation';
import * as Cmd from '../../src/domain/consultation/consultation.commands';
import {
  HASH, HASH_B, completed, cmd, ev, feedback, implementationPublished, planPublished, policy, posting, resultPublished, started, topicOf,
  solicited, determined, notified, held, opinion, untilFeedback, untilOpinion,
} from './consultation.mother';

const spec = DeciderSpecification.for(consultationDecider);

const plan = (extra: Partial<Cmd.PublishImplementationPlan['data']> = {}) =>
  cmd<Cmd.PublishImplementationPlan>('PublishImplementationPlan', { planHash: HASH, ...posting, policy, ...extra }, '2026-03-25');
const start = (on = '2026-04-01') => cmd<Cmd.StartImplementation>('StartImplementation', {}, on);
const progress = (percent: number) =>
  cmd<Cmd.ReportImplementationProgress>('ReportImplementationProgress', { milestone: 'poles installed', percent, channels: ['online_forum'], postedFrom: '2026-04-15', postedUntil: '2026-04-30', policy }, '2026-04-15');
const publish = (covers: 'result' | 'implementation', extra: Partial<Cmd.PublishResult['data']> = {}, on = '2026-03-25') =>
  cmd<Cmd.PublishResult>('PublishResult', { publicationId: 'pub-1', covers, contentHash: HASH, ...posting, policy, ...extra }, on);
const close = (on = '2026-05-04') => cmd<Cmd.CloseConsultation>('CloseConsultation', {}, on);

describe('consultation: implementation (晒方案/晒进度/晒成效)', () => {
  it('CS-12: the plan is published before work starts', () => spec.given(untilOpinion).when(plan()).then([planPublished]));
  it('CS-5: a plan before the opinion is out of order', () =>
    spec.given([solicited]).when(plan()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' }));
  it('CS-12: starting work without a published plan is out of order', () =>
    spec.given(untilOpinion).when(start()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-12' }));
  it('CS-3: work starts after the plan, carrying its due date', () => spec.given([...untilOpinion, planPublished]).when(start()).then([started]));
  it('starting twice changes nothing', () => spec.given([...untilOpinion, planPublished, started]).when(start('2026-04-02')).thenNothingHappened());
  it('progress is reported with a percentage that never falls', () =>
    spec.given([...untilOpinion, planPublished, started]).when(progress(40)).thenContains([{ type: 'ImplementationProgressReported' }]));
  it('a falling percentage is refused', () =>
    spec.given([...untilOpinion, planPublished, started, ev('ImplementationProgressReported', { milestone: 'm', percent: 50, channels: ['online_forum'], postedFrom: '2026-04-10', postedUntil: '2026-04-30' }, '2026-04-10')])
      .when(progress(40)).thenThrows(ValidationError));
  it('CS-3: completion is recorded with satisfaction counts and its publication deadline', () =>
    spec.given([...untilOpinion, planPublished, started]).when(cmd<Cmd.CompleteImplementation>('CompleteImplementation', {
      resultsHash: HASH, satisfaction: { satisfied: 30, neutral: 5, dissatisfied: 2 }, channels: ['notice_board'], postedFrom: '2026-05-01', postedUntil: '2026-05-20', policy,
    }, '2026-05-01')).then([completed]));
});

describe('consultation: publication (CS-4, CS-12, PD-3)', () => {
  it('CS-4: the result is published on the locality channel for 15 days or more', () =>
    spec.given(untilOpinion).when(publish('result')).then([resultPublished]));
  it('PD-3: a 10-day posting on or after the 2025 switch date is refused', () =>
    spec.given(untilOpinion).when(publish('result', { postedFrom: '2026-03-25', postedUntil: '2026-04-04' }))
      .thenThrows(RuleViolationError, { code: 'CONSULTATION.POSTING_TOO_SHORT', rule: 'PD-3' }));
  it('PD-3: a 10-day posting before the switch date is accepted (2018 text)', () =>
    spec.given(untilOpinion).when(publish('result', { postedFrom: '2026-03-25', postedUntil: '2026-04-04', switchDate: '2026-06-01' }))
      .thenContains([{ type: 'ResultPublished' }]));
  it('PD-3: exactly 15 days is enough (first day not counted)', () =>
    spec.given(untilOpinion).when(publish('result', { postedFrom: '2026-03-25', postedUntil: '2026-04-09' })).thenContains([{ type: 'ResultPublished' }]));
  it('CS-12: a channel the locality does not use is refused', () =>
    spec.given(untilOpinion).when(publish('result', { channels: ['wechat_group'] })).thenThrows(RuleViolationError, { code: 'CONSULTATION.CHANNEL_NOT_IN_POLICY', rule: 'CS-12' }));
  it('CS-4: publishing the implementation before it is completed is out of order', () =>
    spec.given([...untilOpinion, planPublished, started]).when(publish('implementation', {}, '2026-04-02'))
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-4' }));
  it('CS-4: the implementation is published after completion with its own deadline', () =>
    spec.given([...untilOpinion, planPublished, resultPublished, started, completed])
      .when(publish('implementation', { publicationId: 'pub-2', contentHash: HASH_B, postedFrom: '2026-05-02', postedUntil: '2026-05-20' }, '2026-05-02'))
      .then([implementationPublished]));
});

describe('consultation: commissioned matters (CS-11)', () => {
  const commissioned = [solicited, topicOf({ commissioned: true }), determined, notified, held, opinion];
  const report = cmd<Cmd.ReportToCommissioner>('ReportToCommissioner', { reportHash: HASH }, '2026-03-22');
  it('CS-11: the result is reported to the commissioner', () =>
    spec.given(commissioned).when(report).then([ev('ReportedToCommissioner', { commissioner: 'dept-housing', reportHash: HASH }, '2026-03-22')]));
  it('CS-11: a matter nobody commissioned is not reported', () =>
    spec.given(untilOpinion).when(report).thenThrows(IllegalStateError, { code: 'CONSULTATION.NOT_COMMISSIONED', rule: 'CS-11' }));
  it('CS-11: feedback before the report is out of order', () =>
    spec.given(commissioned).when(cmd<Cmd.RecordCommissionerFeedback>('RecordCommissionerFeedback', { feedbackHash: HASH }, '2026-03-22'))
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-11' }));
  it('CS-11: a commissioned matter cannot close without the commissioner\'s feedback', () =>
    spec.given([...commissioned, planPublished, resultPublished, started, completed, implementationPublished, feedback]).when(close())
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.CANNOT_CLOSE', rule: 'CS-11' }));
});

describe('consultation: feedback and closure (CS-3, CS-4, CS-5, CS-9)', () => {
  const give = (informed = ['p-1', 'p-2', 'p-3']) => cmd<Cmd.GiveFeedback>('GiveFeedback', { informed, channel: 'sms' }, '2026-05-03');
  it('CS-5: participants get feedback once result and implementation are published', () =>
    spec.given(untilFeedback.slice(0, -1)).when(give()).then([feedback]));
  it('CS-5: feedback before the implementation is published is out of order', () =>
    spec.given([...untilOpinion, resultPublished]).when(give()).thenThrows(IllegalStateError, { rule: 'CS-5' }));
  it('CS-5: feedback that leaves a participant out is refused', () =>
    spec.given(untilFeedback.slice(0, -1)).when(give(['p-1'])).thenThrows(RuleViolationError, { rule: 'CS-5' }));
  it('CS-5: a complete consultation closes', () => spec.given(untilFeedback).when(close()).then([ev('ConsultationClosed', {}, '2026-05-04')]));
  it('closing twice changes nothing', () => spec.given([...untilFeedback, ev('ConsultationClosed', {}, '2026-05-04')]).when(close()).thenNothingHappened());
  it('CS-4: a concluded consultation never published cannot close', () =>
    spec.given([...untilOpinion, planPublished, started, completed]).when(close()).thenThrows(IllegalStateError, { code: 'CONSULTATION.CANNOT_CLOSE', rule: 'CS-4' }));
  it('CS-3: an opinion never implemented cannot close', () =>
    spec.given([...untilOpinion, resultPublished]).when(close()).thenThrows(IllegalStateError, { code: 'CONSULTATION.CANNOT_CLOSE', rule: 'CS-3' }));
  it('CS-3: a referred matter cannot close before the meeting decision', () =>
    spec.given([solicited, topicOf(), determined, notified, held, ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'r', contested: false }, '2026-03-21')])
      .when(close()).thenThrows(IllegalStateError, { code: 'CONSULTATION.CANNOT_CLOSE', rule: 'CS-3' }));
  it('CS-9: a matter with dissenters cannot close before they are briefed', () => {
    const withDissent = untilFeedback.map((e) => (e.type === 'OpinionFormed' ? { ...e, data: { ...e.data, dissenters: ['p-2'] } } : e));
    spec.given(withDissent).when(close()).thenThrows(IllegalStateError, { code: 'CONSULTATION.CANNOT_CLOSE', rule: 'CS-9' });
  });
  it('CS-3: a matter the meeting rejected closes once the result is published', () => {
    const rejected = [solicited, topicOf(), determined, notified, held,
      ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'r', contested: false }, '2026-03-21'),
      ev('MeetingDecisionRecorded', { meetingId: 'm', decisionId: 'd', adopted: false, decidedAt: '2026-04-05T04:00:00.000Z', implementationStartDue: '2026-05-05', publicationDue: '2026-04-15' }, '2026-04-06'),
      ev('ResultPublished', { publicationId: 'p', covers: 'result', contentHash: HASH, channels: ['notice_board'], postedFrom: '2026-04-07', postedUntil: '2026-04-30', due: '2026-04-15' }, '2026-04-07'),
      ev('FeedbackGiven', { informed: ['p-1', 'p-2', 'p-3'], channel: 'sms' }, '2026-04-08')];
    spec.given(rejected).when(close()).thenContains([{ type: 'ConsultationClosed' }]);
  });
});
