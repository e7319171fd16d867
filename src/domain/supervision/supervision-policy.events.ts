import type { Event } from '../shared';
import type { Post, Relation } from './supervision.vocabulary';

/**
 * A locality's supervision and publication policy (configuration, domain-rules.md §7), held as
 * effective-dated versions on the stream `supervision-policy-<localityId>`. With no version in
 * force the national defaults apply (the law's rules only).
 */
export type SupervisionPolicySettings = Readonly<{
  /** SV-3: which relations count as 近亲属 (default 民法典 Art. 1045). */
  nearRelativeRelations: readonly Relation[];
  /** SV-10: posts excluded besides the committee's own members. */
  extendedExclusions: readonly Post[];
  /** PD-8 / SV-14: a draft is reviewed by the supervision committee before it is posted. */
  publicationReviewRequired: boolean;
  /** PD-2: villages classed 财务往来较多 publish finance monthly. */
  financeMonthlyCommunityIds: readonly string[];
  /** PD-2 "随时" / PD-10: days within which a publication obligation must be met; null = the end of the quarter. */
  majorMatterMaxLagDays: number | null;
  /** PD-5: 居务公开 frequency (the law sets none). */
  urbanCadence: 'none' | 'quarter' | 'half' | 'year';
  /** SV-7: 不称职 takes a majority of the votes (default) or two thirds (e.g. Shaanxi 2011 for representative meetings). */
  appraisalThreshold: 'majority' | 'two_thirds';
  /** SV-15 (local): the committee may veto an unreasonable expenditure, appealable to a meeting. Absent in earlier versions: false. */
  expenditureVeto?: boolean;
  /** SV-13 (local, 三签一章): a voucher is booked only with the committee's co-signature. Absent in earlier versions: false. */
  voucherCountersignRequired?: boolean;
}>;

export type SupervisionPolicyVersion = SupervisionPolicySettings & Readonly<{ localityId: string; version: number; effectiveFrom: string }>;

export type SupervisionPolicyVersionAdopted = Event<'SupervisionPolicyVersionAdopted', SupervisionPolicyVersion & { adoptedByRole: string; occurredAt: string }>;
export type SupervisionPolicyEvent = SupervisionPolicyVersionAdopted;
export const SupervisionPolicyEventSchema = { SupervisionPolicyVersionAdopted: 1 } as const satisfies Record<SupervisionPolicyEvent['type'], number>;

