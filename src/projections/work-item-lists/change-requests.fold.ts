import { daysBetween, type ProjectedEvent } from '../../domain/shared';
import type { ChangeRequestEvent, WorkListVersionPublished } from '../../domain/work-item-lists';
import { attributionOf, provenanceOf, type Attribution, type EntryProvenance } from '../meetings/meeting-read-model';

type Step = Readonly<{ step: string; on: string; by: string; reasons: string | null; provenance: EntryProvenance; attribution: Attribution }>;

/** Read model `work-list-change-requests`: the queue of 准入 applications with their steps, deadlines and publication. */
export type ChangeRequestRow = {
  changeRequestId: string;
  jurisdictionId: string;
  departmentRef: string;
  op: string;
  itemId: string;
  list: string | null;
  title: string | null;
  status: string;
  filedOn: string;
  proposedEffectiveFrom: string;
  decisionDueOn: string;
  policyVersion: number;
  reviewingBody: string;
  approvingBody: string;
  needsProvincialApproval: boolean;
  provincialApprovalRef: string | null;
  consulted: readonly string[];
  answers: readonly { communityId: string; position: string; comments: string; provenance: EntryProvenance }[];
  decidedOn: string | null;
  decidedLate: boolean | null;
  effectiveFrom: string | null;
  publishedVersion: number | null;
  overdueRecorded: { dueOn: string; detectedOn: string; provenance: EntryProvenance } | null;
  steps: readonly Step[];
};

const TYPES = new Set([
  'ChangeRequestFiled', 'CommunitiesConsulted', 'ConsultationAnswered', 'ChangeRequestReviewed', 'ProvincialApprovalRecorded',
  'ChangeRequestApproved', 'ChangeRequestRejected', 'ChangeRequestWithdrawn', 'ChangeRequestDecisionOverdue', 'WorkListVersionPublished',
]);
export const canHandle: readonly string[] = [...TYPES];

export const key = (event: ProjectedEvent): string | null => {
  if (!TYPES.has(event.type)) return null;
  if (event.type === 'WorkListVersionPublished') {
    const source = (event.data as WorkListVersionPublished['data']).source;
    return source.kind === 'change_request' ? source.changeRequestId : null;
  }
  const id = (event.data as { changeRequestId?: unknown }).changeRequestId;
  return typeof id === 'string' ? id : null;
};

export const evolve = (row: ChangeRequestRow | null, recorded: ProjectedEvent): ChangeRequestRow | null => {
  if (!TYPES.has(recorded.type)) return row;
  const event = { type: recorded.type, data: recorded.data } as ChangeRequestEvent | WorkListVersionPublished;
  const step = (name: string, on: string, by: string, reasons: string | null): Step => ({ step: name, on, by, reasons, provenance: provenanceOf(recorded), attribution: attributionOf(recorded) });
  if (event.type === 'ChangeRequestFiled') {
    if (row !== null) return row;
    const d = event.data;
    return {
      changeRequestId: d.changeRequestId, jurisdictionId: d.jurisdictionId, departmentRef: d.departmentRef, op: d.op, itemId: d.itemId, list: d.item?.list ?? null, title: d.item?.title ?? null,
      status: 'filed', filedOn: d.filedOn, proposedEffectiveFrom: d.proposedEffectiveFrom, decisionDueOn: d.decisionDueOn, policyVersion: d.policyVersion,
      reviewingBody: d.reviewingBody, approvingBody: d.approvingBody, needsProvincialApproval: d.needsProvincialApproval, provincialApprovalRef: null,
      consulted: [], answers: [], decidedOn: null, decidedLate: null, effectiveFrom: null, publishedVersion: null, overdueRecorded: null,
      steps: [step('filed', d.filedOn, `department:${d.departmentRef}`, d.reasons)],
    };
  }
  if (row === null) return null;
  switch (event.type) {
    case 'CommunitiesConsulted':
      return { ...row, consulted: [...row.consulted, ...event.data.communityIds], steps: [...row.steps, step('communities_consulted', event.data.occurredAt.slice(0, 10), event.data.communityIds.join(','), null)] };
    case 'ConsultationAnswered':
      return { ...row, answers: [...row.answers, { communityId: event.data.communityId, position: event.data.position, comments: event.data.comments, provenance: provenanceOf(recorded) }] };
    case 'ChangeRequestReviewed':
      return { ...row, steps: [...row.steps, step(`reviewed_${event.data.recommendation}`, event.data.reviewedOn, event.data.reviewingBody, event.data.reasons)] };
    case 'ProvincialApprovalRecorded':
      return { ...row, provincialApprovalRef: event.data.approvalRef, steps: [...row.steps, step('provincial_approval', event.data.approvedOn, event.data.approvalRef, null)] };
    case 'ChangeRequestApproved':
      return { ...row, status: 'approved', decidedOn: event.data.decidedOn, decidedLate: event.data.late, effectiveFrom: event.data.effectiveFrom, steps: [...row.steps, step('approved', event.data.decidedOn, event.data.approvingBody, event.data.reasons)] };
    case 'ChangeRequestRejected':
      return { ...row, status: 'rejected', decidedOn: event.data.decidedOn, decidedLate: event.data.late, steps: [...row.steps, step('rejected', event.data.decidedOn, event.data.approvingBody, event.data.reasons)] };
    case 'ChangeRequestWithdrawn':
      return { ...row, status: 'withdrawn', steps: [...row.steps, step('withdrawn', event.data.withdrawnOn, `department:${row.departmentRef}`, event.data.reason)] };
    case 'ChangeRequestDecisionOverdue':
      return { ...row, overdueRecorded: { dueOn: event.data.dueOn, detectedOn: event.data.detectedOn, provenance: provenanceOf(recorded) } };
    case 'WorkListVersionPublished':
      return { ...row, status: 'published', publishedVersion: event.data.version, steps: [...row.steps, step('published', event.data.publishedOn, `version:${event.data.version}`, null)] };
    default:
      return row;
  }
};

/** Overdue on `today`: still undecided after its due date (whether or not the watchdog recorded it yet). */
export const overdueOn = (row: Pick<ChangeRequestRow, 'status' | 'decisionDueOn'>, today: string): { overdue: boolean; daysLate: number } => {
  const overdue = row.status === 'filed' && today > row.decisionDueOn;
  return { overdue, daysLate: overdue ? daysBetween(row.decisionDueOn, today) : 0 };
};
