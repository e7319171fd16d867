import type { Event } from '../shared';
import type { WorkItem } from './work-item';
import type { CommunityKindOfList, OwnerLevel } from './work-list.vocabulary';

/**
 * WL-3 / WL-6: the list set of one owning jurisdiction, for one kind of community.
 * v2: `communityKind` in the registry's vocabulary (`urban_community`, not `urban`).
 */
export type WorkListSetEstablished = Event<
  'WorkListSetEstablished',
  {
    jurisdictionId: string;
    name: string;
    communityKind: CommunityKindOfList;
    level: OwnerLevel;
    /** District / county refs of the communities the lists govern (CommunityRegistered.districtRef). */
    coveredAreaRefs: readonly string[];
    /** Set when the level is not the default of WL-3 (prefecture city) or WL-6 (county). */
    levelDeviationReason: string | null;
    rule: 'WL-3' | 'WL-6';
    occurredAt: string;
  }
>;

/** v1 (stored only): the lists' own kinds (`urban`, not the registry's `urban_community`). */
export type WorkListSetEstablishedV1 = Event<
  'WorkListSetEstablished',
  {
    jurisdictionId: string;
    name: string;
    communityKind: 'urban' | 'village';
    level: OwnerLevel;
    coveredAreaRefs: readonly string[];
    levelDeviationReason: string | null;
    rule: 'WL-3' | 'WL-6';
    occurredAt: string;
  }
>;

/** One item of a published list, imported by an attributed importer citing the source document. */
export type WorkItemImported = Event<
  'WorkItemImported',
  { jurisdictionId: string; importId: string; sourceDocument: string; line: number; item: WorkItem; occurredAt: string }
>;

export type ListChange = Readonly<{ op: 'add' | 'amend' | 'remove'; itemId: string; item: WorkItem | null }>;

export type VersionSource =
  | Readonly<{ kind: 'change_request'; changeRequestId: string; approvedBy: string; approvedOn: string }>
  | Readonly<{ kind: 'import'; importId: string; sourceDocument: string }>;

/** A new version of the list set: the previous version plus `changes`, in force from `effectiveFrom`. */
export type WorkListVersionPublished = Event<
  'WorkListVersionPublished',
  {
    jurisdictionId: string;
    version: number;
    effectiveFrom: string;
    publishedOn: string;
    source: VersionSource;
    changes: readonly ListChange[];
    itemCount: number;
    occurredAt: string;
  }
>;

export type WorkListSetEvent = WorkListSetEstablished | WorkItemImported | WorkListVersionPublished;

export const workListSetEventSchema = { WorkListSetEstablished: 2, WorkItemImported: 1, WorkListVersionPublished: 1 } as const satisfies Record<WorkListSetEvent['type'], number>;

/** Upcasters of stored list-set events (v1 -> v2): the lists' own kind `urban` becomes the registry's `urban_community`. */
export const workListSetUpcasters = {
  WorkListSetEstablished: {
    1: (data: Record<string, unknown>): Record<string, unknown> => ({ ...data, communityKind: data['communityKind'] === 'urban' ? 'urban_community' : data['communityKind'] }),
  },
} as const;
