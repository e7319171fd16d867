import type { Event } from '../shared';
import type { SupervisionDomain } from './supervision.vocabulary';

/** SV-12 质询权: the committee raises an inquiry; the villagers'/residents' committee answers. Texts are free text (never public). */
export type InquiryRaised = Event<
  'InquiryRaised',
  { communityId: string; committeeId: string; inquiryId: string; domain: SupervisionDomain; subject: string; question: string; answerDueBy: string | null; occurredAt: string }
>;
export type InquiryAnswered = Event<'InquiryAnswered', { communityId: string; inquiryId: string; answer: string; occurredAt: string }>;

/** SV-11: a finding tagged with one of the six supervision domains. */
export type FindingRecorded = Event<
  'FindingRecorded',
  { communityId: string; committeeId: string; findingId: string; domain: SupervisionDomain; title: string; documentHash: string; inquiryId: string | null; occurredAt: string }
>;

/** A rectification request on a finding, due by a date; then a report and the committee's closure. */
export type RectificationRequested = Event<
  'RectificationRequested',
  { communityId: string; findingId: string; rectificationId: string; requirement: string; dueBy: string; occurredAt: string }
>;
export type RectificationReported = Event<'RectificationReported', { communityId: string; rectificationId: string; reportHash: string; reportedOn: string; occurredAt: string }>;
export type RectificationClosed = Event<
  'RectificationClosed',
  { communityId: string; rectificationId: string; outcome: 'rectified' | 'not_rectified'; closedOn: string; occurredAt: string }
>;

export type CasebookEvent = InquiryRaised | InquiryAnswered | FindingRecorded | RectificationRequested | RectificationReported | RectificationClosed;
