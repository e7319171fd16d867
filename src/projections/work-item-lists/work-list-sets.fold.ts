import type { EventWithoutMetadata } from '../../domain/shared';
import type { ListChange, VersionSource, WorkListSetEvent } from '../../domain/work-item-lists';
import { provenanceOf, type EntryProvenance } from '../meetings/meeting-read-model';

/** One published version as the read model keeps it: the changes, never a full copy. */
export type VersionEntry = Readonly<{
  version: number;
  effectiveFrom: string;
  publishedOn: string;
  source: VersionSource;
  changes: readonly ListChange[];
  itemCount: number;
  /** Items per list (duty, assistance, negative, registers) after this version. */
  countsByList: Readonly<Record<string, number>>;
  provenance: EntryProvenance;
}>;

/** Read model `work-list-sets`: one row per owning jurisdiction with every version of its lists. */
export type WorkListSetRow = {
  jurisdictionId: string;
  name: string;
  communityKind: string;
  level: string;
  rule: string;
  coveredAreaRefs: readonly string[];
  versions: readonly VersionEntry[];
};

const TYPES = ['WorkListSetEstablished', 'WorkListVersionPublished'];
export const canHandle: readonly string[] = TYPES;

export const key = (event: EventWithoutMetadata): string | null => {
  const id = (event.data as { jurisdictionId?: unknown }).jurisdictionId;
  return TYPES.includes(event.type) && typeof id === 'string' ? id : null;
};

/** The list's items after a sequence of versions (an import version replaces the whole set). */
export const itemsAfter = (versions: readonly Pick<VersionEntry, 'source' | 'changes' | 'version'>[]) => {
  const items = new Map<string, { item: NonNullable<ListChange['item']>; version: number }>();
  for (const v of versions) {
    if (v.source.kind === 'import') items.clear();
    for (const change of v.changes) {
      if (change.op === 'remove' || change.item === null) items.delete(change.itemId);
      else items.set(change.itemId, { item: change.item, version: v.version });
    }
  }
  return items;
};

export const evolve = (row: WorkListSetRow | null, recorded: EventWithoutMetadata): WorkListSetRow | null => {
  if (!TYPES.includes(recorded.type)) return row;
  const event = { type: recorded.type, data: recorded.data } as WorkListSetEvent;
  switch (event.type) {
    case 'WorkListSetEstablished': {
      if (row !== null) return row;
      const d = event.data;
      return { jurisdictionId: d.jurisdictionId, name: d.name, communityKind: d.communityKind, level: d.level, rule: d.rule, coveredAreaRefs: d.coveredAreaRefs, versions: [] };
    }
    case 'WorkListVersionPublished': {
      if (row === null || row.versions.some((v) => v.version === event.data.version)) return row;
      const d = event.data;
      const entry = { version: d.version, effectiveFrom: d.effectiveFrom, publishedOn: d.publishedOn, source: d.source, changes: d.changes, itemCount: d.itemCount };
      const countsByList: Record<string, number> = {};
      for (const { item } of itemsAfter([...row.versions, entry]).values()) countsByList[item.list] = (countsByList[item.list] ?? 0) + 1;
      return { ...row, versions: [...row.versions, { ...entry, countsByList, provenance: provenanceOf(recorded) }] };
    }
    default:
      return row;
  }
};
