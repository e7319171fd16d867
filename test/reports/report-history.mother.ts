import { consultationDecider, type ConsultationCommand, type ConsultationEvent } from '../../src/domain/consultation';
import type * as Cmd from '../../src/domain/consultation/consultation.commands';
import type { EventToAppend } from '../../src/application/ports/event-store.port';
import { uuidV7IdGenerator } from '../../src/infrastructure/serialization/uuid-v7-id-generator';
import { HASH, HASH_B, cmd, iso, policy } from '../domain/consultation.mother';

/**
 * A seeded history for the report tests: two townships (t-1 with villages v-1 and v-2, t-2 with the
 * urban community u-3) in county d-1, every procedure, and known violations planted in it. Each
 * planted violation is listed in PLANTED by what the compliance report must show for it.
 */
export type Planted = Readonly<{ procedure: string; rule: string; code: string; communityId: string; subject: string }>;

const NOW = '2026-06-30T00:00:00.000Z';
const tagged = new Map<string, string>();

const event = (type: string, data: Record<string, unknown>, roles: readonly string[] = ['township_government@township:t-1'], tag?: string): EventToAppend => {
  const eventId = uuidV7IdGenerator.newId();
  if (tag !== undefined) tagged.set(tag, eventId);
  const occurredAt = String(data.occurredAt);
  return {
    eventId, type, schemaVersion: 1, data,
    metadata: { actor: 'seed', actorRoles: roles, commandId: uuidV7IdGenerator.newId(), correlationId: 'seed', causationId: 'seed', occurredAt, recordedAt: NOW },
  };
};

/** The event id of a tagged seed event (the evidence a planted violation must cite). */
export const eventIdOf = (tag: string): string => tagged.get(tag)!;

const registered = (communityId: string, kind: string, townshipRef: string): EventToAppend =>
  event('CommunityRegistered', { communityId, kind, name: communityId, townshipRef, districtRef: 'd-1', timeZone: 'Asia/Shanghai', occurredAt: iso('2026-01-02') });

const roster = { sourceId: 'census', effectiveFrom: '2026-01-01', adults: 100, households: 40, members: 0, representatives: 0, residentGroups: 0 };
const convened = (meetingId: string, communityId: string, kind: string, on: string): EventToAppend =>
  event('MeetingConvened', {
    meetingId, communityId, communityKind: kind === 'residents_meeting' ? 'urban_community' : 'village', kind, groupId: null, residentsMode: null, scheduledFor: iso(on),
    timeZone: 'Asia/Shanghai', noticeDate: '2026-01-20', meetingDate: on, noticeDays: 10, noticeRule: null, minimumNoticeDays: null, urgencyReason: null,
    ruleText: '2018', roster, dischargedPetitionIds: [], occurredAt: iso('2026-01-20'),
  });
const attendance = (meetingId: string, communityId: string, kind: string, on: string, quorumMet: boolean): EventToAppend =>
  event('AttendanceRecorded', {
    meetingId, communityId, kind, heldOn: on, present: quorumMet ? 60 : 20, householdsRepresented: 30, observers: 0, attendeeRefs: [], observerRefs: [],
    quorumMet, quorumRule: 'VM-1', quorumFormula: 'present > adults/2', occurredAt: iso(on),
  });
const vote = (meetingId: string, communityId: string, kind: string, on: string, outcome: 'adopted' | 'rejected'): EventToAppend =>
  event('VoteRecorded', {
    meetingId, itemId: 'i-1', communityId, kind, matterType: 'other', reserved: false, yes: outcome === 'adopted' ? 40 : 10, no: outcome === 'adopted' ? 10 : 40, abstain: 0, present: 60,
    outcome, rule: 'VM-3', formula: 'yes > present/2', decidedOn: on, ruleText: '2018', occurredAt: iso(on),
  });

/** A consultation through the real decider: compliant, or with its feedback event left out of the stored history (CS-5). */
const consultation = (consultationId: string, communityId: string, withFeedback: boolean): EventToAppend[] => {
  const posting = (from: string, until: string) => ({ channels: ['notice_board'], postedFrom: from, postedUntil: until, policy });
  const commands: ConsultationCommand[] = [
    cmd<Cmd.SolicitOpinions>('SolicitOpinions', { communityId, townshipId: 't-1', localityId: 'loc-1', communityKind: 'urban_community', timeZone: 'Asia/Shanghai', channel: 'survey', periodFrom: '2026-03-01', periodTo: '2026-03-10', opinionsGathered: 9 }, '2026-03-11'),
    cmd<Cmd.ProposeTopic>('ProposeTopic', { title: 'Lights', contentClass: 'public_affairs', catalogueEntry: 'greening', crossCommunity: false, technical: false, highImpact: false, commissioned: false, commissioner: null, policy }, '2026-03-12'),
    cmd<Cmd.DetermineParticipants>('DetermineParticipants', { participants: [{ personRef: 'p-1', category: 'registered_resident' }, { personRef: 'p-2', category: 'owners_committee' }] }, '2026-03-13'),
    cmd<Cmd.NotifyContent>('NotifyContent', { notified: ['p-1', 'p-2'], channels: ['sms'], sessionPlannedAt: iso('2026-03-20'), policy }, '2026-03-14'),
    cmd<Cmd.HoldConsultation>('HoldConsultation', { form: 'council', attendance: ['p-1', 'p-2'], views: [{ personRef: 'p-1', position: 'for', text: null }, { personRef: 'p-2', position: 'for', text: null }], minutesHash: HASH, policy }, '2026-03-20'),
    cmd<Cmd.FormOpinion>('FormOpinion', { summary: 'agreed', contentHash: HASH, resolved: true, policy }, '2026-03-21'),
    cmd<Cmd.PublishResult>('PublishResult', { publicationId: 'r', covers: 'result', contentHash: HASH, ...posting('2026-03-22', '2026-04-30') }, '2026-03-22'),
    cmd<Cmd.PublishImplementationPlan>('PublishImplementationPlan', { planHash: HASH, ...posting('2026-03-23', '2026-04-30') }, '2026-03-23'),
    cmd<Cmd.StartImplementation>('StartImplementation', {}, '2026-03-25'),
    cmd<Cmd.CompleteImplementation>('CompleteImplementation', { resultsHash: HASH_B, satisfaction: { satisfied: 8, neutral: 1, dissatisfied: 0 }, ...posting('2026-04-01', '2026-04-20') }, '2026-04-01'),
    cmd<Cmd.PublishResult>('PublishResult', { publicationId: 'i', covers: 'implementation', contentHash: HASH_B, ...posting('2026-04-02', '2026-04-20') }, '2026-04-02'),
    cmd<Cmd.GiveFeedback>('GiveFeedback', { informed: ['p-1', 'p-2'], channel: 'sms' }, '2026-04-03'),
    cmd<Cmd.CloseConsultation>('CloseConsultation', {}, '2026-04-04'),
  ];
  const roles = [`community_party_organisation@community:${communityId}`];
  let state = consultationDecider.initialState();
  const out: EventToAppend[] = [];
  for (const command of commands.map((c) => ({ ...c, metadata: { ...c.metadata, actorRoles: roles } }) as ConsultationCommand)) {
    for (const e of consultationDecider.decide(command, state) as ConsultationEvent[]) {
      state = consultationDecider.evolve(state, e);
      out.push(event(e.type, { ...e.data, consultationId }, roles, `${consultationId}:${e.type}`));
    }
  }
  // The decider refuses to close without feedback: the planted history drops it, as a faulty import would.
  return withFeedback ? out : out.filter((e) => e.type !== 'FeedbackGiven');
};

/** The seeded history as (stream, events) appends, in order. */
export const seedHistory = (): Array<[string, EventToAppend[]]> => [
  ['locality-policy-loc-1', [event('LocalityPolicyVersionAdopted', { ...policy, adoptedByRole: 'township_government', occurredAt: iso('2024-12-20') })]],
  ['community-v-1', [registered('v-1', 'village', 't-1')]],
  ['community-v-2', [registered('v-2', 'village', 't-1')]],
  ['community-u-3', [registered('u-3', 'urban_community', 't-2')]],
  // Meetings: a correction ordered (VM-12), a meeting without quorum, a missed cadence (VM-4), a court revocation (VM-13).
  ['meeting-m-1', [
    convened('m-1', 'v-1', 'villagers_meeting', '2026-02-01'), attendance('m-1', 'v-1', 'villagers_meeting', '2026-02-01', true), vote('m-1', 'v-1', 'villagers_meeting', '2026-02-01', 'adopted'),
    event('CorrectionOrdered', { meetingId: 'm-1', itemId: 'i-1', correctionId: 'cor-1', orderedByRole: 'township_government', authorityRef: 'gov', reason: 'unlawful', rule: 'VM-12', occurredAt: iso('2026-02-10') }, undefined, 'correction'),
  ]],
  ['meeting-m-2', [convened('m-2', 'v-2', 'villagers_meeting', '2026-02-02'), attendance('m-2', 'v-2', 'villagers_meeting', '2026-02-02', false)]],
  ['community-v-2', [event('MeetingCadenceMissed', { communityId: 'v-2', meetingKind: 'village_representatives_meeting', period: '2026-Q1', rule: 'VM-4', dueBy: '2026-03-31', detectedOn: '2026-04-01', occurredAt: iso('2026-04-01') }, undefined, 'cadence')]],
  ['meeting-m-3', [
    convened('m-3', 'u-3', 'residents_meeting', '2026-02-03'), attendance('m-3', 'u-3', 'residents_meeting', '2026-02-03', true), vote('m-3', 'u-3', 'residents_meeting', '2026-02-03', 'adopted'),
    event('DecisionRevokedByCourt', { meetingId: 'm-3', itemId: 'i-1', courtRef: 'court', judgmentRef: 'j-1', judgmentDate: '2026-03-01', reason: 'unlawful', rule: 'VM-13', occurredAt: iso('2026-03-01') }, undefined, 'revocation'),
  ]],
  // Publication: v-1 posts finance in Q1; v-2's miss of it is recorded (PD-2); a PD-1 obligation of v-1 missed.
  ['publication-p-1', [event('PublicationPosted', {
    publicationId: 'p-1', communityId: 'v-1', category: 'finance', periodFrom: '2026-01-01', periodTo: '2026-03-31', title: 'Q1 accounts', documentHash: HASH, channels: ['public_board'], covers: [],
    postedFrom: '2026-02-05', postedUntil: '2026-02-25', postingDays: 20, minimumPostingDays: null, ruleText: '2018', reviewedDraftRevision: null, occurredAt: iso('2026-02-05'),
  })]],
  ['supervision-v-2', [event('PublicationCadenceMissed', { communityId: 'v-2', category: 'finance', period: '2026-Q1', rule: 'PD-2', start: '2026-01-01', end: '2026-03-31', detectedOn: '2026-04-01', occurredAt: iso('2026-04-01') }, undefined, 'publication-cadence')]],
  ['supervision-v-1', [
    event('PublicationObligationMissed', { communityId: 'v-1', obligationId: 'funds:v-1/r-1', rule: 'PD-1', dueBy: '2026-03-31', detectedOn: '2026-04-01', occurredAt: iso('2026-04-01') }, undefined, 'obligation'),
    // Supervision: a committee, a conflict (SV-3), an inquiry and a rectification left open past their dates, an appraisal.
    event('SupervisionCommitteeConstituted', {
      communityId: 'v-1', communityKind: 'village', committeeId: 'sc-1', termId: 'term-1', mandateStartsOn: '2026-01-05', mandateEndsOn: '2030-12-31', members: [],
      electedBy: { meetingId: 'm-1', itemId: 'i-1', meetingKind: 'villagers_meeting', decidedOn: '2026-02-01' }, warnings: [], justification: null,
      eligibilityBasis: { officeHoldersRecordId: null, nearRelativeRelations: [], extendedExclusions: [] }, ruleText: '2018', occurredAt: iso('2026-01-05'),
    }),
    event('SupervisionEligibilityConflictRecorded', {
      conflictId: 'cf-1', committeeId: 'sc-1', memberRef: 'p-9', rule: 'SV-3', cause: 'near_relative', officeHolderRef: 'p-8', post: 'committee_director', kinshipId: 'k-1', relation: 'spouse',
      communityId: 'v-1', detectedOn: '2026-02-15', occurredAt: iso('2026-02-15'),
    }, undefined, 'conflict'),
    event('InquiryRaised', { communityId: 'v-1', committeeId: 'sc-1', inquiryId: 'q-1', domain: 'finance', subject: 's', question: 'q', answerDueBy: '2026-03-01', occurredAt: iso('2026-02-16') }),
    event('InquiryRaised', { communityId: 'v-1', committeeId: 'sc-1', inquiryId: 'q-2', domain: 'finance', subject: 's', question: 'q', answerDueBy: '2026-03-01', occurredAt: iso('2026-02-16') }),
    event('InquiryAnswered', { communityId: 'v-1', inquiryId: 'q-2', answer: 'a', occurredAt: iso('2026-02-20') }),
    event('FindingRecorded', { communityId: 'v-1', committeeId: 'sc-1', findingId: 'f-1', domain: 'finance', title: 't', documentHash: HASH, inquiryId: null, occurredAt: iso('2026-02-21') }),
    event('RectificationRequested', { communityId: 'v-1', findingId: 'f-1', rectificationId: 'r-1', requirement: 'fix', dueBy: '2026-03-15', occurredAt: iso('2026-02-21') }),
    event('AppraisalRecorded', {
      communityId: 'v-1', communityKind: 'village', appraisalId: 'a-1', year: '2026', hostedByCommitteeId: 'sc-1', meetingId: 'm-1', meetingKind: 'villagers_meeting', heldOn: '2026-02-01', threshold: 'majority',
      results: [
        { cadreRef: 'cad-1', competent: 50, basicallyCompetent: 5, incompetent: 5, verdict: 'competent', formula: '2*incompetent > votes' },
        { cadreRef: 'cad-2', competent: 5, basicallyCompetent: 5, incompetent: 50, verdict: 'incompetent', formula: '2*incompetent > votes' },
      ],
      publicationObligationId: null, occurredAt: iso('2026-02-01'),
    }),
  ]],
  // Work-item lists: list set j-1 over county d-1, two versions, three change requests, assignments, a separate assessment (WL-4).
  ['work-list-set-j-1', [
    event('WorkListSetEstablished', { jurisdictionId: 'j-1', name: 'j-1', communityKind: 'village', level: 'county', coveredAreaRefs: ['d-1'], levelDeviationReason: null, rule: 'WL-6', occurredAt: iso('2026-01-03') }),
    event('WorkListVersionPublished', { jurisdictionId: 'j-1', version: 1, effectiveFrom: '2026-01-04', publishedOn: '2026-01-03', source: { kind: 'import', importId: 'imp-1', sourceDocument: 'doc' }, changes: [{ op: 'add', itemId: 'I-1', item: null }, { op: 'add', itemId: 'I-2', item: null }, { op: 'add', itemId: 'I-3', item: null }], itemCount: 3, occurredAt: iso('2026-01-03') }),
    event('WorkListVersionPublished', { jurisdictionId: 'j-1', version: 2, effectiveFrom: '2026-03-01', publishedOn: '2026-02-20', source: { kind: 'change_request', changeRequestId: 'cr-1', approvedBy: 'board', approvedOn: '2026-02-15' }, changes: [{ op: 'add', itemId: 'I-4', item: null }], itemCount: 4, occurredAt: iso('2026-02-20') }),
  ]],
  ['work-list-change-cr-1', [
    changeFiled('cr-1', '2026-01-10', '2026-02-10'),
    event('ChangeRequestApproved', { changeRequestId: 'cr-1', approvingBody: 'board', reasons: 'ok', effectiveFrom: '2026-03-01', decidedOn: '2026-02-15', late: true, occurredAt: iso('2026-02-15') }, undefined, 'late-approval'),
  ]],
  ['work-list-change-cr-2', [
    changeFiled('cr-2', '2026-01-12', '2026-02-12'),
    event('ChangeRequestDecisionOverdue', { changeRequestId: 'cr-2', dueOn: '2026-02-12', detectedOn: '2026-02-13', occurredAt: iso('2026-02-13') }, undefined, 'overdue-decision'),
  ]],
  ['work-list-change-cr-3', [
    changeFiled('cr-3', '2026-01-14', '2026-02-14'),
    event('ChangeRequestRejected', { changeRequestId: 'cr-3', approvingBody: 'board', reasons: 'no', decidedOn: '2026-01-24', late: false, occurredAt: iso('2026-01-24') }),
  ]],
  ['work-assignment-a-1', [event('TaskAdmitted', { ...assignment('a-1', 'v-1'), list: 'duty', emergency: null })]],
  ['work-assignment-a-2', [
    event('TaskRefused', { ...assignment('a-2', 'v-2'), reason: 'not_on_list', rule: 'WL-1', message: 'not listed', exemptionExpired: null }),
  ]],
  ['work-assignment-a-3', [
    event('TaskAdmitted', { ...assignment('a-3', 'u-3'), list: 'duty', emergency: null }),
    event('AssignmentRefusedByCommunity', { assignmentId: 'a-3', communityId: 'u-3', citedItemId: null, citedCategory: null, reason: 'not ours', rule: '§5.3', refusedOn: '2026-02-03', occurredAt: iso('2026-02-03') }),
  ]],
  ['work-list-assessment-sa-1', [event('SeparateAssessmentRecorded', {
    assessmentId: 'sa-1', jurisdictionId: 'j-1', departmentRef: 'dept-a', title: 'ranking', heldOn: '2026-03-05', communityIds: ['v-1'], admittedItemIds: ['I-1'], listVersion: 2, rule: 'WL-4', violation: true, occurredAt: iso('2026-03-05'),
  }, undefined, 'assessment')]],
  // Consultations: c-1 in v-1 compliant; c-3 in u-3 closed without feedback (CS-5).
  ['consultation-c-1', consultation('c-1', 'v-1', true)],
  ['consultation-c-3', consultation('c-3', 'u-3', false)],
  // After c-1 closed: a correction by a body that may not correct (CS-10), judged after the end.
  ['consultation-c-1', [event('OutcomeCorrectedByGovernment', {
    consultationId: 'c-1', supersedes: 'opinion', correctionHash: HASH, legalBasis: 'art. 1', correctedByRole: 'community_committee', occurredAt: iso('2026-04-10'),
  }, ['community_committee@community:v-1'], 'late-correction')]],
];

function changeFiled(changeRequestId: string, filedOn: string, decisionDueOn: string): EventToAppend {
  return event('ChangeRequestFiled', {
    changeRequestId, jurisdictionId: 'j-1', departmentRef: 'dept-a', op: 'add', itemId: 'I-4', item: null, reasons: 'r', proposedEffectiveFrom: '2026-03-01', filedOn, policyVersion: 1,
    reviewingBody: 'group', approvingBody: 'board', reviewRequired: false, consultCommunities: false, applyLeadWorkingDays: 10, decisionDueOn, needsProvincialApproval: false, occurredAt: iso(filedOn),
  });
}

function assignment(assignmentId: string, communityId: string) {
  return { assignmentId, jurisdictionId: 'j-1', communityId, departmentRef: 'dept-a', itemId: 'I-1', taskCategory: null, title: 't', assignedOn: '2026-02-01', listVersion: 1, occurredAt: iso('2026-02-01') };
}

/** Every violation planted above: the compliance report must list exactly these (the consultation c-1 is clean). */
export const PLANTED: readonly Planted[] = [
  { procedure: 'meeting', rule: 'VM-12', code: 'CorrectionOrdered', communityId: 'v-1', subject: 'm-1/i-1' },
  { procedure: 'meeting', rule: 'VM-4', code: 'MeetingCadenceMissed', communityId: 'v-2', subject: '2026-Q1 village_representatives_meeting' },
  { procedure: 'meeting', rule: 'VM-13', code: 'DecisionRevokedByCourt', communityId: 'u-3', subject: 'm-3/i-1' },
  { procedure: 'supervision', rule: 'PD-2', code: 'PublicationCadenceMissed', communityId: 'v-2', subject: '2026-Q1 finance' },
  { procedure: 'supervision', rule: 'PD-1', code: 'PublicationObligationMissed', communityId: 'v-1', subject: 'funds:v-1/r-1' },
  { procedure: 'supervision', rule: 'SV-3', code: 'SupervisionEligibilityConflictRecorded', communityId: 'v-1', subject: 'sc-1/cf-1' },
  { procedure: 'work-lists', rule: '§5.3', code: 'WORK_LIST.DECISION_LATE', communityId: '', subject: 'j-1 cr-1' },
  { procedure: 'work-lists', rule: '§5.3', code: 'ChangeRequestDecisionOverdue', communityId: '', subject: 'j-1 cr-2' },
  { procedure: 'work-lists', rule: 'WL-4', code: 'SeparateAssessmentRecorded', communityId: 'v-1', subject: 'sa-1' },
  { procedure: 'consultation', rule: 'CS-5', code: 'CONSULTATION.NO_FEEDBACK', communityId: 'u-3', subject: 'c-3' },
  { procedure: 'consultation', rule: 'CS-10', code: 'CONSULTATION.CORRECTION_NOT_ALLOWED', communityId: 'v-1', subject: 'c-1' },
];
