import { assertNever, daysBetween, isIsoDate, localDate, organicLawTextOn, NotFoundError, type Decider, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable } from '../rules';
import { holdsRole } from '../shared/actor-roles';
import type {
  AnswerPublicationQuery,
  CorrectPublication,
  DraftPublication,
  PostPublication,
  PublicationCommand,
  RecordPublicationQuery,
  ReviewPublication,
  ReviseDraft,
} from './publication.commands';
import type {
  PublicationCorrected,
  PublicationDraftRevised,
  PublicationDrafted,
  PublicationEvent,
  PublicationPosted,
  PublicationQueryAnswered,
  PublicationQueryRecorded,
  PublicationReviewed,
} from './publication.events';
import { evolve, initialState, type Draft, type Posted, type Publication } from './publication.state';
import { NotTheSupervisionCommittee, PublicationRuleViolation, PublicationStepNotAllowed, publicationInvalid } from './publication.errors';
import { CHANNELS, DOCUMENT_HASH, MINIMUM_POSTING_DAYS_2025, PUBLICATION_CATEGORIES, categoryApplies, type Channel } from './publication.vocabulary';

const contentProblems = (title: string, documentHash: string, channels: readonly Channel[] | undefined): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (title.trim() === '') problems.push({ field: 'title', message: 'required' });
  if (!DOCUMENT_HASH.test(documentHash)) problems.push({ field: 'documentHash', message: 'a SHA-256 hex digest' });
  if (channels !== undefined) {
    if (channels.some((c) => !CHANNELS.includes(c))) problems.push({ field: 'channels', message: `each of ${CHANNELS.join(', ')}` });
    if (!channels.includes('public_board')) problems.push({ field: 'channels', message: 'the public board is always a channel (PD-3, PD-5)' });
  }
  return problems;
};

const requireDraft = (state: Publication, publicationId: string): Draft => {
  if (state.status === 'NotDrafted') throw new NotFoundError('PUBLICATION.NOT_DRAFTED', `No publication ${publicationId} is drafted`);
  if (state.status !== 'Draft') throw new PublicationStepNotAllowed('ALREADY_POSTED', `Publication ${publicationId} is posted; correct it instead (SV-8)`, 'SV-8');
  return state;
};

const requirePosted = (state: Publication, publicationId: string): Posted => {
  if (state.status !== 'Posted') throw new PublicationStepNotAllowed('NOT_POSTED', `Publication ${publicationId} is not posted`);
  return state;
};

export const draftPublication = (command: DraftPublication, state: Publication): PublicationDrafted[] => {
  const d = command.data;
  if (state.status !== 'NotDrafted') {
    if (state.drafted.communityId === d.communityId && state.drafted.category === d.category) return [];
    throw new PublicationStepNotAllowed('ALREADY_DRAFTED', `Publication ${d.publicationId} already exists`);
  }
  const problems = contentProblems(d.title, d.documentHash, d.channels);
  if (!PUBLICATION_CATEGORIES.includes(d.category)) problems.push({ field: 'category', message: `one of ${PUBLICATION_CATEGORIES.join(', ')}` });
  else if (!categoryApplies(d.category, d.communityKind)) problems.push({ field: 'category', message: `not a category of a ${d.communityKind} (PD-1 villages, PD-5/PD-6 urban)` });
  if (!isIsoDate(d.periodFrom)) problems.push({ field: 'periodFrom', message: 'must be a date YYYY-MM-DD' });
  if (!isIsoDate(d.periodTo)) problems.push({ field: 'periodTo', message: 'must be a date YYYY-MM-DD' });
  if (problems.length === 0 && d.periodTo < d.periodFrom) problems.push({ field: 'periodTo', message: 'before periodFrom' });
  if (new Set(d.covers).size !== d.covers.length) problems.push({ field: 'covers', message: 'an obligation is listed twice' });
  if (problems.length > 0) throw publicationInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'PUBLICATION');
  return [
    {
      type: 'PublicationDrafted',
      data: {
        publicationId: d.publicationId, communityId: d.communityId, communityKind: d.communityKind, category: d.category, periodFrom: d.periodFrom, periodTo: d.periodTo,
        title: d.title.trim(), documentHash: d.documentHash, channels: [...d.channels], covers: [...d.covers], reviewRequired: d.reviewRequired, policyVersion: d.policyVersion, occurredAt,
      },
    },
  ];
};

export const reviseDraft = (command: ReviseDraft, state: Publication): PublicationDraftRevised[] => {
  const s = requireDraft(state, command.data.publicationId);
  const d = command.data;
  const problems = contentProblems(d.title, d.documentHash, d.channels);
  if (problems.length > 0) throw publicationInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'PUBLICATION');
  return [{ type: 'PublicationDraftRevised', data: { publicationId: d.publicationId, draftRevision: s.draftRevision + 1, title: d.title.trim(), documentHash: d.documentHash, channels: [...(d.channels ?? s.channels)], occurredAt } }];
};

/** PD-8 / SV-14: the supervision committee approves the current draft revision or returns it with comments. */
export const reviewPublication = (command: ReviewPublication, state: Publication): PublicationReviewed[] => {
  const s = requireDraft(state, command.data.publicationId);
  const d = command.data;
  if (!holdsRole(command.metadata.actorRoles, 'supervision_committee')) throw new NotTheSupervisionCommittee();
  if (d.decision !== 'approve' && d.decision !== 'return') throw publicationInvalid([{ field: 'decision', message: 'approve or return' }]);
  const comments = d.comments?.trim() || null;
  if (d.decision === 'return' && comments === null) throw publicationInvalid([{ field: 'comments', message: 'a returned draft says what to change (PD-8: 审查、补充、完善)' }]);
  if (s.review === 'approved' || s.review === 'returned') {
    throw new PublicationStepNotAllowed('ALREADY_REVIEWED', `Draft revision ${s.draftRevision} was already ${s.review}; revise the draft first`, 'PD-8');
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'PUBLICATION');
  return [{ type: 'PublicationReviewed', data: { publicationId: d.publicationId, draftRevision: s.draftRevision, decision: d.decision === 'approve' ? 'approved' : 'returned', comments, occurredAt } }];
};

/**
 * PD-3: posted for at least 15 days (postedUntil - postedFrom, D-3) when postedFrom is on or after the
 * 2025 text's effective date; the 2018 text set no minimum. PD-8: where review is required, only an approved draft is posted.
 */
export const postPublication = (command: PostPublication, state: Publication): PublicationPosted[] => {
  const d = command.data;
  if (state.status === 'Posted' && state.posted.postedFrom === d.postedFrom && state.posted.postedUntil === d.postedUntil) return [];
  const s = requireDraft(state, d.publicationId);
  const problems: FieldProblem[] = [];
  if (!isIsoDate(d.postedFrom)) problems.push({ field: 'postedFrom', message: 'must be a date YYYY-MM-DD' });
  if (!isIsoDate(d.postedUntil)) problems.push({ field: 'postedUntil', message: 'must be a date YYYY-MM-DD' });
  if (problems.length > 0) throw publicationInvalid(problems);
  if (d.postedUntil <= d.postedFrom) throw publicationInvalid([{ field: 'postedUntil', message: 'after postedFrom' }]);
  if (s.drafted.reviewRequired && s.review !== 'approved') {
    throw new PublicationRuleViolation('NOT_REVIEWED', `Draft revision ${s.draftRevision} is ${s.review === 'returned' ? 'returned' : 'not reviewed'}: the supervision committee signs off first`, 'PD-8', { review: s.review });
  }
  const today = localDate(command.metadata.occurredAt, d.timeZone);
  if (d.postedFrom > today) throw publicationInvalid([{ field: 'postedFrom', message: `a posting is recorded when made; ${d.postedFrom} is after ${today}` }]);
  const ruleText = organicLawTextOn(d.postedFrom, d.ruleSwitchDate);
  const postingDays = daysBetween(d.postedFrom, d.postedUntil);
  const minimumPostingDays = ruleText === '2025' ? MINIMUM_POSTING_DAYS_2025 : null;
  if (minimumPostingDays !== null && postingDays < minimumPostingDays) {
    throw new PublicationRuleViolation('POSTING_TOO_SHORT', `Posted ${postingDays} days; at least ${minimumPostingDays} (公布的期限不得少于十五日)`, 'PD-3', { postingDays, minimumPostingDays });
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'PUBLICATION');
  const { publicationId, communityId, category, periodFrom, periodTo, covers } = s.drafted;
  return [
    {
      type: 'PublicationPosted',
      data: {
        publicationId, communityId, category, periodFrom, periodTo, title: s.title, documentHash: s.documentHash, channels: s.channels, covers,
        postedFrom: d.postedFrom, postedUntil: d.postedUntil, postingDays, minimumPostingDays, ruleText, reviewedDraftRevision: s.approvedRevision, occurredAt,
      },
    },
  ];
};

/** SV-8: the posted record stays; a correction is a new event with the corrected content. */
export const correctPublication = (command: CorrectPublication, state: Publication): PublicationCorrected[] => {
  const d = command.data;
  const s = requirePosted(state, d.publicationId);
  if (s.correctionIds.includes(d.correctionId)) return [];
  const problems = contentProblems(d.title, d.documentHash, undefined);
  if (d.reason.trim() === '') problems.push({ field: 'reason', message: 'required' });
  if (problems.length > 0) throw publicationInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'PUBLICATION');
  return [{ type: 'PublicationCorrected', data: { publicationId: d.publicationId, correctionId: d.correctionId, title: d.title.trim(), documentHash: d.documentHash, reason: d.reason.trim(), occurredAt } }];
};

/** PD-3: a resident's query on a posted publication is recorded ... */
export const recordQuery = (command: RecordPublicationQuery, state: Publication): PublicationQueryRecorded[] => {
  const d = command.data;
  const s = requirePosted(state, d.publicationId);
  if (d.queryId in s.queries) return [];
  if (d.question.trim() === '') throw publicationInvalid([{ field: 'question', message: 'required' }]);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'PUBLICATION');
  return [{ type: 'PublicationQueryRecorded', data: { publicationId: d.publicationId, communityId: s.posted.communityId, queryId: d.queryId, residentRef: d.residentRef, question: d.question.trim(), occurredAt } }];
};

/** ... and answered, once. */
export const answerQuery = (command: AnswerPublicationQuery, state: Publication): PublicationQueryAnswered[] => {
  const d = command.data;
  const s = requirePosted(state, d.publicationId);
  if (!(d.queryId in s.queries)) throw new NotFoundError('PUBLICATION.UNKNOWN_QUERY', `No query ${d.queryId} on publication ${d.publicationId}`);
  if (s.queries[d.queryId] === true) throw new PublicationStepNotAllowed('QUERY_ALREADY_ANSWERED', `Query ${d.queryId} is answered`, 'PD-3');
  if (d.answer.trim() === '') throw publicationInvalid([{ field: 'answer', message: 'required' }]);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'PUBLICATION');
  return [{ type: 'PublicationQueryAnswered', data: { publicationId: d.publicationId, communityId: s.posted.communityId, queryId: d.queryId, answer: d.answer.trim(), occurredAt } }];
};

export const decide = (command: PublicationCommand, state: Publication): PublicationEvent[] => {
  const { type } = command;
  switch (type) {
    case 'DraftPublication':
      return draftPublication(command, state);
    case 'ReviseDraft':
      return reviseDraft(command, state);
    case 'ReviewPublication':
      return reviewPublication(command, state);
    case 'PostPublication':
      return postPublication(command, state);
    case 'CorrectPublication':
      return correctPublication(command, state);
    case 'RecordPublicationQuery':
      return recordQuery(command, state);
    case 'AnswerPublicationQuery':
      return answerQuery(command, state);
    default: {
      const _never: never = type;
      return assertNever(_never);
    }
  }
};

export const publicationDecider: Decider<Publication, PublicationCommand, PublicationEvent> = { initialState, evolve, decide };
