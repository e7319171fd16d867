import type { ProjectedEvent } from '../../domain/shared';
import { CONSULTATION_EVENT_TYPES } from '../../domain/consultation/consultation.events';
import { asConsultationEvent, consultationKey, provenanceOf, type ConsultationStatus, type EntryProvenance } from './consultation-read-model';

/**
 * Read model `consultations`: one row per consultation for the list with its filters (community,
 * township, status, content class, overdue step). The runner adds provenance columns.
 */
export type ConsultationListRow = {
  consultationId: string;
  communityId: string;
  townshipId: string;
  localityId: string;
  communityKind: string;
  title: string | null;
  contentClass: string | null;
  catalogueEntry: string | null;
  crossCommunity: boolean;
  technical: boolean;
  highImpact: boolean;
  commissioned: boolean;
  status: ConsultationStatus;
  /** Type of the latest procedure step. */
  currentStep: string;
  startedAt: string;
  lastOccurredAt: string;
  deviations: number;
  outcome: 'opinion' | 'meeting_adopted' | 'meeting_rejected' | null;
  corrected: boolean;
  implementationStartDue: string | null;
  implementationStarted: boolean;
  implementationPercent: number;
  resultPublicationDue: string | null;
  resultPublished: boolean;
  implementationPublicationDue: string | null;
  implementationPublished: boolean;
  /** Deadlines the watchdog recorded as missed (ConsultationDeadlineMissed), with the event that shows each. */
  missedDeadlines: MissedDeadline[];
  /** When each deadline step was first done (occurredAt), so the watchdog judges by the date, not by "done now". */
  doneAt: Partial<Record<'implementation_start' | 'result_publication' | 'implementation_publication', string>>;
};

export type MissedDeadline = { step: string; rule: string; dueOn: string; detectedOn: string; provenance: EntryProvenance };

export const canHandle: readonly string[] = CONSULTATION_EVENT_TYPES;
export const key = consultationKey;

const opened = (data: { consultationId: string; communityId: string; townshipId: string; localityId: string; communityKind: string; occurredAt: string }, step: string, deviations: number): ConsultationListRow => ({
  consultationId: data.consultationId, communityId: data.communityId, townshipId: data.townshipId, localityId: data.localityId,
  communityKind: data.communityKind, title: null, contentClass: null, catalogueEntry: null,
  crossCommunity: false, technical: false, highImpact: false, commissioned: false,
  status: 'preparing', currentStep: step, startedAt: data.occurredAt, lastOccurredAt: data.occurredAt, deviations,
  outcome: null, corrected: false, implementationStartDue: null, implementationStarted: false, implementationPercent: 0,
  resultPublicationDue: null, resultPublished: false, implementationPublicationDue: null, implementationPublished: false,
  missedDeadlines: [], doneAt: {},
});

const firstDoneAt = (r: ConsultationListRow, step: keyof ConsultationListRow['doneAt'], occurredAt: string): ConsultationListRow['doneAt'] =>
  r.doneAt?.[step] !== undefined ? r.doneAt : { ...(r.doneAt ?? {}), [step]: occurredAt };

export const evolve = (row: ConsultationListRow | null, recorded: ProjectedEvent): ConsultationListRow | null => {
  const event = asConsultationEvent(recorded);
  if (event === null) return row;
  if (row === null) {
    if (event.type === 'OpinionsSolicited') return opened(event.data, event.type, 0);
    if (event.type === 'ProcedureDeviationRecorded' && event.data.communityId !== undefined) {
      const d = event.data;
      return opened({ ...d, communityId: d.communityId ?? '', townshipId: d.townshipId ?? '', localityId: d.localityId ?? '', communityKind: d.communityKind ?? '' }, event.type, 1);
    }
    return null;
  }
  const r: ConsultationListRow = {
    ...row,
    currentStep: event.type,
    lastOccurredAt: event.data.occurredAt > row.lastOccurredAt ? event.data.occurredAt : row.lastOccurredAt,
  };
  switch (event.type) {
    case 'TopicProposed': {
      const d = event.data;
      return { ...r, title: d.title, contentClass: d.contentClass, catalogueEntry: d.catalogueEntry, crossCommunity: d.crossCommunity, technical: d.technical, highImpact: d.highImpact, commissioned: d.commissioned };
    }
    case 'OpinionFormed':
      return { ...r, status: 'settled', outcome: 'opinion', implementationStartDue: event.data.implementationStartDue, resultPublicationDue: event.data.publicationDue };
    case 'ReferredToMeeting':
      return { ...r, status: 'referred' };
    case 'MeetingDecisionRecorded': {
      const adopted = event.data.adopted;
      return {
        ...r, status: 'settled', outcome: adopted ? 'meeting_adopted' : 'meeting_rejected',
        implementationStartDue: adopted ? event.data.implementationStartDue : null, resultPublicationDue: event.data.publicationDue,
      };
    }
    case 'ImplementationStarted':
      return { ...r, implementationStarted: true, doneAt: firstDoneAt(r, 'implementation_start', event.data.occurredAt) };
    case 'ImplementationProgressReported':
      return { ...r, implementationPercent: event.data.percent };
    case 'ImplementationCompleted':
      return { ...r, implementationPercent: 100, implementationPublicationDue: event.data.publicationDue };
    case 'ResultPublished':
      return event.data.covers === 'result'
        ? { ...r, resultPublished: true, doneAt: firstDoneAt(r, 'result_publication', event.data.occurredAt) }
        : { ...r, implementationPublished: true, doneAt: firstDoneAt(r, 'implementation_publication', event.data.occurredAt) };
    case 'ProcedureDeviationRecorded':
      return { ...r, deviations: r.deviations + 1 };
    case 'OutcomeCorrectedByGovernment':
      return { ...r, corrected: true };
    case 'ConsultationClosed':
      return { ...r, status: 'closed' };
    case 'ConsultationDeadlineMissed': {
      const { step, rule, dueOn, detectedOn } = event.data;
      // An observation, not a step: the current step stays what it was.
      return { ...r, currentStep: row.currentStep, missedDeadlines: [...(row.missedDeadlines ?? []), { step, rule, dueOn, detectedOn, provenance: provenanceOf(recorded) }] };
    }
    case 'ConsultationWithdrawn':
      return { ...r, status: 'withdrawn' };
    default:
      return r;
  }
};

////////// Queries over rows

export type OverdueStep = 'ImplementationStarted' | 'ResultPublished' | 'ImplementationPublished';

/** The watchdog's name (ConsultationDeadlineMissed.step) for each overdue step. */
export const DEADLINE_STEP_OF: Readonly<Record<OverdueStep, 'implementation_start' | 'result_publication' | 'implementation_publication'>> = {
  ImplementationStarted: 'implementation_start',
  ResultPublished: 'result_publication',
  ImplementationPublished: 'implementation_publication',
};

export type Overdue = { step: OverdueStep; due: string; recordedBy: EntryProvenance | null };

/**
 * Steps whose due date passed before `today` (a local date) with nothing done; `recordedBy` is the
 * provenance of the ConsultationDeadlineMissed event when the watchdog has recorded the miss.
 */
export const overdueSteps = (row: ConsultationListRow, today: string): Overdue[] => {
  if (row.status === 'withdrawn') return [];
  const recordedBy = (step: OverdueStep, due: string): EntryProvenance | null =>
    (row.missedDeadlines ?? []).find((m) => m.step === DEADLINE_STEP_OF[step] && m.dueOn === due)?.provenance ?? null;
  const late: Overdue[] = [];
  const check = (step: OverdueStep, due: string | null, done: boolean): void => {
    if (due !== null && !done && due < today) late.push({ step, due, recordedBy: recordedBy(step, due) });
  };
  check('ImplementationStarted', row.implementationStartDue, row.implementationStarted);
  check('ResultPublished', row.resultPublicationDue, row.resultPublished);
  check('ImplementationPublished', row.implementationPublicationDue, row.implementationPublished);
  return late;
};

export type ConsultationListFilter = Readonly<{
  communityId?: string;
  townshipId?: string;
  status?: ConsultationStatus;
  contentClass?: string;
  /** Any overdue step (`true`) or one in particular. */
  overdue?: true | OverdueStep;
}>;

export const matchesFilter = (row: ConsultationListRow, filter: ConsultationListFilter, today: string): boolean => {
  if (filter.communityId !== undefined && row.communityId !== filter.communityId) return false;
  if (filter.townshipId !== undefined && row.townshipId !== filter.townshipId) return false;
  if (filter.status !== undefined && row.status !== filter.status) return false;
  if (filter.contentClass !== undefined && row.contentClass !== filter.contentClass) return false;
  if (filter.overdue !== undefined) {
    const late = overdueSteps(row, today);
    if (filter.overdue === true ? late.length === 0 : !late.some((l) => l.step === filter.overdue)) return false;
  }
  return true;
};

export const filterConsultations = (rows: readonly ConsultationListRow[], filter: ConsultationListFilter, today: string): ConsultationListRow[] =>
  rows.filter((row) => matchesFilter(row, filter, today));
