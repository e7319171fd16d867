import { assertNever } from '../shared';
import type { CommunityKind } from '../rules';
import type { EligibilityConflict, SupervisionEvent, SupervisionMember } from './supervision.events';
import type { Kinship } from './supervision.vocabulary';
import type { AppraisalVerdict } from './appraisal.events';
import { evolveDeadlines, initialDeadlines, type SupervisionDeadlines } from './supervision.deadlines';
import type { ComplaintStatus } from './publication-complaint.events';
import type { VetoStatus } from './expenditure-control.events';

export type SupervisionCommittee = Readonly<{
  committeeId: string;
  termId: string;
  mandateStartsOn: string;
  mandateEndsOn: string;
  members: readonly SupervisionMember[];
}>;

export type Supervision = Readonly<{
  communityId: string | null;
  communityKind: CommunityKind | null;
  committees: readonly SupervisionCommittee[];
  kinships: readonly Kinship[];
  withdrawnKinshipIds: readonly string[];
  /** Conflicts recorded and not cleared, by conflict id. */
  openConflicts: readonly EligibilityConflict[];
  reportIds: readonly string[];
  fundsReceiptIds: readonly string[];
  /** `cadence:<category>:<period>` and `obligation:<id>` misses recorded by the watchdog. */
  publicationMisses: readonly string[];
  appraisalIds: readonly string[];
  casebook: Readonly<{ inquiries: Readonly<Record<string, 'raised' | 'answered'>>; findings: readonly string[]; rectifications: Readonly<Record<string, 'requested' | 'reported' | 'closed'>> }>;
  /** Each cadre's latest verdict and the appraisal it came from (SV-7 "consecutive"). */
  lastVerdicts: Readonly<Record<string, Readonly<{ verdict: AppraisalVerdict; appraisalId: string }>>>;
  /** PD-4 complaints: where each stands, the category to publish and the order it led to. */
  complaints: Readonly<Record<string, Readonly<{ status: ComplaintStatus; category: string; orderId: string | null }>>>;
  /** SV-15 vetoes by id: the expenditure, where the veto stands, the appeal date and the deciding item. */
  vetoes: Readonly<Record<string, Readonly<{ expenditureRef: string; status: VetoStatus; appealedOn: string | null; decidedBy: string | null }>>>;
  /** SV-13 vouchers by id: the committee's last co-signing decision and whether it is booked. */
  vouchers: Readonly<Record<string, Readonly<{ expenditureRef: string; countersign: 'signed' | 'refused' | null; committeeId: string | null; booked: boolean }>>>;
  lastOccurredAt: string | null;
  /** SV-7 appraisals held and missed, SV-12 rectification due dates (supervision.deadlines.ts). */
  deadlines: SupervisionDeadlines;
}>;

export const initialState = (): Supervision => ({
  communityId: null, communityKind: null, committees: [], kinships: [], withdrawnKinshipIds: [], openConflicts: [], reportIds: [], fundsReceiptIds: [], publicationMisses: [], appraisalIds: [], casebook: { inquiries: {}, findings: [], rectifications: {} }, lastVerdicts: {}, complaints: {}, vetoes: {}, vouchers: {}, lastOccurredAt: null, deadlines: initialDeadlines(),
});

export const evolve = (state: Supervision, event: SupervisionEvent): Supervision => ({ ...evolveSteps(state, event), deadlines: evolveDeadlines(state.deadlines, event) });

const evolveSteps = (state: Supervision, event: SupervisionEvent): Supervision => {
  const next = { ...state, communityId: state.communityId ?? event.data.communityId, lastOccurredAt: event.data.occurredAt };
  switch (event.type) {
    case 'SupervisionCommitteeConstituted': {
      const { committeeId, termId, mandateStartsOn, mandateEndsOn, members, communityKind } = event.data;
      return { ...next, communityKind, committees: [...state.committees, { committeeId, termId, mandateStartsOn, mandateEndsOn, members }] };
    }
    case 'KinshipDeclared': {
      const { kinshipId, personRef, relativeRef, relation } = event.data;
      return { ...next, kinships: [...state.kinships, { kinshipId, personRef, relativeRef, relation }] };
    }
    case 'KinshipWithdrawn':
      return { ...next, kinships: state.kinships.filter((k) => k.kinshipId !== event.data.kinshipId), withdrawnKinshipIds: [...state.withdrawnKinshipIds, event.data.kinshipId] };
    case 'SupervisionEligibilityConflictRecorded': {
      const { communityId: _c, detectedOn: _d, occurredAt: _o, ...conflict } = event.data;
      return { ...next, openConflicts: [...state.openConflicts, conflict] };
    }
    case 'SupervisionEligibilityConflictCleared':
      return { ...next, openConflicts: state.openConflicts.filter((c) => c.conflictId !== event.data.conflictId) };
    case 'MisconductReported':
      return { ...next, reportIds: [...state.reportIds, event.data.reportId] };
    case 'FundsReceiptRecorded':
      return { ...next, fundsReceiptIds: [...state.fundsReceiptIds, event.data.receiptId] };
    case 'PublicationCadenceMissed':
      return { ...state, communityId: next.communityId, publicationMisses: [...state.publicationMisses, `cadence:${event.data.category}:${event.data.period}`] };
    case 'AppraisalRecorded': {
      const verdicts = { ...state.lastVerdicts };
      for (const r of event.data.results) verdicts[r.cadreRef] = { verdict: r.verdict, appraisalId: event.data.appraisalId };
      return { ...next, appraisalIds: [...state.appraisalIds, event.data.appraisalId], lastVerdicts: verdicts };
    }
    case 'CadreMandateTerminated':
      return next;
    case 'InquiryRaised':
    case 'InquiryAnswered':
      return { ...next, casebook: { ...state.casebook, inquiries: { ...state.casebook.inquiries, [event.data.inquiryId]: event.type === 'InquiryRaised' ? 'raised' : 'answered' } } };
    case 'FindingRecorded':
      return { ...next, casebook: { ...state.casebook, findings: [...state.casebook.findings, event.data.findingId] } };
    case 'RectificationRequested':
    case 'RectificationReported':
    case 'RectificationClosed': {
      const status = event.type === 'RectificationRequested' ? 'requested' : event.type === 'RectificationReported' ? 'reported' : 'closed';
      return { ...next, casebook: { ...state.casebook, rectifications: { ...state.casebook.rectifications, [event.data.rectificationId]: status } } };
    }
    case 'AppraisalNotHeld':
    case 'RectificationOverdue':
      return { ...state, communityId: next.communityId };
    case 'PublicationObligationMissed':
      return { ...state, communityId: next.communityId, publicationMisses: [...state.publicationMisses, `obligation:${event.data.obligationId}`] };
    case 'PublicationComplaintFiled':
      return { ...next, complaints: { ...state.complaints, [event.data.complaintId]: { status: 'filed', category: event.data.category, orderId: null } } };
    case 'PublicationInvestigationOpened':
    case 'PublicationComplaintFindingRecorded':
    case 'PublicationOrdered': {
      const c = state.complaints[event.data.complaintId];
      if (c === undefined) return next;
      const status = event.type === 'PublicationInvestigationOpened' ? 'investigating' : event.type === 'PublicationOrdered' ? 'ordered' : event.data.finding;
      const orderId = event.type === 'PublicationOrdered' ? event.data.orderId : c.orderId;
      return { ...next, complaints: { ...state.complaints, [event.data.complaintId]: { ...c, status, orderId } } };
    }
    case 'ExpenditureVetoed':
      return { ...next, vetoes: { ...state.vetoes, [event.data.vetoId]: { expenditureRef: event.data.expenditureRef, status: 'vetoed', appealedOn: null, decidedBy: null } } };
    case 'ExpenditureVetoAppealed':
    case 'ExpenditureVetoAppealDecided': {
      const v = state.vetoes[event.data.vetoId];
      if (v === undefined) return next;
      const updated = event.type === 'ExpenditureVetoAppealed'
        ? { ...v, status: 'appealed' as const, appealedOn: event.data.appealedOn }
        : { ...v, status: event.data.result === 'veto_overturned' ? ('overturned' as const) : ('upheld' as const), decidedBy: `${event.data.decidedBy.meetingId}/${event.data.decidedBy.itemId}` };
      return { ...next, vetoes: { ...state.vetoes, [event.data.vetoId]: updated } };
    }
    case 'VoucherCountersigned':
      return { ...next, vouchers: { ...state.vouchers, [event.data.voucherId]: { expenditureRef: event.data.expenditureRef, countersign: event.data.decision, committeeId: event.data.committeeId, booked: false } } };
    case 'VoucherBooked': {
      const v = state.vouchers[event.data.voucherId] ?? { expenditureRef: event.data.expenditureRef, countersign: null, committeeId: null, booked: false };
      return { ...next, vouchers: { ...state.vouchers, [event.data.voucherId]: { ...v, booked: true } } };
    }
    default:
      return assertNever(event);
  }
};

/** The committees whose mandate covers a date (SV-4: it ends with the committee term). */
export const activeCommitteesOn = (state: Supervision, date: string): readonly SupervisionCommittee[] =>
  state.committees.filter((c) => c.mandateStartsOn <= date && date <= c.mandateEndsOn);
