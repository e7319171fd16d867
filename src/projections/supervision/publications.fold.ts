import type { EventWithoutMetadata } from '../../domain/shared';
import { PUBLICATION_EVENT_TYPES, type PublicationEvent } from '../../domain/publication';
import { provenanceOf, type EntryProvenance } from '../projection';

/**
 * Read model `publications`: one row per publication with its whole record. The public board
 * serves only the published-content columns of posted rows (category, period, title, document
 * hash, channels, posting dates, corrections' titles and hashes); review comments, queries,
 * answers and person references are served only with a token.
 */
export type PublicationRow = {
  publicationId: string;
  communityId: string;
  category: string;
  periodFrom: string;
  periodTo: string;
  status: 'draft' | 'posted';
  title: string;
  documentHash: string;
  channels: string[];
  covers: string[];
  reviewRequired: boolean;
  review: 'not_required' | 'pending' | 'returned' | 'approved';
  draftRevision: number;
  postedFrom: string | null;
  postedUntil: string | null;
  postingDays: number | null;
  minimumPostingDays: number | null;
  ruleText: string | null;
  drafts: { draftRevision: number; title: string; documentHash: string; provenance: EntryProvenance }[];
  reviews: { draftRevision: number; decision: string; comments: string | null; reviewedAt: string; provenance: EntryProvenance }[];
  corrections: { correctionId: string; title: string; documentHash: string; reason: string; correctedAt: string; provenance: EntryProvenance }[];
  queries: { queryId: string; residentRef: string; question: string; askedAt: string; answer: string | null; answeredAt: string | null; provenance: EntryProvenance; answeredBy: EntryProvenance | null }[];
  postedBy: EntryProvenance | null;
};

export const canHandle: readonly string[] = PUBLICATION_EVENT_TYPES;

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { publicationId?: unknown }).publicationId;
  return canHandle.includes(event.type) && typeof id === 'string' ? id : null;
};

export const evolve = (row: PublicationRow | null, recorded: EventWithoutMetadata): PublicationRow | null => {
  if (!canHandle.includes(recorded.type)) return row;
  const event = { type: recorded.type, data: recorded.data } as PublicationEvent;
  const provenance = provenanceOf(recorded);
  if (event.type === 'PublicationDrafted') {
    if (row !== null) return row;
    const d = event.data;
    return {
      publicationId: d.publicationId, communityId: d.communityId, category: d.category, periodFrom: d.periodFrom, periodTo: d.periodTo, status: 'draft',
      title: d.title, documentHash: d.documentHash, channels: [...d.channels], covers: [...d.covers], reviewRequired: d.reviewRequired, review: d.reviewRequired ? 'pending' : 'not_required',
      draftRevision: 1, postedFrom: null, postedUntil: null, postingDays: null, minimumPostingDays: null, ruleText: null,
      drafts: [{ draftRevision: 1, title: d.title, documentHash: d.documentHash, provenance }], reviews: [], corrections: [], queries: [], postedBy: null,
    };
  }
  if (row === null) return row;
  switch (event.type) {
    case 'PublicationDraftRevised': {
      const d = event.data;
      return { ...row, title: d.title, documentHash: d.documentHash, channels: [...d.channels], draftRevision: d.draftRevision, review: row.reviewRequired ? 'pending' : 'not_required', drafts: [...row.drafts, { draftRevision: d.draftRevision, title: d.title, documentHash: d.documentHash, provenance }] };
    }
    case 'PublicationReviewed': {
      const d = event.data;
      return { ...row, review: d.decision, reviews: [...row.reviews, { draftRevision: d.draftRevision, decision: d.decision, comments: d.comments, reviewedAt: d.occurredAt, provenance }] };
    }
    case 'PublicationPosted': {
      const d = event.data;
      return { ...row, status: 'posted', postedFrom: d.postedFrom, postedUntil: d.postedUntil, postingDays: d.postingDays, minimumPostingDays: d.minimumPostingDays, ruleText: d.ruleText, postedBy: provenance };
    }
    case 'PublicationCorrected': {
      const d = event.data;
      return { ...row, corrections: [...row.corrections, { correctionId: d.correctionId, title: d.title, documentHash: d.documentHash, reason: d.reason, correctedAt: d.occurredAt, provenance }] };
    }
    case 'PublicationQueryRecorded': {
      const d = event.data;
      return { ...row, queries: [...row.queries, { queryId: d.queryId, residentRef: d.residentRef, question: d.question, askedAt: d.occurredAt, answer: null, answeredAt: null, provenance, answeredBy: null }] };
    }
    case 'PublicationQueryAnswered': {
      const d = event.data;
      return { ...row, queries: row.queries.map((q) => (q.queryId === d.queryId ? { ...q, answer: d.answer, answeredAt: d.occurredAt, answeredBy: provenance } : q)) };
    }
    default:
      return row;
  }
};
