import type { EventWithoutMetadata } from '../../domain/shared';
import type { PublicationPosted } from '../../domain/publication';
import type { AppraisalRecorded, FundsReceiptRecorded, PublicationCadenceMissed, PublicationObligationMissed, PublicationOrdered } from '../../domain/supervision';
import type { VoteRecorded } from '../../domain/meeting/meeting.events';
import { provenanceOf, type EntryProvenance } from '../projection';

export type ObligationEntry = {
  obligationId: string;
  source: 'meeting_decision' | 'funds_received' | 'urban_appraisal' | 'publication_order' | 'consultation_result' | 'consultation_implementation';
  /** PD-1 ① ② (villages), PD-5 ① ② (urban). */
  rule: string;
  category: string;
  openedOn: string;
  /** A date set by the opening event (PD-4 order); null: the policy's maximum lag, else the end of the quarter. */
  dueBy: string | null;
  provenance: EntryProvenance;
  coveredBy: { publicationId: string; postedFrom: string; provenance: EntryProvenance } | null;
  missRecordedBy: EntryProvenance | null;
};

/** Read model `publication_obligations`: per community, what must be published (PD-1, PD-5) and what the watchdog recorded as missed (PD-2). */
export type PublicationObligationsRow = {
  communityId: string;
  obligations: ObligationEntry[];
  cadenceMisses: { category: string; period: string; rule: string; start: string; end: string; detectedOn: string; provenance: EntryProvenance }[];
  /** Posting dates per category (the cadence's outside fact), with the publication ids. */
  posted: { publicationId: string; category: string; postedFrom: string }[];
};

export const canHandle: readonly string[] = ['VoteRecorded', 'FundsReceiptRecorded', 'AppraisalRecorded', 'PublicationOrdered', 'PublicationPosted', 'PublicationCadenceMissed', 'PublicationObligationMissed'];

export const key = (event: EventWithoutMetadata): string | null => {
  if (!canHandle.includes(event.type)) return null;
  if (event.type === 'VoteRecorded' && (event.data as { outcome?: unknown }).outcome !== 'adopted') return null;
  if (event.type === 'AppraisalRecorded' && (event.data as { publicationObligationId?: unknown }).publicationObligationId === null) return null;
  const id = (event.data as { communityId?: unknown }).communityId;
  return typeof id === 'string' ? id : null;
};

export const decisionObligationId = (meetingId: string, itemId: string): string => `decision:${meetingId}/${itemId}`;

type Handled = VoteRecorded | FundsReceiptRecorded | PublicationOrdered | AppraisalRecorded | PublicationPosted | PublicationCadenceMissed | PublicationObligationMissed;

export const evolve = (current: PublicationObligationsRow | null, recorded: EventWithoutMetadata): PublicationObligationsRow | null => {
  if (key(recorded) === null) return current;
  const event = { type: recorded.type, data: recorded.data } as Handled;
  const row = current ?? { communityId: event.data.communityId, obligations: [], cadenceMisses: [], posted: [] };
  const provenance = provenanceOf(recorded);
  const open = (entry: Omit<ObligationEntry, 'provenance' | 'coveredBy' | 'missRecordedBy' | 'dueBy'>, dueBy: string | null = null): PublicationObligationsRow =>
    row.obligations.some((o) => o.obligationId === entry.obligationId) ? row : { ...row, obligations: [...row.obligations, { ...entry, dueBy, provenance, coveredBy: null, missRecordedBy: null }] };
  switch (event.type) {
    case 'VoteRecorded': {
      const d = event.data;
      return open({ obligationId: decisionObligationId(d.meetingId, d.itemId), source: 'meeting_decision', rule: d.kind.startsWith('residents') ? 'PD-5' : 'PD-1', category: 'meeting_decisions', openedOn: d.decidedOn });
    }
    case 'FundsReceiptRecorded': {
      const d = event.data;
      return open({ obligationId: d.obligationId, source: 'funds_received', rule: 'PD-1', category: 'funds_and_materials', openedOn: d.receivedOn });
    }
    case 'AppraisalRecorded': {
      const d = event.data;
      return open({ obligationId: d.publicationObligationId ?? '', source: 'urban_appraisal', rule: 'SV-7', category: 'appraisal_results', openedOn: d.heldOn });
    }
    case 'PublicationOrdered': {
      // PD-4: the township's order is an obligation with its own due date, closed by the covering publication.
      const d = event.data;
      return open({ obligationId: d.obligationId, source: 'publication_order', rule: 'PD-4', category: d.category, openedOn: d.orderedOn }, d.dueBy);
    }
    case 'PublicationPosted': {
      const d = event.data;
      const obligations = row.obligations.map((o) => (d.covers.includes(o.obligationId) && o.coveredBy === null ? { ...o, coveredBy: { publicationId: d.publicationId, postedFrom: d.postedFrom, provenance } } : o));
      return { ...row, obligations, posted: [...row.posted, { publicationId: d.publicationId, category: d.category, postedFrom: d.postedFrom }] };
    }
    case 'PublicationCadenceMissed': {
      const { communityId: _c, occurredAt: _o, ...miss } = event.data;
      return { ...row, cadenceMisses: [...row.cadenceMisses, { ...miss, provenance }] };
    }
    case 'PublicationObligationMissed':
      return { ...row, obligations: row.obligations.map((o) => (o.obligationId === event.data.obligationId ? { ...o, missRecordedBy: provenance } : o)) };
    default:
      return row;
  }
};
