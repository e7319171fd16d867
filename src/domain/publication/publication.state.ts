import { assertNever } from '../shared';
import type { PublicationDrafted, PublicationEvent, PublicationPosted } from './publication.events';

export type ReviewStatus = 'not_required' | 'pending' | 'returned' | 'approved';

export type Draft = Readonly<{
  status: 'Draft';
  drafted: PublicationDrafted['data'];
  draftRevision: number;
  title: string;
  documentHash: string;
  channels: PublicationDrafted['data']['channels'];
  review: ReviewStatus;
  /** The draft revision the committee approved, if any. */
  approvedRevision: number | null;
  lastOccurredAt: string;
}>;

export type Posted = Readonly<{
  status: 'Posted';
  drafted: PublicationDrafted['data'];
  posted: PublicationPosted['data'];
  correctionIds: readonly string[];
  /** queryId -> answered. */
  queries: Readonly<Record<string, boolean>>;
  lastOccurredAt: string;
}>;

export type Publication = Readonly<{ status: 'NotDrafted' }> | Draft | Posted;

export const initialState = (): Publication => ({ status: 'NotDrafted' });

export const evolve = (state: Publication, event: PublicationEvent): Publication => {
  const occurredAt = event.data.occurredAt;
  switch (event.type) {
    case 'PublicationDrafted':
      if (state.status !== 'NotDrafted') return state;
      return {
        status: 'Draft', drafted: event.data, draftRevision: 1, title: event.data.title, documentHash: event.data.documentHash, channels: event.data.channels,
        review: event.data.reviewRequired ? 'pending' : 'not_required', approvedRevision: null, lastOccurredAt: occurredAt,
      };
    case 'PublicationDraftRevised':
      if (state.status !== 'Draft') return state;
      return {
        ...state, draftRevision: event.data.draftRevision, title: event.data.title, documentHash: event.data.documentHash, channels: event.data.channels,
        review: state.drafted.reviewRequired ? 'pending' : state.review === 'approved' ? 'not_required' : state.review, approvedRevision: null, lastOccurredAt: occurredAt,
      };
    case 'PublicationReviewed':
      if (state.status !== 'Draft') return state;
      return {
        ...state, review: event.data.decision, approvedRevision: event.data.decision === 'approved' ? event.data.draftRevision : null, lastOccurredAt: occurredAt,
      };
    case 'PublicationPosted':
      if (state.status !== 'Draft') return state;
      return { status: 'Posted', drafted: state.drafted, posted: event.data, correctionIds: [], queries: {}, lastOccurredAt: occurredAt };
    case 'PublicationCorrected':
      if (state.status !== 'Posted') return state;
      return { ...state, correctionIds: [...state.correctionIds, event.data.correctionId], lastOccurredAt: occurredAt };
    case 'PublicationQueryRecorded':
      if (state.status !== 'Posted') return state;
      return { ...state, queries: { ...state.queries, [event.data.queryId]: false }, lastOccurredAt: occurredAt };
    case 'PublicationQueryAnswered':
      if (state.status !== 'Posted') return state;
      return { ...state, queries: { ...state.queries, [event.data.queryId]: true }, lastOccurredAt: occurredAt };
    default:
      return assertNever(event);
  }
};
