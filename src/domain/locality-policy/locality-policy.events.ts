import type { Event } from '../shared';

/** One entry of a locality's catalogue of consultation matters (城乡社区协商事项目录, CS-13). */
export type CatalogueEntry = Readonly<{ code: string; title: string; contentClass: string }>;

/**
 * The locality rules a consultation is judged by. Every version is a full snapshot that is in force
 * from `effectiveFrom` (a local date) until the next version's `effectiveFrom`.
 */
export type LocalityPolicySnapshot = Readonly<{
  localityId: string;
  version: number;
  effectiveFrom: string;
  catalogue: readonly CatalogueEntry[];
  /** CS-5: content is notified to participants at least this many days (D-3) before the session. */
  noticeLeadDays: number;
  /** CS-3: implementation starts within this many days of the opinion or meeting decision. */
  implementationStartDeadlineDays: number;
  /** CS-12: result and implementation are published within this many days. */
  publicationDeadlineDays: number;
  /** CS-12: the channels publications use (公开栏, community bulletin, online forum, ...). */
  channels: readonly string[];
  /** CS-15: consultation forms this locality adds to the national list. */
  extraConsultationForms: readonly string[];
  /** CS-9: a matter is seriously contested when `100 * against >= percent * views cast`. */
  seriousContestPercent: number;
}>;

export type LocalityPolicyVersionAdopted = Event<
  'LocalityPolicyVersionAdopted',
  LocalityPolicySnapshot & { adoptedByRole: string; occurredAt: string }
>;

export type LocalityPolicyEvent = LocalityPolicyVersionAdopted;

/** Stable type names and their current schema versions (registered in the event-type registry). */
export const localityPolicyEventSchema = {
  LocalityPolicyVersionAdopted: 1,
} as const satisfies Record<LocalityPolicyEvent['type'], number>;
