import { versionInForceOn, type RecordedEvent } from '../../domain/shared';
import { NATIONAL_SUPERVISION_DEFAULTS, type SupervisionPolicySettings, type SupervisionPolicyVersion } from '../../domain/supervision';
import type { CommunityPlace } from '../report-context';

/**
 * Supervision policy versions per locality, from `SupervisionPolicyVersionAdopted`, read as the
 * service does: the township's version in force on the date, else the county's, else the national defaults.
 */
export class SupervisionPolicies {
  private readonly byLocality = new Map<string, SupervisionPolicyVersion[]>();

  add(e: RecordedEvent): void {
    if (e.type !== 'SupervisionPolicyVersionAdopted') return;
    const v = e.data as unknown as SupervisionPolicyVersion;
    const list = this.byLocality.get(v.localityId) ?? [];
    list.push(v);
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
    this.byLocality.set(v.localityId, list);
  }

  on(place: CommunityPlace, date: string): SupervisionPolicySettings & { version: number | null } {
    for (const locality of [place.townshipRef, place.districtRef]) {
      const v = versionInForceOn(this.byLocality.get(locality) ?? [], date);
      if (v !== undefined) return v;
    }
    return { ...NATIONAL_SUPERVISION_DEFAULTS, version: null };
  }

  /** Dates on which the policy for a community may change (each version's effectiveFrom), ascending. */
  changesFor(place: CommunityPlace): string[] {
    return [...new Set([place.townshipRef, place.districtRef].flatMap((l) => (this.byLocality.get(l) ?? []).map((v) => v.effectiveFrom)))].sort();
  }
}
