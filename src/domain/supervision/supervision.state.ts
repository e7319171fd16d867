import { assertNever } from '../shared';
import type { CommunityKind } from '../rules';
import type { EligibilityConflict, SupervisionEvent, SupervisionMember } from './supervision.events';
import type { Kinship } from './supervision.vocabulary';
import type { AppraisalVerdict } from './appraisal.events';

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
  /** Each cadre's latest verdict and the appraisal it came from (SV-7 "consecutive"). */
  lastVerdicts: Readonly<Record<string, Readonly<{ verdict: AppraisalVerdict; appraisalId: string }>>>;
  lastOccurredAt: string | null;
}>;

export const initialState = (): Supervision => ({
  communityId: null, communityKind: null, committees: [], kinships: [], withdrawnKinshipIds: [], openConflicts: [], reportIds: [], fundsReceiptIds: [], publicationMisses: [], appraisalIds: [], lastVerdicts: {}, lastOccurredAt: null,
});

export const evolve = (state: Supervision, event: SupervisionEvent): Supervision => {
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
    case 'PublicationObligationMissed':
      return { ...state, communityId: next.communityId, publicationMisses: [...state.publicationMisses, `obligation:${event.data.obligationId}`] };
    default:
      return assertNever(event);
  }
};

/** The committees whose mandate covers a date (SV-4: it ends with the committee term). */
export const activeCommitteesOn = (state: Supervision, date: string): readonly SupervisionCommittee[] =>
  state.committees.filter((c) => c.mandateStartsOn <= date && date <= c.mandateEndsOn);
