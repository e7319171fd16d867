import { versionInForceOn } from '../../domain/shared';
import { itemsAfter, type VersionEntry, type WorkListSetRow } from './work-list-sets.fold';

/** Pure views over the `work-list-sets` row: the list as of a date, a version, the difference of two, the burden trend. */

const addedBy = (entry: VersionEntry) => ({ version: entry.version, effectiveFrom: entry.effectiveFrom, source: entry.source, provenance: entry.provenance });

/** The items of `version` (the versions up to and including it), each with the version and approval that made it read so. */
export const listAtVersion = (row: WorkListSetRow, version: number) => {
  const upTo = row.versions.filter((v) => v.version <= version);
  const entry = upTo[upTo.length - 1];
  if (entry === undefined) return null;
  const byVersion = new Map(row.versions.map((v) => [v.version, v]));
  const items = [...itemsAfter(upTo).values()]
    .map(({ item, version: v }) => ({ ...item, addedBy: addedBy(byVersion.get(v)!) }))
    .sort((a, b) => (a.list === b.list ? a.itemId.localeCompare(b.itemId) : a.list.localeCompare(b.list)));
  return { jurisdictionId: row.jurisdictionId, version: entry.version, effectiveFrom: entry.effectiveFrom, source: entry.source, provenance: entry.provenance, counts: entry.countsByList, items };
};

/** The version in force on a local date (the last published with effectiveFrom on or before it). */
export const listAsOf = (row: WorkListSetRow, date: string) => {
  const entry = versionInForceOn(row.versions, date);
  return entry === undefined ? null : { asOf: date, ...listAtVersion(row, entry.version)! };
};

/** Items added, removed and amended between two versions. */
export const listDiff = (row: WorkListSetRow, from: number, to: number) => {
  const a = listAtVersion(row, from);
  const b = listAtVersion(row, to);
  if (a === null || b === null) return null;
  const before = new Map(a.items.map((i) => [i.itemId, i]));
  const after = new Map(b.items.map((i) => [i.itemId, i]));
  const strip = ({ addedBy: _a, ...item }: (typeof a.items)[number]) => item;
  return {
    jurisdictionId: row.jurisdictionId,
    from: { version: a.version, effectiveFrom: a.effectiveFrom },
    to: { version: b.version, effectiveFrom: b.effectiveFrom },
    added: b.items.filter((i) => !before.has(i.itemId)),
    removed: a.items.filter((i) => !after.has(i.itemId)).map(strip),
    amended: b.items.filter((i) => before.has(i.itemId) && JSON.stringify(strip(before.get(i.itemId)!)) !== JSON.stringify(strip(i))).map((i) => ({ before: strip(before.get(i.itemId)!), after: i })),
  };
};

/**
 * Items per list over time and whether a list grew back after a reduction (越减越多): a version that
 * lowered a list's count, followed by a later version that raised it again (and whether back to or above the level before).
 */
export const burdenTrend = (row: WorkListSetRow) => {
  const lists = [...new Set(row.versions.flatMap((v) => Object.keys(v.countsByList)))].sort();
  const points = row.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, total: v.itemCount, counts: v.countsByList, provenance: v.provenance }));
  const regrowth = lists.flatMap((list) => {
    const found: { list: string; reducedAtVersion: number; before: number; reducedTo: number; grewBackAtVersion: number; grewTo: number; backToOrAboveBefore: boolean }[] = [];
    let previous = null as number | null;
    let reduction = null as { version: number; before: number; to: number } | null;
    for (const v of row.versions) {
      const count = v.countsByList[list] ?? 0;
      if (previous !== null && count < previous) reduction = reduction === null ? { version: v.version, before: previous, to: count } : { ...reduction, to: count };
      else if (previous !== null && count > previous && reduction !== null) {
        found.push({ list, reducedAtVersion: reduction.version, before: reduction.before, reducedTo: reduction.to, grewBackAtVersion: v.version, grewTo: count, backToOrAboveBefore: count >= reduction.before });
        reduction = null;
      }
      previous = count;
    }
    return found;
  });
  return { jurisdictionId: row.jurisdictionId, lists, points, grewBack: regrowth.length > 0, regrowth };
};
