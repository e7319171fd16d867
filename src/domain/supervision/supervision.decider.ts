import { assertNever, localDate, organicLawTextOn, personalDataInRef, NotFoundError, type Decider, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import type {
  ConstituteSupervisionCommittee,
  DeclareKinship,
  EligibilityFacts,
  RecheckSupervisionEligibility,
  ReportMisconduct,
  SupervisionCommand,
  WithdrawKinship,
} from './supervision.commands';
import { eligibilityConflicts } from './supervision.eligibility';
import { recordAppraisal } from './appraisal';
import { decideCasebook } from './casebook';
import { recordAppraisalNotHeld, recordRectificationOverdue } from './supervision.deadlines';
import { decidePublicationComplaint } from './publication-complaint';
import { decideExpenditureControl } from './expenditure-control';
import { recordFundsReceipt, recordPublicationCadenceMissed, recordPublicationObligationMissed } from './supervision.obligations';
import type { KinshipDeclared, KinshipWithdrawn, MisconductReported, SupervisionCommitteeConstituted, SupervisionEvent, SupervisionWarning } from './supervision.events';
import { activeCommitteesOn, evolve, initialState, type Supervision } from './supervision.state';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import { COMPETENCES, MEMBER_BASES, RELATIONS } from './supervision.vocabulary';

const ELECTING_KINDS = { village: ['villagers_meeting', 'village_representatives_meeting'], urban_community: ['residents_meeting', 'residents_representatives_meeting'] } as const;
const HASH = /^(sha256:)?[0-9a-f]{64}$/;

const memberProblems = (d: ConstituteSupervisionCommittee['data']): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const refs = d.members.map((m) => m.personRef);
  if (d.members.length === 0) problems.push({ field: 'members', message: 'at least one member' });
  if (new Set(refs).size !== refs.length) problems.push({ field: 'members', message: 'a person is listed twice' });
  const allowedBases = d.community.kind === 'village' ? ['villager'] : ['resident', 'community_worker'];
  d.members.forEach((m, i) => {
    const personal = personalDataInRef(m.personRef);
    if (personal !== null) problems.push({ field: `members[${i}].personRef`, message: personal });
    if (m.role !== 'director' && m.role !== 'member') problems.push({ field: `members[${i}].role`, message: 'director or member' });
    if (m.competences.some((c) => !COMPETENCES.includes(c))) problems.push({ field: `members[${i}].competences`, message: `each of ${COMPETENCES.join(', ')}` });
    if (!MEMBER_BASES.includes(m.basis) || !allowedBases.includes(m.basis)) {
      problems.push({ field: `members[${i}].basis`, message: d.community.kind === 'village' ? 'villager (SV-2: 在村民中推选)' : 'resident or community_worker (居 Art. 36)' });
    }
  });
  return problems;
};

/** SV-2: the right body elected them, by an adopted decision in force; SV-4: the mandate is the committee term. */
const electingDecision = (d: ConstituteSupervisionCommittee['data']) => {
  const dec = d.decision;
  const allowed: readonly string[] = ELECTING_KINDS[d.community.kind];
  if (dec.communityId !== d.communityId) throw supervisionInvalid([{ field: 'electedBy', message: `a decision of ${dec.communityId}, not of ${d.communityId}` }]);
  if (!allowed.includes(dec.meetingKind)) throw new SupervisionRuleViolation('WRONG_ELECTING_BODY', `Only a ${allowed.join(' or ')} elects the supervision committee`, 'SV-2', { meetingKind: dec.meetingKind });
  if (!dec.adopted || dec.decidedOn === null || dec.status === 'revoked' || dec.status === 'corrected') {
    throw new SupervisionRuleViolation('ELECTION_NOT_ADOPTED', 'The electing decision is not adopted and in force', 'SV-2', { outcome: dec.adopted, status: dec.status });
  }
  const term = d.community.terms.find((t) => t.termId === d.termId);
  if (term === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_TERM', `Committee term ${d.termId} is not recorded`);
  if (dec.decidedOn < term.startsOn || dec.decidedOn > term.endsOn) {
    throw new SupervisionRuleViolation('OUTSIDE_TERM', `The election on ${dec.decidedOn} lies outside term ${d.termId} (${term.startsOn}..${term.endsOn})`, 'SV-4');
  }
  return { decidedOn: dec.decidedOn, term };
};

const warningsOf = (d: ConstituteSupervisionCommittee['data'], directorRef: string): SupervisionWarning[] => {
  const warnings: SupervisionWarning[] = [];
  if (d.members.length < 3 || d.members.length > 5) warnings.push({ rule: 'SV-9', code: 'SIZE_OUTSIDE_3_TO_5', detail: `${d.members.length} members (一般由3至5人组成)` });
  if (d.eligibility.officeHolders.holders.some((h) => h.personRef === directorRef && h.post === 'party_secretary')) {
    warnings.push({ rule: 'SV-9', code: 'DIRECTOR_IS_PARTY_SECRETARY', detail: 'the director is the Party secretary (原则上不由村党组织书记兼任)' });
  }
  return warnings;
};

export const constituteSupervisionCommittee = (command: ConstituteSupervisionCommittee, state: Supervision): SupervisionCommitteeConstituted[] => {
  const d = command.data;
  if (state.committees.some((c) => c.committeeId === d.committeeId)) return [];
  const problems = memberProblems(d);
  if (problems.length > 0) throw supervisionInvalid(problems);
  const { decidedOn, term } = electingDecision(d);
  const directors = d.members.filter((m) => m.role === 'director');
  if (directors.length !== 1) throw new SupervisionRuleViolation('ONE_DIRECTOR', `A supervision committee has one director (设主任1名); ${directors.length} named`, 'SV-9');
  if (!d.members.some((m) => m.competences.length > 0)) throw new SupervisionRuleViolation('NO_FINANCE_OR_MANAGEMENT_COMPETENCE', 'At least one member must have finance or management competence', 'SV-2');
  const overlapping = activeCommitteesOn(state, decidedOn);
  if (overlapping.length > 0) throw new SupervisionStepNotAllowed('COMMITTEE_ALREADY_ACTIVE', `Committee ${overlapping[0]!.committeeId} is in office on ${decidedOn}`, 'SV-4');
  const conflicts = eligibilityConflicts(d.committeeId, d.members, state.kinships, d.eligibility);
  if (conflicts.length > 0) {
    const first = conflicts[0]!;
    throw new SupervisionRuleViolation('MEMBER_INELIGIBLE', `${first.memberRef} may not sit on the supervision committee (${first.cause === 'holds_post' ? `holds ${first.post}` : `${first.relation} of the ${first.post} ${first.officeHolderRef}`})`, first.rule, { conflicts });
  }
  const warnings = warningsOf(d, directors[0]!.personRef);
  const justification = d.justification?.trim() || null;
  if (warnings.length > 0 && justification === null) {
    throw new SupervisionRuleViolation('JUSTIFICATION_REQUIRED', `Record why: ${warnings.map((w) => w.detail).join('; ')}`, 'SV-9', { warnings });
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [
    {
      type: 'SupervisionCommitteeConstituted',
      data: {
        communityId: d.communityId,
        communityKind: d.community.kind,
        committeeId: d.committeeId,
        termId: term.termId,
        mandateStartsOn: decidedOn,
        mandateEndsOn: term.endsOn,
        members: d.members.map((m) => ({ personRef: m.personRef, role: m.role, competences: [...m.competences], basis: m.basis })),
        electedBy: { meetingId: d.decision.meetingId, itemId: d.decision.itemId, meetingKind: d.decision.meetingKind, decidedOn },
        warnings,
        justification,
        eligibilityBasis: { officeHoldersRecordId: d.eligibility.officeHolders.recordId, nearRelativeRelations: [...d.eligibility.nearRelativeRelations], extendedExclusions: [...d.eligibility.extendedExclusions] },
        ruleText: organicLawTextOn(decidedOn, d.ruleSwitchDate),
        occurredAt,
      },
    },
  ];
};

/**
 * Re-check (SV-3): every committee in office today against the office holders and kinships; a
 * conflict that appeared is recorded, one that went away is cleared. Emitted in the command that changes things.
 */
const recheck = (state: Supervision, facts: EligibilityFacts, today: string, occurredAt: string): SupervisionEvent[] => {
  const communityId = state.communityId ?? '';
  const active = activeCommitteesOn(state, today);
  const now = active.flatMap((c) => eligibilityConflicts(c.committeeId, c.members, state.kinships, facts));
  const open = new Set(state.openConflicts.map((c) => c.conflictId));
  const current = new Set(now.map((c) => c.conflictId));
  const recorded: SupervisionEvent[] = now
    .filter((c) => !open.has(c.conflictId))
    .map((c) => ({ type: 'SupervisionEligibilityConflictRecorded', data: { ...c, communityId, detectedOn: today, occurredAt } }));
  const cleared: SupervisionEvent[] = state.openConflicts
    .filter((c) => !current.has(c.conflictId))
    .map((c) => ({ type: 'SupervisionEligibilityConflictCleared', data: { communityId, committeeId: c.committeeId, conflictId: c.conflictId, detectedOn: today, occurredAt } }));
  return [...recorded, ...cleared];
};

export const declareKinship = (command: DeclareKinship, state: Supervision): SupervisionEvent[] => {
  const d = command.data;
  if (state.kinships.some((k) => k.kinshipId === d.kinshipId) || state.withdrawnKinshipIds.includes(d.kinshipId)) return [];
  const problems: FieldProblem[] = [];
  if (!RELATIONS.includes(d.relation)) problems.push({ field: 'relation', message: `one of ${RELATIONS.join(', ')}` });
  for (const field of ['personRef', 'relativeRef'] as const) {
    const personal = personalDataInRef(d[field]);
    if (personal !== null) problems.push({ field, message: personal });
  }
  if (d.personRef === d.relativeRef) problems.push({ field: 'relativeRef', message: 'a person is not their own relative' });
  if (problems.length > 0) throw supervisionInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  const declared: KinshipDeclared = { type: 'KinshipDeclared', data: { communityId: d.communityId, kinshipId: d.kinshipId, personRef: d.personRef, relativeRef: d.relativeRef, relation: d.relation, occurredAt } };
  const after = evolve({ ...state, communityId: d.communityId }, declared);
  return [declared, ...recheck(after, d.eligibility, localDate(command.metadata.occurredAt, d.timeZone), occurredAt)];
};

export const withdrawKinship = (command: WithdrawKinship, state: Supervision): SupervisionEvent[] => {
  const d = command.data;
  if (state.withdrawnKinshipIds.includes(d.kinshipId)) return [];
  if (!state.kinships.some((k) => k.kinshipId === d.kinshipId)) throw new NotFoundError('SUPERVISION.UNKNOWN_KINSHIP', `No kinship ${d.kinshipId} is declared`);
  if (d.reason.trim() === '') throw supervisionInvalid([{ field: 'reason', message: 'required' }]);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  const withdrawn: KinshipWithdrawn = { type: 'KinshipWithdrawn', data: { communityId: d.communityId, kinshipId: d.kinshipId, reason: d.reason.trim(), occurredAt } };
  return [withdrawn, ...recheck(evolve(state, withdrawn), d.eligibility, localDate(command.metadata.occurredAt, d.timeZone), occurredAt)];
};

export const recheckSupervisionEligibility = (command: RecheckSupervisionEligibility, state: Supervision): SupervisionEvent[] => {
  if (state.committees.length === 0) return [];
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return recheck(state, command.data.eligibility, localDate(command.metadata.occurredAt, command.data.timeZone), occurredAt);
};

/** SV-6: a report names both the government (乡镇人民政府/街道办事处 or county/district) and the supervisory organ (监察机关). */
export const reportMisconduct = (command: ReportMisconduct, state: Supervision): MisconductReported[] => {
  const d = command.data;
  if (state.reportIds.includes(d.reportId)) return [];
  const problems: FieldProblem[] = [];
  if (d.title.trim() === '') problems.push({ field: 'title', message: 'required' });
  if (!HASH.test(d.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
  if (d.governmentRef.trim() === '') problems.push({ field: 'governmentRef', message: 'required (SV-6)' });
  if (d.supervisoryOrganRef.trim() === '') problems.push({ field: 'supervisoryOrganRef', message: 'required (SV-6)' });
  if (problems.length > 0) throw supervisionInvalid(problems);
  const today = localDate(command.metadata.occurredAt, d.timeZone);
  const committee = activeCommitteesOn(state, today)[0];
  if (committee === undefined) throw new SupervisionStepNotAllowed('NO_ACTIVE_COMMITTEE', `No supervision committee is in office on ${today}`, 'SV-1');
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  return [{ type: 'MisconductReported', data: { communityId: d.communityId, committeeId: committee.committeeId, reportId: d.reportId, title: d.title.trim(), documentHash: d.documentHash, governmentRef: d.governmentRef, supervisoryOrganRef: d.supervisoryOrganRef, occurredAt } }];
};

export const decide = (command: SupervisionCommand, state: Supervision): SupervisionEvent[] => {
  const { type } = command;
  switch (type) {
    case 'ConstituteSupervisionCommittee':
      return constituteSupervisionCommittee(command, state);
    case 'DeclareKinship':
      return declareKinship(command, state);
    case 'WithdrawKinship':
      return withdrawKinship(command, state);
    case 'RecheckSupervisionEligibility':
      return recheckSupervisionEligibility(command, state);
    case 'ReportMisconduct':
      return reportMisconduct(command, state);
    case 'RecordFundsReceipt':
      return recordFundsReceipt(command, state.fundsReceiptIds);
    case 'RecordPublicationCadenceMissed':
      return recordPublicationCadenceMissed(command, state.publicationMisses);
    case 'RecordPublicationObligationMissed':
      return recordPublicationObligationMissed(command, state.publicationMisses);
    case 'RaiseInquiry':
    case 'AnswerInquiry':
    case 'RecordFinding':
    case 'RequestRectification':
    case 'ReportRectification':
    case 'CloseRectification':
      return decideCasebook(command, state);
    case 'RecordAppraisalNotHeld':
      return recordAppraisalNotHeld(command, state.deadlines);
    case 'RecordRectificationOverdue':
      return recordRectificationOverdue(command, state.deadlines);
    case 'FilePublicationComplaint':
    case 'OpenPublicationInvestigation':
    case 'RecordComplaintFinding':
    case 'OrderPublication':
      return decidePublicationComplaint(command, state);
    case 'VetoExpenditure':
    case 'AppealExpenditureVeto':
    case 'DecideExpenditureVetoAppeal':
    case 'CountersignVoucher':
    case 'BookVoucher':
      return decideExpenditureControl(command, state);
    case 'RecordAppraisal': {
      const entries = Object.entries(state.lastVerdicts);
      const previous = new Map(entries.map(([ref, v]) => [ref, v.verdict]));
      const lastOf = new Map(entries.map(([ref, v]) => [ref, v.appraisalId]));
      return recordAppraisal(command, state, previous, state.appraisalIds, lastOf);
    }
    default: {
      const _never: never = type;
      return assertNever(_never);
    }
  }
};

export const supervisionDecider: Decider<Supervision, SupervisionCommand, SupervisionEvent> = { initialState, evolve, decide };
