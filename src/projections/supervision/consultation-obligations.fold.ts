import { localDate, type EventWithoutMetadata } from '../../domain/shared';
import type { ObligationEntry } from './publication-obligations.fold';
import { provenanceOf } from '../projection';

/**
 * Read model `consultation_publication_obligations` (PD-1 ④ / PD-5 ⑤, CS-4, CS-12): a consultation's
 * result and its implementation must be published. Keyed by consultation: only the opening event
 * (OpinionsSolicited, or an opening ProcedureDeviationRecorded) names the community, so the row keeps
 * it from there. The covering publication is the consultation's ResultPublished; a miss is the
 * consultation watchdog's ConsultationDeadlineMissed (CS-12), not recorded a second time here.
 */
export type ConsultationObligationsRow = {
  consultationId: string;
  communityId: string | null;
  communityKind: string | null;
  timeZone: string | null;
  obligations: ObligationEntry[];
};

type Data = Record<string, unknown> & { consultationId: string; occurredAt: string };

export const canHandle: readonly string[] = ['OpinionsSolicited', 'ProcedureDeviationRecorded', 'OpinionFormed', 'MeetingDecisionRecorded', 'ImplementationCompleted', 'ResultPublished', 'ConsultationDeadlineMissed'];

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { consultationId?: unknown }).consultationId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

export const consultationObligationId = (consultationId: string, covers: 'result' | 'implementation'): string => `consultation:${consultationId}/${covers}`;

/** The PD rule by the community's kind: PD-1 ④ in villages, PD-5 ⑤ in urban communities (v1 events say `urban`). */
const ruleOf = (kind: string | null): string => (kind === 'village' ? 'PD-1' : 'PD-5');

export const evolve = (current: ConsultationObligationsRow | null, recorded: EventWithoutMetadata): ConsultationObligationsRow | null => {
  if (key(recorded) === null) return current;
  const d = recorded.data as Data;
  const row: ConsultationObligationsRow = current ?? { consultationId: d.consultationId, communityId: null, communityKind: null, timeZone: null, obligations: [] };
  const provenance = provenanceOf(recorded);
  const open = (covers: 'result' | 'implementation', dueBy: string): ConsultationObligationsRow => {
    const obligationId = consultationObligationId(d.consultationId, covers);
    if (row.obligations.some((o) => o.obligationId === obligationId)) return row;
    const openedOn = localDate(new Date(d.occurredAt), row.timeZone ?? 'Asia/Shanghai');
    const entry: ObligationEntry = {
      obligationId, source: covers === 'result' ? 'consultation_result' : 'consultation_implementation', rule: ruleOf(row.communityKind), category: 'consultation_results',
      openedOn, dueBy, provenance, coveredBy: null, missRecordedBy: null,
    };
    return { ...row, obligations: [...row.obligations, entry] };
  };
  const onObligation = (covers: string, change: (o: ObligationEntry) => ObligationEntry): ConsultationObligationsRow => {
    const id = consultationObligationId(d.consultationId, covers === 'implementation' || covers === 'implementation_publication' ? 'implementation' : 'result');
    return { ...row, obligations: row.obligations.map((o) => (o.obligationId === id ? change(o) : o)) };
  };
  switch (recorded.type) {
    case 'OpinionsSolicited':
    case 'ProcedureDeviationRecorded':
      if (typeof d['communityId'] !== 'string' || row.communityId !== null) return row;
      return { ...row, communityId: d['communityId'], communityKind: typeof d['communityKind'] === 'string' ? d['communityKind'] : null, timeZone: typeof d['timeZone'] === 'string' ? d['timeZone'] : null };
    case 'OpinionFormed':
      return open('result', String(d['publicationDue']));
    case 'MeetingDecisionRecorded':
      return open('result', String(d['publicationDue']));
    case 'ImplementationCompleted':
      return open('implementation', String(d['publicationDue']));
    case 'ResultPublished':
      return onObligation(String(d['covers']), (o) => (o.coveredBy === null ? { ...o, coveredBy: { publicationId: String(d['publicationId']), postedFrom: String(d['postedFrom']), provenance } } : o));
    case 'ConsultationDeadlineMissed': {
      const step = String(d['step']);
      if (step === 'implementation_start') return row;
      return onObligation(step, (o) => ({ ...o, missRecordedBy: provenance }));
    }
    default:
      return row;
  }
};
