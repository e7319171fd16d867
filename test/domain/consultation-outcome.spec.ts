import { DeciderSpecification } from '../support/decider-specification';
import { ForbiddenError, IllegalStateError, RuleViolationError, ValidationError } from '../../src/domain/shared';
import { consultationDecider } from '../../src/domain/consultation';
import * as Cmd from '../../src/domain/consultation/consultation.commands';
import {
  HASH, PARTY, RESIDENT, TOWNSHIP_GOV, cmd, determined, ev, heldWith, iso, notified, opinion, policy, solicited, topic, untilFeedback, untilHeld, untilOpinion,
} from './consultation.mother';

const spec = DeciderSpecification.for(consultationDecider);

const form = (resolved = true) => cmd<Cmd.FormOpinion>('FormOpinion', { summary: 'Install 12 lights', contentHash: HASH, resolved, policy }, '2026-03-21');
const refer = (meetingKind = 'residents_representatives_meeting') =>
  cmd<Cmd.ReferToMeeting>('ReferToMeeting', { meetingKind, reason: 'seriously contested', policy }, '2026-03-21');
const decision = (adopted = true) =>
  cmd<Cmd.RecordMeetingDecision>('RecordMeetingDecision', { meetingId: 'm-1', decisionId: 'd-1', adopted, decidedAt: iso('2026-04-05'), policy }, '2026-04-06');
const beforeSession = [solicited, topic, determined, notified];
const oneAgainst = heldWith([{ personRef: 'p-1', position: 'for' }, { personRef: 'p-2', position: 'against' }, { personRef: 'p-3', position: 'for' }]);
const twoAgainst = heldWith([{ personRef: 'p-1', position: 'for' }, { personRef: 'p-2', position: 'against' }, { personRef: 'p-3', position: 'against' }]);
const referred = ev('ReferredToMeeting', { meetingKind: 'residents_representatives_meeting', reason: 'seriously contested', contested: true }, '2026-03-21');
const referredHistory = [...beforeSession, twoAgainst, referred];

describe('consultation: opinion formed (CS-5, CS-9)', () => {
  it('CS-5: a resolved, uncontested matter forms an opinion with its deadlines from the policy', () =>
    spec.given(untilHeld).when(form()).then([opinion]));
  it('CS-5: an opinion before the session is out of order', () =>
    spec.given(beforeSession).when(form()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' }));
  it('CS-9: one of three against stays below the 34% threshold; the dissenter is listed', () =>
    spec.given([...beforeSession, oneAgainst]).when(form()).thenContains([{ type: 'OpinionFormed', data: expect.objectContaining({ dissenters: ['p-2'] }) }]));
  it('CS-9: a seriously contested matter (two of three against) cannot be closed by an opinion', () =>
    spec.given([...beforeSession, twoAgainst]).when(form()).thenThrows(RuleViolationError, { code: 'CONSULTATION.REFERRAL_REQUIRED', rule: 'CS-9' }));
  it('CS-9: a matter the consultation could not resolve must be referred', () =>
    spec.given(untilHeld).when(form(false)).thenThrows(RuleViolationError, { code: 'CONSULTATION.REFERRAL_REQUIRED', rule: 'CS-9' }));
  it('CS-9: a recorded deviation allows the opinion on a contested matter', () => {
    const deviation = ev('ProcedureDeviationRecorded', { step: 'MeetingReferral', rule: 'CS-9', reason: 'meeting cannot convene before the flood season', recordedByRole: 'community_party_organisation' }, '2026-03-20');
    spec.given([...beforeSession, twoAgainst, deviation]).when(form()).thenContains([{ type: 'OpinionFormed' }]);
  });
  it('CS-5: once formed, the opinion is frozen', () =>
    spec.given(untilOpinion).when(form()).thenThrows(IllegalStateError, { code: 'CONSULTATION.OPINION_FROZEN' }));
  it('CS-3: a referred matter cannot be settled by an opinion of the organisers', () =>
    spec.given(referredHistory).when(form()).thenThrows(IllegalStateError, { code: 'CONSULTATION.AWAITING_MEETING_DECISION', rule: 'CS-3' }));
});

describe('consultation: referral and meeting decision (CS-3, CS-9)', () => {
  it('CS-9: a contested matter is referred to the residents\' representative meeting', () =>
    spec.given([...beforeSession, twoAgainst]).when(refer()).then([referred]));
  it('CS-9: an urban community cannot refer to a villagers\' meeting', () =>
    spec.given([...beforeSession, twoAgainst]).when(refer('villagers_meeting')).thenThrows(ValidationError, { rule: 'CS-9' }));
  it('CS-9: referring twice changes nothing', () => spec.given(referredHistory).when(refer()).thenNothingHappened());
  it('CS-3: the meeting decision settles the matter', () =>
    spec.given(referredHistory).when(decision()).then([ev('MeetingDecisionRecorded', {
      meetingId: 'm-1', decisionId: 'd-1', adopted: true, decidedAt: iso('2026-04-05'), implementationStartDue: '2026-05-05', publicationDue: '2026-04-15',
    }, '2026-04-06')]));
  it('CS-3: a meeting decision without a referral is out of order', () =>
    spec.given(untilHeld).when(decision()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-3' }));
  it('CS-3: the organisers cannot withdraw a referred matter', () =>
    spec.given(referredHistory).when(cmd<Cmd.WithdrawConsultation>('WithdrawConsultation', { reason: 'give up' }, '2026-03-22'))
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.AWAITING_MEETING_DECISION', rule: 'CS-3' }));
  it('CS-9: dissenters are briefed after the referral', () =>
    spec.given(referredHistory).when(cmd<Cmd.BriefDissenters>('BriefDissenters', { dissenters: ['p-2', 'p-3'], channel: 'home visit' }, '2026-03-22'))
      .thenContains([{ type: 'DissentersBriefed' }]));
  it('CS-9: briefing that leaves a dissenter out is refused', () =>
    spec.given(referredHistory).when(cmd<Cmd.BriefDissenters>('BriefDissenters', { dissenters: ['p-2'], channel: 'home visit' }, '2026-03-22'))
      .thenThrows(RuleViolationError, { code: 'CONSULTATION.DISSENTER_NOT_BRIEFED', rule: 'CS-9' }));
  it('CS-9: briefing before the outcome is out of order', () =>
    spec.given(untilHeld).when(cmd<Cmd.BriefDissenters>('BriefDissenters', { dissenters: [], channel: 'x' }, '2026-03-22'))
      .thenThrows(IllegalStateError, { rule: 'CS-9' }));
});

describe('consultation: withdrawal', () => {
  const withdraw = (on = '2026-03-15') => cmd<Cmd.WithdrawConsultation>('WithdrawConsultation', { reason: 'matter solved by the district' }, on);
  it('is allowed with a reason before the opinion', () =>
    spec.given([solicited, topic]).when(withdraw()).then([ev('ConsultationWithdrawn', { reason: 'matter solved by the district', stage: 'topic' }, '2026-03-15')]));
  it('CS-3: is refused after the opinion (implementation must follow)', () =>
    spec.given(untilOpinion).when(withdraw('2026-03-22')).thenThrows(IllegalStateError, { code: 'CONSULTATION.OPINION_FROZEN', rule: 'CS-3' }));
  it('withdrawing twice changes nothing', () =>
    spec.given([solicited, ev('ConsultationWithdrawn', { reason: 'x', stage: 'solicited' }, '2026-03-12')]).when(withdraw()).thenNothingHappened());
});

describe('consultation: correction by the township government (CS-10)', () => {
  const correct = (roles = TOWNSHIP_GOV) => cmd<Cmd.CorrectOutcome>('CorrectOutcome', { correctionHash: HASH, legalBasis: 'Land Administration Law Art. 4' }, '2026-06-01', roles);
  it('CS-10: the township government corrects a closed consultation; the original stays', () =>
    spec.given([...untilFeedback, ev('ConsultationClosed', {}, '2026-05-04')]).when(correct())
      .then([ev('OutcomeCorrectedByGovernment', { correctionHash: HASH, legalBasis: 'Land Administration Law Art. 4', supersedes: 'opinion', correctedByRole: 'township_government' }, '2026-06-01')]));
  it('CS-10: the Party organisation cannot correct a result', () =>
    spec.given(untilOpinion).when(correct(PARTY)).thenThrows(ForbiddenError, { code: 'CONSULTATION.CORRECTION_NOT_ALLOWED' }));
  it('CS-10: nothing to correct before an outcome', () =>
    spec.given(untilHeld).when(correct()).thenThrows(IllegalStateError, { rule: 'CS-10' }));
});

describe('consultation: procedure deviations', () => {
  const deviate = (step: string, roles = PARTY) => cmd<Cmd.RecordProcedureDeviation>('RecordProcedureDeviation', { step, reason: 'typhoon warning' }, '2026-03-15', roles);
  it('CS-6: skipping the hearing is recorded with reason, actor role and rule', () =>
    spec.given([solicited, topic]).when(deviate('HearingForm'))
      .then([ev('ProcedureDeviationRecorded', { step: 'HearingForm', reason: 'typhoon warning', rule: 'CS-6', recordedByRole: 'community_party_organisation' }, '2026-03-15')]));
  it('CS-4: a deviation skipping the publication is refused (law)', () =>
    spec.given([solicited]).when(deviate('ResultPublished')).thenThrows(RuleViolationError, { code: 'CONSULTATION.DEVIATION_NOT_ALLOWED', rule: 'CS-4' }));
  it('PD-3: a deviation shortening the posting period is refused (law)', () =>
    spec.given([solicited]).when(deviate('PostingPeriod')).thenThrows(RuleViolationError, { rule: 'PD-3' }));
  it('CS-3: a deviation skipping the meeting decision is refused (law)', () =>
    spec.given([solicited]).when(deviate('MeetingDecision')).thenThrows(RuleViolationError, { rule: 'CS-3' }));
  it('CS-5: a resident cannot record a deviation', () =>
    spec.given([solicited]).when(deviate('HearingForm', RESIDENT)).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('the same deviation twice changes nothing', () =>
    spec.given([solicited, ev('ProcedureDeviationRecorded', { step: 'HearingForm', reason: 'r', rule: 'CS-6', recordedByRole: 'community_party_organisation' }, '2026-03-12')])
      .when(deviate('HearingForm')).thenNothingHappened());
});
