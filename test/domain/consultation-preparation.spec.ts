import { DeciderSpecification } from '../support/decider-specification';
import { ForbiddenError, IllegalStateError, RuleViolationError, ValidationError } from '../../src/domain/shared';
import { consultationDecider, consultationUpcasters } from '../../src/domain/consultation';
import * as Cmd from '../../src/domain/consultation/consultation.commands';
import {
  COMMITTEE, HASH, PARTY, RESIDENT, TOWNSHIP_PARTY, cmd, determined, ev, held, iso, notified, participants, policy, solicited, topic, topicOf, untilHeld,
} from './consultation.mother';

const spec = DeciderSpecification.for(consultationDecider);

const solicit = (roles = PARTY, on = '2026-03-11') =>
  cmd<Cmd.SolicitOpinions>('SolicitOpinions', {
    communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'urban_community', timeZone: 'Asia/Shanghai',
    channel: 'door_to_door', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 42,
  }, on, roles);
const propose = (extra: Partial<Cmd.ProposeTopic['data']> = {}, roles = PARTY) =>
  cmd<Cmd.ProposeTopic>('ProposeTopic', {
    title: 'Street lights on Elm Lane', contentClass: 'public_affairs', catalogueEntry: 'greening',
    crossCommunity: false, technical: false, highImpact: false, commissioned: false, commissioner: null, policy, ...extra,
  }, '2026-03-12', roles);
const notify = (sessionOn: string, notifiedRefs = ['p-1', 'p-2', 'p-3']) =>
  cmd<Cmd.NotifyContent>('NotifyContent', { notified: notifiedRefs, channels: ['notice_board'], sessionPlannedAt: iso(sessionOn), policy }, '2026-03-14');
const hold = (form = 'council', on = '2026-03-20') =>
  cmd<Cmd.HoldConsultation>('HoldConsultation', {
    form, attendance: ['p-1', 'p-2'], views: [{ personRef: 'p-1', position: 'for', text: null }, { personRef: 'p-2', position: 'against', text: 'too costly' }],
    minutesHash: HASH, policy,
  }, on);

describe('consultation: opinions solicited (CS-5)', () => {
  it('CS-5: the Party organisation solicits opinions and starts the consultation', () =>
    spec.given([]).when(solicit()).then([solicited]));
  it('CS-5: a resident cannot organise a consultation', () =>
    spec.given([]).when(solicit(RESIDENT)).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('a Party organisation of another community is out of scope', () =>
    spec.given([]).when(solicit(['community_party_organisation@community:comm-9'])).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('occurredAt in the future is refused', () =>
    spec.given([]).when(solicit(PARTY, '2026-07-01')).thenThrows(ValidationError, { code: 'CONSULTATION.OCCURRED_IN_FUTURE' }));
  it('CS-5: soliciting twice is refused', () =>
    spec.given([solicited]).when(solicit()).thenThrows(IllegalStateError, { code: 'CONSULTATION.ALREADY_STARTED' }));
});

describe('consultation: topic proposed (CS-5, CS-7, CS-13)', () => {
  it('CS-5: the committee proposes a catalogue topic', () =>
    spec.given([solicited]).when(propose({}, COMMITTEE)).then([{ ...topic, data: { ...topic.data, proposerRole: 'community_committee' } }]));
  it('CS-5: a topic before opinions were solicited is out of order', () =>
    spec.given([]).when(propose()).thenThrows(IllegalStateError, { code: 'CONSULTATION.NOT_STARTED', rule: 'CS-5' }));
  it('CS-5: a topic proposed by a resident is refused', () =>
    spec.given([solicited]).when(propose({}, RESIDENT)).thenThrows(ForbiddenError, { code: 'CONSULTATION.NOT_AN_ORGANISER' }));
  it('CS-5: a single-community topic is proposed by the community, not the township Party committee (422, not 403)', () =>
    spec.given([solicited]).when(propose({}, TOWNSHIP_PARTY)).thenThrows(RuleViolationError, { code: 'CONSULTATION.PROPOSER_NOT_ALLOWED', rule: 'CS-5' }));
  it('CS-13: a topic outside the locality catalogue is refused', () =>
    spec.given([solicited]).when(propose({ catalogueEntry: 'parking' })).thenThrows(RuleViolationError, { code: 'CONSULTATION.NOT_IN_CATALOGUE', rule: 'CS-13' }));
  it('CS-13: an unknown content class is refused', () =>
    spec.given([solicited]).when(propose({ contentClass: 'gossip' })).thenThrows(ValidationError, { rule: 'CS-13' }));
  it('CS-7: a cross-community matter proposed by the community Party organisation is refused', () =>
    spec.given([solicited]).when(propose({ crossCommunity: true })).thenThrows(RuleViolationError, { code: 'CONSULTATION.TOWNSHIP_LEAD_REQUIRED', rule: 'CS-7' }));
  it('CS-7: the township Party committee proposes a cross-community matter', () =>
    spec.given([solicited]).when(propose({ crossCommunity: true }, TOWNSHIP_PARTY))
      .then([{ ...topicOf({ crossCommunity: true }), data: { ...topicOf({ crossCommunity: true }).data, proposerRole: 'township_party_committee' } }]));
  it('CS-7: a recorded deviation lets the community lead a cross-community matter', () => {
    const deviation = ev('ProcedureDeviationRecorded', { step: 'TownshipLead', rule: 'CS-7', reason: 'township delegated', recordedByRole: 'community_party_organisation' }, '2026-03-11');
    spec.given([solicited, deviation]).when(propose({ crossCommunity: true })).thenContains([{ type: 'TopicProposed' }]);
  });
  it('CS-5: a deviation skipping OpinionsSolicited opens the consultation, and the topic follows', () => {
    const deviation = ev('ProcedureDeviationRecorded', {
      step: 'OpinionsSolicited', rule: 'CS-5', reason: 'urgent flooding repair', recordedByRole: 'community_party_organisation',
      communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'urban_community', timeZone: 'Asia/Shanghai',
    }, '2026-03-11');
    spec.given([deviation]).when(propose()).then([topic]);
  });
  it('a policy of another locality is not in force', () =>
    spec.given([solicited]).when(propose({ policy: { ...policy, localityId: 'loc-2' } })).thenThrows(RuleViolationError, { code: 'CONSULTATION.POLICY_NOT_IN_FORCE', rule: 'CS-13' }));
  it('a policy version effective after the step is not in force', () =>
    spec.given([solicited]).when(propose({ policy: { ...policy, effectiveFrom: '2026-04-01' } })).thenThrows(RuleViolationError, { code: 'CONSULTATION.POLICY_NOT_IN_FORCE', rule: 'CS-13' }));
  it('a step dated before the previous step is refused (time never goes backwards)', () =>
    spec.given([ev('OpinionsSolicited', { ...solicited.data }, '2026-03-13')]).when(propose())
      .thenThrows(IllegalStateError, { code: 'CONSULTATION.OCCURRED_BEFORE_PREVIOUS_STEP' }));
});

describe('consultation: participants, experts and supervision (CS-5, CS-8, CS-14, SV-5)', () => {
  const determine = (people = participants, on = '2026-03-13') => cmd<Cmd.DetermineParticipants>('DetermineParticipants', { participants: people }, on);
  it('CS-14: participants are fixed by category', () => spec.given([solicited, topic]).when(determine()).then([determined]));
  it('CS-5: participants before the topic are out of order', () =>
    spec.given([solicited]).when(determine()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' }));
  it('CS-14: an unknown category is refused', () =>
    spec.given([solicited, topic]).when(determine([{ personRef: 'p-9', category: 'friend' }])).thenThrows(ValidationError, { rule: 'CS-14' }));
  it('CS-7: the township Party committee must lead the participants of a cross-community matter', () =>
    spec.given([solicited, topicOf({ crossCommunity: true })]).when(determine()).thenThrows(RuleViolationError, { code: 'CONSULTATION.TOWNSHIP_LEAD_REQUIRED', rule: 'CS-7' }));
  it('CS-5: participants cannot change after the content was notified', () =>
    spec.given([solicited, topic, determined, notified]).when(determine(participants, '2026-03-15')).thenThrows(IllegalStateError, { code: 'CONSULTATION.PARTICIPANTS_FIXED' }));
  it('CS-8: an expert is invited for a technical matter', () =>
    spec.given([solicited, topicOf({ technical: true }), determined])
      .when(cmd<Cmd.InviteExpert>('InviteExpert', { personRef: 'x-1', field: 'lighting engineering' }, '2026-03-13'))
      .then([ev('ExpertInvited', { personRef: 'x-1', field: 'lighting engineering' }, '2026-03-13')]));
  it('CS-8: inviting the same expert twice changes nothing', () =>
    spec.given([solicited, topic, determined, ev('ExpertInvited', { personRef: 'x-1', field: 'f' }, '2026-03-13')])
      .when(cmd<Cmd.InviteExpert>('InviteExpert', { personRef: 'x-1', field: 'f' }, '2026-03-13')).thenNothingHappened());
  it('SV-5: a supervision committee member is admitted at any stage', () =>
    spec.given(untilHeld).when(cmd<Cmd.AdmitSupervisionMember>('AdmitSupervisionMember', { personRef: 's-1' }, '2026-03-20', ['supervision_committee']))
      .then([ev('SupervisionMemberAdmitted', { personRef: 's-1' }, '2026-03-20')]));
  it('SV-5: admitting the same member twice changes nothing', () =>
    spec.given([solicited, ev('SupervisionMemberAdmitted', { personRef: 's-1' }, '2026-03-11')])
      .when(cmd<Cmd.AdmitSupervisionMember>('AdmitSupervisionMember', { personRef: 's-1' }, '2026-03-12')).thenNothingHappened());
  it('SV-5: a refusal is recorded as a fact for the compliance checker', () =>
    spec.given([solicited]).when(cmd<Cmd.RecordSupervisionAttendanceRefused>('RecordSupervisionAttendanceRefused', { personRef: 's-1', refusedByRole: 'community_committee', note: 'turned away at the door' }, '2026-03-12', ['supervision_committee']))
      .thenContains([{ type: 'SupervisionAttendanceRefused' }]));
});

describe('consultation: content notified (CS-5)', () => {
  const given = [solicited, topic, determined];
  it('CS-5: every participant is notified with the locality lead time', () => spec.given(given).when(notify('2026-03-20')).then([notified]));
  it('CS-5: a notice shorter than the locality lead time is refused', () =>
    spec.given(given).when(notify('2026-03-16')).thenThrows(RuleViolationError, { code: 'CONSULTATION.NOTICE_TOO_SHORT', rule: 'CS-5' }));
  it('CS-5: the lead-time boundary (3 days, first day not counted) is accepted', () =>
    spec.given(given).when(notify('2026-03-17')).thenContains([{ type: 'ContentNotified' }]));
  it('CS-5: leaving a participant out is refused', () =>
    spec.given(given).when(notify('2026-03-20', ['p-1'])).thenThrows(RuleViolationError, { code: 'CONSULTATION.PARTICIPANT_NOT_NOTIFIED', rule: 'CS-5' }));
  it('CS-5: notifying before participants are determined is out of order', () =>
    spec.given([solicited, topic]).when(notify('2026-03-20')).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' }));
});

describe('consultation: held (CS-5, CS-6, CS-15)', () => {
  const given = [solicited, topic, determined, notified];
  it('CS-5: the session is held after notice and records each view', () =>
    spec.given(given).when(hold()).thenContains([{ type: 'ConsultationHeld' }]));
  it('CS-5: holding before the content was notified is out of order', () =>
    spec.given([solicited, topic, determined]).when(hold()).thenThrows(IllegalStateError, { code: 'CONSULTATION.STEP_OUT_OF_ORDER', rule: 'CS-5' }));
  it('CS-5: a session earlier than the notice lead time is refused', () =>
    spec.given(given).when(hold('council', '2026-03-16')).thenThrows(RuleViolationError, { code: 'CONSULTATION.NOTICE_TOO_SHORT', rule: 'CS-5' }));
  it('CS-15: a form added by locality policy is accepted', () =>
    spec.given(given).when(hold('teahouse_meeting')).thenContains([{ type: 'ConsultationHeld' }]));
  it('CS-2, CS-15: a form neither national nor added by the locality is refused', () =>
    spec.given(given).when(hold('bbq')).thenThrows(RuleViolationError, { code: 'CONSULTATION.FORM_NOT_RECOGNISED', rule: 'CS-15' }));
  it('CS-6: a high-impact matter held as an ordinary council is refused', () =>
    spec.given([solicited, topicOf({ highImpact: true }), determined, notified]).when(hold()).thenThrows(RuleViolationError, { code: 'CONSULTATION.HEARING_REQUIRED', rule: 'CS-6' }));
  it('CS-6: a high-impact matter held as a democratic hearing is accepted', () =>
    spec.given([solicited, topicOf({ highImpact: true }), determined, notified]).when(hold('hearing')).thenContains([{ type: 'ConsultationHeld' }]));
  it('CS-5: a second session record is refused', () =>
    spec.given([...given, held]).when(hold()).thenThrows(IllegalStateError, { code: 'CONSULTATION.ALREADY_HELD' }));
});

describe('one notion of community: the consultation carries the registry\'s kind and time zone', () => {
  const solicitIn = (timeZone: string) => ({
    ...solicit(),
    data: { ...solicit().data, timeZone, periodTo: '2026-03-11' },
    metadata: { ...solicit().metadata, occurredAt: new Date('2026-03-11T01:00:00+08:00') },
  }) as Cmd.SolicitOpinions;
  it('CS-5: dates are local to the community: 01:00 in Shanghai is still 03-10 in Urumqi, so a period ending 03-11 has not ended there', () => {
    spec.given([]).when(solicitIn('Asia/Shanghai')).thenContains([{ type: 'OpinionsSolicited' }]);
    spec.given([]).when(solicitIn('Asia/Urumqi')).thenThrows(ValidationError, { rule: 'CS-5' });
  });
  it("a stored v1 opening reads in the registry's vocabulary: 'urban' becomes 'urban_community', the time zone the default", () => {
    const v1 = { ...solicited.data, communityKind: 'urban' } as Record<string, unknown>;
    delete v1['timeZone'];
    expect(consultationUpcasters.OpinionsSolicited[1](v1)).toEqual({ ...solicited.data, communityKind: 'urban_community', timeZone: 'Asia/Shanghai' });
    expect(consultationUpcasters.OpinionsSolicited[1]({ ...v1, communityKind: 'village' })).toMatchObject({ communityKind: 'village' });
    const deviation = { step: 'OpinionsSolicited', communityKind: 'urban' };
    expect(consultationUpcasters.ProcedureDeviationRecorded[1](deviation)).toEqual({ ...deviation, communityKind: 'urban_community', timeZone: 'Asia/Shanghai' });
    expect(consultationUpcasters.ProcedureDeviationRecorded[1]({ step: 'NoticeLeadTime' })).toEqual({ step: 'NoticeLeadTime' });
  });
});
