import type { Event } from '../shared';

/**
 * A jurisdiction's admission policy (§5.3: configuration, not law): who reviews and who approves,
 * whether communities are consulted, and the time limits in working days (北京西城: apply 30 working
 * days ahead, decision within 15). Effective-dated like the consultation policy; never retroactive.
 */
export type WorkListPolicySnapshot = Readonly<{
  jurisdictionId: string;
  version: number;
  effectiveFrom: string;
  /** e.g. 区社区减负工作组, 区城乡社区发展治理工作联席会议, 社会工作部. */
  reviewingBody: string;
  approvingBody: string;
  /** The reviewing body's review is a step of its own before the decision. */
  reviewRequired: boolean;
  /** Communities are consulted before the decision (张家口). */
  consultCommunities: boolean;
  /** A change must be applied for at least this many working days before it takes effect. */
  applyLeadWorkingDays: number;
  /** The approving body decides within this many working days of the application. */
  decisionWorkingDays: number;
}>;

export type WorkListPolicyVersionAdopted = Event<'WorkListPolicyVersionAdopted', WorkListPolicySnapshot & { adoptedByRole: string; occurredAt: string }>;

/** The holidays and make-up working days of one year (国务院办公厅 notice as the locality applies it). */
export type WorkingCalendarAdopted = Event<
  'WorkingCalendarAdopted',
  { jurisdictionId: string; year: number; holidays: readonly string[]; makeUpWorkdays: readonly string[]; adoptedByRole: string; occurredAt: string }
>;

export type WorkListPolicyEvent = WorkListPolicyVersionAdopted | WorkingCalendarAdopted;

export const workListPolicyEventSchema = { WorkListPolicyVersionAdopted: 1, WorkingCalendarAdopted: 1 } as const satisfies Record<WorkListPolicyEvent['type'], number>;

