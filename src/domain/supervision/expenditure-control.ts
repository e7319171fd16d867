import { NotFoundError, localDate, personalDataInRef, type Command, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, type CommunityKind, type MeetingKind } from '../rules';
import type { ExpenditureControlEvent } from './expenditure-control.events';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import { activeCommitteesOn, type Supervision } from './supervision.state';

type Tz = { communityId: string; timeZone: string };
/** The locality's switches in force (outside facts): SV-15 veto workflow, SV-13 co-signing. */
type PolicyFacts = { enabled: boolean; policyVersion: number | null };

export type VetoExpenditure = Command<'VetoExpenditure', Tz & { vetoId: string; expenditureRef: string; title: string; documentHash: string; grounds: string; policy: PolicyFacts }>;
export type AppealExpenditureVeto = Command<'AppealExpenditureVeto', Tz & { vetoId: string; appellantRef: string; grounds: string }>;
/** The appeal's meeting decision, read by the application from the meeting's stream. */
export type AppealDecisionFact = Readonly<{ meetingId: string; itemId: string; communityId: string; meetingKind: MeetingKind; outcome: 'adopted' | 'rejected' | null; status: string | null; decidedOn: string | null }>;
export type DecideExpenditureVetoAppeal = Command<'DecideExpenditureVetoAppeal', Tz & { vetoId: string; communityKind: CommunityKind; decision: AppealDecisionFact }>;
export type CountersignVoucher = Command<'CountersignVoucher', Tz & { voucherId: string; expenditureRef: string; decision: 'signed' | 'refused'; signerRef: string; comments?: string }>;
export type BookVoucher = Command<'BookVoucher', Tz & { voucherId: string; expenditureRef: string; documentHash: string; policy: { countersignRequired: boolean; policyVersion: number | null } }>;
export type ExpenditureControlCommand = VetoExpenditure | AppealExpenditureVeto | DecideExpenditureVetoAppeal | CountersignVoucher | BookVoucher;

const HASH = /^(sha256:)?[0-9a-f]{64}$/;
const APPEAL_KINDS: Readonly<Record<CommunityKind, readonly MeetingKind[]>> = {
  village: ['villagers_meeting', 'village_representatives_meeting'],
  urban_community: ['residents_meeting', 'residents_representatives_meeting'],
};

const required = (fields: Record<string, string>): FieldProblem[] => Object.entries(fields).filter(([, v]) => v.trim() === '').map(([field]) => ({ field, message: 'required' }));

const committeeInOffice = (state: Supervision, today: string, rule: string) => {
  const committee = activeCommitteesOn(state, today)[0];
  if (committee === undefined) throw new SupervisionStepNotAllowed('NO_ACTIVE_COMMITTEE', `No supervision committee is in office on ${today}`, rule);
  return committee;
};

/** A veto that stands: not overturned by the meeting (SV-15). */
export const standingVetoOf = (state: Supervision, expenditureRef: string): string | null =>
  Object.entries(state.vetoes).find(([, v]) => v.expenditureRef === expenditureRef && v.status !== 'overturned')?.[0] ?? null;

const vetoOf = (state: Supervision, vetoId: string) => {
  const veto = state.vetoes[vetoId];
  if (veto === undefined) throw new NotFoundError('SUPERVISION.UNKNOWN_VETO', `No veto ${vetoId}`);
  return veto;
};

/** SV-15 veto and appeal, SV-13 voucher co-signing: both locality-configurable (supervision policy). */
export const decideExpenditureControl = (command: ExpenditureControlCommand, state: Supervision): ExpenditureControlEvent[] => {
  const today = localDate(command.metadata.occurredAt, command.data.timeZone);
  switch (command.type) {
    case 'VetoExpenditure': {
      const d = command.data;
      if (state.vetoes[d.vetoId] !== undefined) return [];
      const problems = required({ expenditureRef: d.expenditureRef, title: d.title, grounds: d.grounds });
      if (!HASH.test(d.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      if (!d.policy.enabled) throw new SupervisionRuleViolation('VETO_NOT_IN_POLICY', 'The locality policy in force has no expenditure veto (SV-15 is a local rule)', 'SV-15', { policyVersion: d.policy.policyVersion });
      const committee = committeeInOffice(state, today, 'SV-15');
      const standing = standingVetoOf(state, d.expenditureRef);
      if (standing !== null) throw new SupervisionStepNotAllowed('EXPENDITURE_ALREADY_VETOED', `Expenditure ${d.expenditureRef} is under veto ${standing}`, 'SV-15');
      if (Object.values(state.vouchers).some((v) => v.expenditureRef === d.expenditureRef && v.booked)) {
        throw new SupervisionStepNotAllowed('VOUCHER_ALREADY_BOOKED', `Expenditure ${d.expenditureRef} is booked`, 'SV-15');
      }
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{
        type: 'ExpenditureVetoed',
        data: { communityId: d.communityId, committeeId: committee.committeeId, vetoId: d.vetoId, expenditureRef: d.expenditureRef, title: d.title.trim(), documentHash: d.documentHash, grounds: d.grounds.trim(), policyVersion: d.policy.policyVersion, vetoedOn: today, occurredAt },
      }];
    }
    case 'AppealExpenditureVeto': {
      const d = command.data;
      const veto = vetoOf(state, d.vetoId);
      if (veto.status === 'appealed') return [];
      if (veto.status !== 'vetoed') throw new SupervisionStepNotAllowed('VETO_NOT_APPEALABLE', `Veto ${d.vetoId} is ${veto.status}`, 'SV-15');
      const problems = required({ grounds: d.grounds });
      const personal = personalDataInRef(d.appellantRef);
      if (personal !== null) problems.push({ field: 'appellantRef', message: personal });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'ExpenditureVetoAppealed', data: { communityId: d.communityId, vetoId: d.vetoId, appellantRef: d.appellantRef, grounds: d.grounds.trim(), appealedOn: today, occurredAt } }];
    }
    case 'DecideExpenditureVetoAppeal': {
      const d = command.data;
      const veto = vetoOf(state, d.vetoId);
      const dec = d.decision;
      if ((veto.status === 'upheld' || veto.status === 'overturned') && veto.decidedBy === `${dec.meetingId}/${dec.itemId}`) return [];
      if (veto.status !== 'appealed') throw new SupervisionStepNotAllowed('VETO_NOT_APPEALED', `Veto ${d.vetoId} is ${veto.status}: only an appealed veto goes to a meeting`, 'SV-15');
      if (dec.communityId !== d.communityId) throw supervisionInvalid([{ field: 'decidedBy', message: `a decision of ${dec.communityId}, not of ${d.communityId}` }]);
      const allowed = APPEAL_KINDS[d.communityKind];
      if (!allowed.includes(dec.meetingKind)) throw new SupervisionRuleViolation('WRONG_APPEAL_MEETING', `Only a ${allowed.join(' or ')} decides an appeal`, 'SV-15', { meetingKind: dec.meetingKind });
      if (dec.outcome === null || dec.decidedOn === null) throw new SupervisionStepNotAllowed('APPEAL_NOT_DECIDED', `Agenda item ${dec.itemId} of meeting ${dec.meetingId} has no vote yet`, 'SV-15');
      if (veto.appealedOn !== null && dec.decidedOn < veto.appealedOn) {
        throw new SupervisionRuleViolation('DECIDED_BEFORE_APPEAL', `The decision of ${dec.decidedOn} predates the appeal of ${veto.appealedOn}`, 'SV-15');
      }
      const overturned = dec.outcome === 'adopted' && dec.status !== 'revoked';
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{
        type: 'ExpenditureVetoAppealDecided',
        data: { communityId: d.communityId, vetoId: d.vetoId, decidedBy: { meetingId: dec.meetingId, itemId: dec.itemId, meetingKind: dec.meetingKind, outcome: dec.outcome, decidedOn: dec.decidedOn }, result: overturned ? 'veto_overturned' : 'veto_upheld', occurredAt },
      }];
    }
    case 'CountersignVoucher': {
      const d = command.data;
      const voucher = state.vouchers[d.voucherId];
      if (voucher?.booked === true) throw new SupervisionStepNotAllowed('VOUCHER_ALREADY_BOOKED', `Voucher ${d.voucherId} is booked`, 'SV-13');
      if (voucher !== undefined && voucher.expenditureRef !== d.expenditureRef) throw supervisionInvalid([{ field: 'expenditureRef', message: `voucher ${d.voucherId} is for ${voucher.expenditureRef}` }]);
      if (voucher?.countersign === 'signed' && d.decision === 'signed') return [];
      const problems = required({ expenditureRef: d.expenditureRef });
      if (d.decision !== 'signed' && d.decision !== 'refused') problems.push({ field: 'decision', message: 'signed or refused' });
      const comments = d.comments?.trim() || null;
      if (d.decision === 'refused' && comments === null) problems.push({ field: 'comments', message: 'a refusal says why (SV-13 集体审查)' });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const committee = committeeInOffice(state, today, 'SV-13');
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{ type: 'VoucherCountersigned', data: { communityId: d.communityId, committeeId: committee.committeeId, voucherId: d.voucherId, expenditureRef: d.expenditureRef, decision: d.decision, signerRef: d.signerRef, comments, occurredAt } }];
    }
    case 'BookVoucher': {
      const d = command.data;
      const voucher = state.vouchers[d.voucherId];
      if (voucher?.booked === true) return [];
      const problems = required({ expenditureRef: d.expenditureRef });
      if (!HASH.test(d.documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
      if (voucher !== undefined && voucher.expenditureRef !== d.expenditureRef) problems.push({ field: 'expenditureRef', message: `voucher ${d.voucherId} is for ${voucher.expenditureRef}` });
      if (problems.length > 0) throw supervisionInvalid(problems);
      const standing = standingVetoOf(state, d.expenditureRef);
      if (standing !== null) throw new SupervisionRuleViolation('EXPENDITURE_VETOED', `Expenditure ${d.expenditureRef} is under veto ${standing} (SV-15); it is booked only if a meeting overturns the veto`, 'SV-15', { vetoId: standing });
      const signed = voucher?.countersign === 'signed' ? voucher.committeeId : null;
      if (d.policy.countersignRequired && signed === null) {
        throw new SupervisionRuleViolation('VOUCHER_NOT_COUNTERSIGNED', `Voucher ${d.voucherId} is ${voucher?.countersign === 'refused' ? 'refused' : 'not co-signed'} by the supervision committee (三签一章)`, 'SV-13', { policyVersion: d.policy.policyVersion });
      }
      const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
      return [{
        type: 'VoucherBooked',
        data: { communityId: d.communityId, voucherId: d.voucherId, expenditureRef: d.expenditureRef, documentHash: d.documentHash, bookedOn: today, countersignRequired: d.policy.countersignRequired, countersignedBy: signed, policyVersion: d.policy.policyVersion, occurredAt },
      }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
