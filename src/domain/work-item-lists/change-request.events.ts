import type { Event } from '../shared';
import type { WorkItem } from './work-item';

export type ChangeOp = 'add' | 'amend' | 'remove';
export type ConsultationPosition = 'agree' | 'object' | 'no_opinion';

/** 准入申请: a department applies to add, amend or remove an item; the policy in force on the filing date fixes the steps and limits. */
export type ChangeRequestFiled = Event<
  'ChangeRequestFiled',
  {
    changeRequestId: string;
    jurisdictionId: string;
    departmentRef: string;
    op: ChangeOp;
    itemId: string;
    item: WorkItem | null;
    reasons: string;
    proposedEffectiveFrom: string;
    filedOn: string;
    policyVersion: number;
    reviewingBody: string;
    approvingBody: string;
    reviewRequired: boolean;
    consultCommunities: boolean;
    applyLeadWorkingDays: number;
    decisionDueOn: string;
    /** WL-6: a new village-level mechanism needs provincial approval. */
    needsProvincialApproval: boolean;
    occurredAt: string;
  }
>;

export type CommunitiesConsulted = Event<'CommunitiesConsulted', { changeRequestId: string; communityIds: readonly string[]; answerBy: string | null; occurredAt: string }>;
export type ConsultationAnswered = Event<'ConsultationAnswered', { changeRequestId: string; communityId: string; position: ConsultationPosition; comments: string; occurredAt: string }>;
export type ChangeRequestReviewed = Event<
  'ChangeRequestReviewed',
  { changeRequestId: string; reviewingBody: string; recommendation: 'approve' | 'reject'; reasons: string; reviewedOn: string; occurredAt: string }
>;
export type ProvincialApprovalRecorded = Event<'ProvincialApprovalRecorded', { changeRequestId: string; approvalRef: string; approvedOn: string; rule: 'WL-6'; occurredAt: string }>;
export type ChangeRequestApproved = Event<
  'ChangeRequestApproved',
  { changeRequestId: string; approvingBody: string; reasons: string; effectiveFrom: string; decidedOn: string; late: boolean; occurredAt: string }
>;
export type ChangeRequestRejected = Event<
  'ChangeRequestRejected',
  { changeRequestId: string; approvingBody: string; reasons: string; decidedOn: string; late: boolean; occurredAt: string }
>;
export type ChangeRequestWithdrawn = Event<'ChangeRequestWithdrawn', { changeRequestId: string; reason: string; withdrawnOn: string; occurredAt: string }>;
/** Recorded by the watchdog once the decision's due date passed with no decision (§5.3 time limit). */
export type ChangeRequestDecisionOverdue = Event<'ChangeRequestDecisionOverdue', { changeRequestId: string; dueOn: string; detectedOn: string; occurredAt: string }>;

export type ChangeRequestEvent =
  | ChangeRequestFiled
  | CommunitiesConsulted
  | ConsultationAnswered
  | ChangeRequestReviewed
  | ProvincialApprovalRecorded
  | ChangeRequestApproved
  | ChangeRequestRejected
  | ChangeRequestWithdrawn
  | ChangeRequestDecisionOverdue;

export const changeRequestEventSchema = {
  ChangeRequestFiled: 1,
  CommunitiesConsulted: 1,
  ConsultationAnswered: 1,
  ChangeRequestReviewed: 1,
  ProvincialApprovalRecorded: 1,
  ChangeRequestApproved: 1,
  ChangeRequestRejected: 1,
  ChangeRequestWithdrawn: 1,
  ChangeRequestDecisionOverdue: 1,
} as const satisfies Record<ChangeRequestEvent['type'], number>;
