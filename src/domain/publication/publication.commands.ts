import type { Command } from '../shared';
import type { CommunityKind } from '../rules';
import type { Channel, PublicationCategory } from './publication.vocabulary';

export type DraftPublication = Command<
  'DraftPublication',
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
    /** Outside facts: the community's kind and the locality policy in force (PD-8). */
    communityKind: CommunityKind;
    reviewRequired: boolean;
    policyVersion: number | null;
  }
>;

export type ReviseDraft = Command<'ReviseDraft', { publicationId: string; title: string; documentHash: string; channels?: readonly Channel[] }>;

export type ReviewPublication = Command<'ReviewPublication', { publicationId: string; decision: 'approve' | 'return'; comments?: string }>;

export type PostPublication = Command<'PostPublication', { publicationId: string; postedFrom: string; postedUntil: string; timeZone: string; ruleSwitchDate?: string }>;

export type CorrectPublication = Command<'CorrectPublication', { publicationId: string; correctionId: string; title: string; documentHash: string; reason: string }>;

export type RecordPublicationQuery = Command<'RecordPublicationQuery', { publicationId: string; queryId: string; residentRef: string; question: string }>;

export type AnswerPublicationQuery = Command<'AnswerPublicationQuery', { publicationId: string; queryId: string; answer: string }>;

export type PublicationCommand = DraftPublication | ReviseDraft | ReviewPublication | PostPublication | CorrectPublication | RecordPublicationQuery | AnswerPublicationQuery;
