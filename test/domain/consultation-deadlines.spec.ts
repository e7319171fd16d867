import { DeciderSpecification } from '../support/decider-specification';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../src/domain/shared';
import { consultationDecider } from '../../src/domain/consultation';
import type * as Cmd from '../../src/domain/consultation/consultation.commands';
import type { DeadlineStep } from '../../src/domain/consultation/consultation.events';
import { cmd, completed, ev, planPublished, resultPublished, started, untilOpinion } from './consultation.mother';

const spec = DeciderSpecification.for(consultationDecider);
const WATCHDOG = ['watchdog'];

/** The watchdog's command, sent on `on` (the mother's opinion: start due 2026-04-20, result publication due 2026-03-31). */
const missed = (step: DeadlineStep, dueOn: string, on: string, roles: readonly string[] = WATCHDOG) =>
  cmd<Cmd.RecordDeadlineMissed>('RecordDeadlineMissed', { step, dueOn }, on, roles, on);
const recorded = (step: DeadlineStep, rule: 'CS-3' | 'CS-12', dueOn: string, on: string) =>
  ev('ConsultationDeadlineMissed', { step, rule, dueOn, detectedOn: on }, on);

describe('consultation: missed deadlines recorded by the watchdog (CS-3, CS-12)', () => {
  describe('when settled', () => {
    it('CS-3: implementation not started by its due date is recorded the day after', () =>
      spec.given(untilOpinion).when(missed('implementation_start', '2026-04-20', '2026-04-21'))
        .then([recorded('implementation_start', 'CS-3', '2026-04-20', '2026-04-21')]));
    it('CS-12: the result not published by its due date is recorded', () =>
      spec.given(untilOpinion).when(missed('result_publication', '2026-03-31', '2026-04-02'))
        .then([recorded('result_publication', 'CS-12', '2026-03-31', '2026-04-02')]));
    it('CS-12: the implementation not published within the limit after completion is recorded', () =>
      spec.given([...untilOpinion, planPublished, resultPublished, started, completed]).when(missed('implementation_publication', '2026-05-11', '2026-05-12'))
        .then([recorded('implementation_publication', 'CS-12', '2026-05-11', '2026-05-12')]));
    it('CS-3: on the due date itself the deadline has not passed', () =>
      spec.given(untilOpinion).when(missed('implementation_start', '2026-04-20', '2026-04-20'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.DEADLINE_NOT_PASSED', rule: 'CS-3' }));
    it('CS-3: a started implementation is not a missed deadline', () =>
      spec.given([...untilOpinion, planPublished, started]).when(missed('implementation_start', '2026-04-20', '2026-04-25'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.DEADLINE_MET', rule: 'CS-3' }));
    it('CS-12: a published result is not a missed deadline', () =>
      spec.given([...untilOpinion, resultPublished]).when(missed('result_publication', '2026-03-31', '2026-04-02'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.DEADLINE_MET', rule: 'CS-12' }));
    it('CS-12: the implementation publication has no deadline before completion', () =>
      spec.given(untilOpinion).when(missed('implementation_publication', '2026-05-11', '2026-05-12'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-12' }));
    it('CS-3: a due date other than the recorded one is refused (a stale read model)', () =>
      spec.given(untilOpinion).when(missed('implementation_start', '2026-04-19', '2026-04-21'))
        .thenThrows(ValidationError, { rule: 'CS-3' }));
    it('CS-3: only the watchdog records a missed deadline', () =>
      spec.given(untilOpinion).when(missed('implementation_start', '2026-04-20', '2026-04-21', ['community_party_organisation@community:comm-1']))
        .thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_THE_WATCHDOG' }));
    it('CS-3: recording the same missed deadline again changes nothing', () =>
      spec.given([...untilOpinion, recorded('implementation_start', 'CS-3', '2026-04-20', '2026-04-21')])
        .when(missed('implementation_start', '2026-04-20', '2026-04-22')).thenNothingHappened());
    it('CS-3: the recorded miss stays a no-op after the step is done late', () =>
      spec.given([...untilOpinion, recorded('implementation_start', 'CS-3', '2026-04-20', '2026-04-21'), planPublished, ev('ImplementationStarted', { startDue: '2026-04-20' }, '2026-04-23')])
        .when(missed('implementation_start', '2026-04-20', '2026-04-24')).thenNothingHappened());
    it('a step recorded late may still precede the watchdog\'s observation', () =>
      spec.given([...untilOpinion, recorded('result_publication', 'CS-12', '2026-03-31', '2026-04-05')])
        .when(cmd<Cmd.PublishImplementationPlan>('PublishImplementationPlan', {
          planHash: 'a'.repeat(64), channels: ['notice_board'], postedFrom: '2026-04-01', postedUntil: '2026-04-20',
          policy: { localityId: 'loc-1', version: 1, effectiveFrom: '2025-01-01', catalogue: [], noticeLeadDays: 3, implementationStartDeadlineDays: 30, publicationDeadlineDays: 10, channels: ['notice_board'], extraConsultationForms: [], seriousContestPercent: 34 },
        }, '2026-04-01'))
        .thenContains([{ type: 'ImplementationPlanPublished' }]));
  });

  describe('before the outcome or after the end', () => {
    it('CS-3: no deadline runs while the consultation is being prepared', () =>
      spec.given(untilOpinion.slice(0, -1)).when(missed('implementation_start', '2026-04-20', '2026-04-21'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-3' }));
    it('CS-3: a rejected meeting decision leaves nothing to implement', () =>
      spec.given([...untilOpinion.slice(0, -1), ev('ReferredToMeeting', { meetingKind: 'residents_meeting', reason: 'contested', contested: true }, '2026-03-21'),
        ev('MeetingDecisionRecorded', { meetingId: 'm-1', decisionId: 'i-1', adopted: false, decidedAt: '2026-03-25T04:00:00.000Z', implementationStartDue: '2026-04-24', publicationDue: '2026-04-04' }, '2026-03-25')])
        .when(missed('implementation_start', '2026-04-24', '2026-04-25'))
        .thenThrows(IllegalStateError, { code: 'CONSULTATION.NOTHING_TO_IMPLEMENT', rule: 'CS-3' }));
  });
});
