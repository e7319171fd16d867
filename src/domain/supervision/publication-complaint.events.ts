import type { Event } from '../shared';

export const COMPLAINT_GROUNDS = ['not_published', 'untrue'] as const;
export type ComplaintGround = (typeof COMPLAINT_GROUNDS)[number];

/**
 * PD-4 (村 Art. 36): a villager/resident complains to the township government (street office) that a
 * matter was not published in time or was published untruly. The subject and the complainant are
 * actors' data (never public). `filedWith` is the community's township, read from its stream.
 */
export type PublicationComplaintFiled = Event<
  'PublicationComplaintFiled',
  { communityId: string; complaintId: string; ground: ComplaintGround; category: string; publicationId: string | null; subject: string; complainantRef: string; filedWith: string; filedOn: string; occurredAt: string }
>;

/** PD-4 调查核实: the township opens its investigation of the complaint. */
export type PublicationInvestigationOpened = Event<'PublicationInvestigationOpened', { communityId: string; complaintId: string; openedOn: string; occurredAt: string }>;

/** PD-4: the township's finding, founded or unfounded, with its report by hash. */
export type PublicationComplaintFindingRecorded = Event<
  'PublicationComplaintFindingRecorded',
  { communityId: string; complaintId: string; finding: 'founded' | 'unfounded'; documentHash: string; decidedOn: string; occurredAt: string }
>;

/**
 * PD-4 责令依法公布: on a founded finding, the township orders the committee to publish by a date.
 * It opens a publication obligation (`obligationId`) that the covering publication closes; an untrue
 * posting stays on record and is corrected by new events (SV-8).
 */
export type PublicationOrdered = Event<
  'PublicationOrdered',
  { communityId: string; complaintId: string; orderId: string; obligationId: string; category: string; dueBy: string; orderedOn: string; occurredAt: string }
>;

export type PublicationComplaintEvent = PublicationComplaintFiled | PublicationInvestigationOpened | PublicationComplaintFindingRecorded | PublicationOrdered;

export type ComplaintStatus = 'filed' | 'investigating' | 'founded' | 'unfounded' | 'ordered';

export const publicationOrderObligationId = (communityId: string, orderId: string): string => `order:${communityId}/${orderId}`;
