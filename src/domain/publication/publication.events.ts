import type { Event } from '../shared';
import type { CommunityKind } from '../rules';
import type { Channel, PublicationCategory } from './publication.vocabulary';

/** Content by reference: the published document's hash and its title (published content, public). */
export type PublicationContent = Readonly<{ title: string; documentHash: string }>;

export type PublicationDrafted = Event<
  'PublicationDrafted',
  {
    publicationId: string;
    communityId: string;
    communityKind: CommunityKind;
    category: PublicationCategory;
    periodFrom: string;
    periodTo: string;
    title: string;
    documentHash: string;
    channels: readonly Channel[];
    /** Publication obligations (PD-1 ①②④, PD-4 orders, SV-7 urban) this publication discharges when posted. */
    covers: readonly string[];
    /** PD-8 / SV-14: the locality's policy in force asks a supervision-committee review first. */
    reviewRequired: boolean;
    policyVersion: number | null;
    occurredAt: string;
  }
>;

/** A corrected draft (after a return): a new draft revision; earlier ones stay in history (SV-8). */
export type PublicationDraftRevised = Event<
  'PublicationDraftRevised',
  { publicationId: string; draftRevision: number; title: string; documentHash: string; channels: readonly Channel[]; occurredAt: string }
>;

/** PD-8 / SV-14: the supervision committee approves or returns a draft revision; comments are actors' free text (never public). */
export type PublicationReviewed = Event<
  'PublicationReviewed',
  { publicationId: string; draftRevision: number; decision: 'approved' | 'returned'; comments: string | null; occurredAt: string }
>;

/** PD-3: posted on the board (and other channels) from postedFrom to postedUntil. */
export type PublicationPosted = Event<
  'PublicationPosted',
  {
    publicationId: string;
    communityId: string;
    category: PublicationCategory;
    periodFrom: string;
    periodTo: string;
    title: string;
    documentHash: string;
    channels: readonly Channel[];
    covers: readonly string[];
    postedFrom: string;
    postedUntil: string;
    postingDays: number;
    minimumPostingDays: number | null;
    ruleText: '2018' | '2025';
    reviewedDraftRevision: number | null;
    occurredAt: string;
  }
>;

/** SV-8: a correction is a new event; the original posting is kept. */
export type PublicationCorrected = Event<
  'PublicationCorrected',
  { publicationId: string; correctionId: string; title: string; documentHash: string; reason: string; occurredAt: string }
>;

/** PD-3 (接受村民的查询): a resident's query and its answer. Query and answer texts are free text (never public). */
export type PublicationQueryRecorded = Event<'PublicationQueryRecorded', { publicationId: string; communityId: string; queryId: string; residentRef: string; question: string; occurredAt: string }>;
export type PublicationQueryAnswered = Event<'PublicationQueryAnswered', { publicationId: string; communityId: string; queryId: string; answer: string; occurredAt: string }>;

export type PublicationEvent =
  | PublicationDrafted
  | PublicationDraftRevised
  | PublicationReviewed
  | PublicationPosted
  | PublicationCorrected
  | PublicationQueryRecorded
  | PublicationQueryAnswered;

export const PublicationEventSchema = {
  PublicationDrafted: 1,
  PublicationDraftRevised: 1,
  PublicationReviewed: 1,
  PublicationPosted: 1,
  PublicationCorrected: 1,
  PublicationQueryRecorded: 1,
  PublicationQueryAnswered: 1,
} as const satisfies Record<PublicationEvent['type'], number>;

export const PUBLICATION_EVENT_TYPES = Object.keys(PublicationEventSchema) as PublicationEvent['type'][];

export const toPublicationStreamId = (publicationId: string): string => `publication-${publicationId}`;
