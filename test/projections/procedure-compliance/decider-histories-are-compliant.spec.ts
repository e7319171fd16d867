import { consultationDecider, type ConsultationCommand, type ConsultationEvent } from '../../../src/domain/consultation';
import type * as Cmd from '../../../src/domain/consultation/consultation.commands';
import type { RecordedEvent } from '../../../src/domain/shared';
import { listViolations } from '../../../src/projections/procedure-compliance/procedure-compliance.checker';
import { HASH, HASH_B, PARTY, TOWNSHIP_PARTY, cmd, iso, policy } from '../../domain/consultation.mother';
import { record } from '../consultations/recorded.mother';

/** Cross-check: what the decider accepts, the independent checker finds compliant (and vice versa for a waiver). */
const run = (commands: readonly ConsultationCommand[]): RecordedEvent[] => {
  let state = consultationDecider.initialState();
  const produced: [ConsultationEvent, { roles: readonly string[] }][] = [];
  for (const command of commands) {
    for (const event of consultationDecider.decide(command, state)) {
      state = consultationDecider.evolve(state, event);
      produced.push([event, { roles: command.metadata.actorRoles }]);
    }
  }
  return record('consultation-c-1', produced);
};

const posting = (from: string, until: string) => ({ channels: ['notice_board'], postedFrom: from, postedUntil: until, policy });
const path = (roles: readonly string[], topicExtra: Partial<Cmd.ProposeTopic['data']>, form: string): ConsultationCommand[] => [
  cmd<Cmd.SolicitOpinions>('SolicitOpinions', { communityId: 'comm-1', townshipId: 't-1', localityId: 'loc-1', communityKind: 'urban_community', timeZone: 'Asia/Shanghai', channel: 'survey', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 9 }, '2026-03-11'),
  cmd<Cmd.ProposeTopic>('ProposeTopic', { title: 'Lights', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false, commissioner: null, policy, ...topicExtra }, '2026-03-12', roles),
  cmd<Cmd.DetermineParticipants>('DetermineParticipants', { participants: [{ personRef: 'p-1', category: 'registered_resident' }, { personRef: 'p-2', category: 'owners_committee' }] }, '2026-03-13', roles),
  cmd<Cmd.InviteExpert>('InviteExpert', { personRef: 'x-1', field: 'electrical' }, '2026-03-13'),
  cmd<Cmd.NotifyContent>('NotifyContent', { notified: ['p-1', 'p-2', 'x-1'], channels: ['sms'], sessionPlannedAt: iso('2026-03-20'), policy }, '2026-03-14'),
  cmd<Cmd.HoldConsultation>('HoldConsultation', { form, attendance: ['p-1', 'p-2'], views: [{ personRef: 'p-1', position: 'for', text: null }, { personRef: 'p-2', position: 'against', text: 'cost' }], minutesHash: HASH, policy }, '2026-03-20'),
  cmd<Cmd.ReferToMeeting>('ReferToMeeting', { meetingKind: 'residents_meeting', reason: 'contested', policy }, '2026-03-21'),
  cmd<Cmd.BriefDissenters>('BriefDissenters', { dissenters: ['p-2'], channel: 'visit' }, '2026-03-22'),
  cmd<Cmd.RecordMeetingDecision>('RecordMeetingDecision', { meetingId: 'm-1', decisionId: 'd-1', adopted: true, decidedAt: iso('2026-04-05'), policy }, '2026-04-06'),
  cmd<Cmd.PublishResult>('PublishResult', { publicationId: 'r', covers: 'result', contentHash: HASH, ...posting('2026-04-07', '2026-04-30') }, '2026-04-07'),
  cmd<Cmd.PublishImplementationPlan>('PublishImplementationPlan', { planHash: HASH, ...posting('2026-04-08', '2026-04-30') }, '2026-04-08'),
  cmd<Cmd.StartImplementation>('StartImplementation', {}, '2026-04-10'),
  cmd<Cmd.ReportImplementationProgress>('ReportImplementationProgress', { milestone: 'half', percent: 50, ...posting('2026-04-20', '2026-05-10') }, '2026-04-20'),
  cmd<Cmd.CompleteImplementation>('CompleteImplementation', { resultsHash: HASH_B, satisfaction: { satisfied: 8, neutral: 1, dissatisfied: 0 }, ...posting('2026-05-01', '2026-05-20') }, '2026-05-01'),
  cmd<Cmd.PublishResult>('PublishResult', { publicationId: 'i', covers: 'implementation', contentHash: HASH_B, ...posting('2026-05-02', '2026-05-20') }, '2026-05-02'),
  cmd<Cmd.GiveFeedback>('GiveFeedback', { informed: ['p-1', 'p-2', 'x-1'], channel: 'sms' }, '2026-05-03'),
  cmd<Cmd.CloseConsultation>('CloseConsultation', {}, '2026-05-04'),
];

describe('decider-accepted histories pass the independent compliance check', () => {
  const policyEvent = record('locality-policy-loc-1', [{ type: 'LocalityPolicyVersionAdopted', data: { ...policy, adoptedByRole: 'township_government', occurredAt: iso('2024-12-20') } } as unknown as ConsultationEvent]);

  it('CS-3, CS-9: a contested matter referred to the residents\' meeting, implemented, published and closed', () => {
    const events = run(path(PARTY, { technical: true }, 'council'));
    expect(events.map((e) => e.type)).toContain('ConsultationClosed');
    expect(listViolations([...policyEvent, ...events], { asOf: '2026-06-30' })).toEqual([]);
  });

  it('CS-6, CS-7: a cross-community, high-impact matter led by the township Party committee and held as a hearing', () => {
    const events = run(path(TOWNSHIP_PARTY, { crossCommunity: true, highImpact: true }, 'hearing').map((c) =>
      ({ ...c, metadata: { ...c.metadata, actorRoles: TOWNSHIP_PARTY } }) as ConsultationCommand));
    expect(events.map((e) => e.type)).toContain('ConsultationClosed');
    expect(listViolations([...policyEvent, ...events], { asOf: '2026-06-30' })).toEqual([]);
  });
});
