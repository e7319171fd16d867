import type { DataSource } from 'typeorm';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import { supervisionPolicyFor } from '../../application/supervision/supervision-facts';
import type { WatchdogSettings } from '../../application/watchdog/deadline-watchdog';
import type { WatchdogProposal, WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { obligationDueBy, publicationCadence, type PublicationCadenceSettings } from '../../domain/publication';
import { addMonths, firstOfMonth, localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { supervisionDecider, supervisionPolicyDecider, supervisionPolicyOn, toSupervisionPolicyStreamId, toSupervisionStreamId } from '../../domain/supervision';
import { aggregateStream } from '../../application/command-handling/handle-command';
import { CommunityEntity } from '../../projections/communities/community.entity';
import { PublicationObligationsEntity } from '../../projections/supervision/publication-obligations.entity';

const decider = supervisionDecider as unknown as Decider<unknown, Command, Event>;

type Sources = Readonly<{ readModels: DataSource; eventStore: EventStore; registry: EventTypeRegistry }>;

/** Communities with their obligations row, judged on each one's local date; none when the read models are not in this app. */
const communitiesWithRows = async ({ readModels }: Sources) => {
  if (!readModels.hasMetadata(CommunityEntity) || !readModels.hasMetadata(PublicationObligationsEntity)) return [];
  const communities = await readModels.getRepository(CommunityEntity).find({ order: { communityId: 'ASC' } });
  const rows = await readModels.getRepository(PublicationObligationsEntity).find();
  return communities.map((community) => ({ community, row: rows.find((r) => r.communityId === community.communityId) ?? null }));
};

type CadenceSettings = PublicationCadenceSettings;

/**
 * The cadence settings in force on every first of a month from `since` to `today` (periods start
 * on one), and on `since`: the township's policy stream, else the district's, else the national
 * defaults, as supervisionPolicyFor decides, with each stream read once.
 */
const cadenceSettingsTimeline = async (sources: Sources, community: CommunityEntity, since: string, today: string): Promise<Map<string, CadenceSettings>> => {
  const streams = await Promise.all([community.townshipRef, community.districtRef].map(async (localityId) =>
    (await aggregateStream(sources, supervisionPolicyDecider.evolve, supervisionPolicyDecider.initialState, toSupervisionPolicyStreamId(localityId))).state));
  const out = new Map<string, CadenceSettings>();
  const dates = [since];
  for (let d = firstOfMonth(since); d <= today; d = addMonths(d, 1)) if (d > since) dates.push(d);
  for (const date of dates) {
    const policy = streams.map((state) => supervisionPolicyOn(state, date)).find((p) => p.version !== null) ?? supervisionPolicyOn({ versions: [] }, date);
    out.set(date, { financeMonthly: policy.financeMonthlyCommunityIds.includes(community.communityId), urbanCadence: policy.urbanCadence });
  }
  return out;
};

const settingsAt = (timeline: ReadonlyMap<string, CadenceSettings>, date: string): CadenceSettings | undefined =>
  [...timeline.entries()].filter(([d]) => d <= date).pop()?.[1];

/** PD-2 / PD-5: every cadence period that ended with no publication of a category, not yet recorded. */
export const publicationCadenceRule = (sources: Sources): WatchdogRule => ({
  name: 'publication-cadence',
  rules: ['PD-2', 'PD-5'],
  async proposals(asOf: Date): Promise<readonly WatchdogProposal[]> {
    const out: WatchdogProposal[] = [];
    for (const { community, row } of await communitiesWithRows(sources)) {
      const today = localDate(asOf, community.timeZone);
      const since = community.termStartsOn !== null && community.termStartsOn > community.registeredOn ? community.termStartsOn : community.registeredOn;
      if (since > today) continue;
      const posted = row?.posted ?? [];
      const kind = community.kind === 'village' ? 'village' : 'urban_community';
      // Each period is judged by the policy in force on its first day, not by today's (a version
      // adopted later never rewrites what was due before it took effect).
      const settingsOn = await cadenceSettingsTimeline(sources, community, since, today);
      const variants = new Map([...settingsOn.values()].map((v) => [JSON.stringify(v), v]));
      const periods = [...variants.entries()].flatMap(([variantKey, settings]) =>
        // Only periods that begin on or after the record begins: a "missed" must not rest on what the engine never saw.
        publicationCadence(kind, settings, posted, since, today)
          .filter((p) => p.status === 'missed' && p.start >= since && JSON.stringify(settingsOn.get(p.start) ?? settingsAt(settingsOn, p.start)) === variantKey));
      for (const p of periods) {
        if (row?.cadenceMisses.some((m) => m.category === p.category && m.period === p.period)) continue;
        const postedOn = posted.filter((x) => x.category === p.category).map((x) => x.postedFrom);
        out.push({
          rule: p.rule, stream: toSupervisionStreamId(community.communityId), key: `${p.category}:${p.period}`, dueBy: p.end, decider,
          command: { type: 'RecordPublicationCadenceMissed', data: { communityId: community.communityId, category: p.category, period: p.period, rule: p.rule, start: p.start, end: p.end, postedOn, timeZone: community.timeZone } },
        });
      }
    }
    return out;
  },
});

/** PD-1 / PD-5 (and PD-2 随时): every obligation whose due date passed with no covering publication, not yet recorded. */
export const publicationObligationRule = (sources: Sources): WatchdogRule => ({
  name: 'publication-obligations',
  rules: ['PD-1', 'PD-2', 'PD-5', 'PD-6', 'CS-4'],
  async proposals(asOf: Date, _settings: WatchdogSettings): Promise<readonly WatchdogProposal[]> {
    const out: WatchdogProposal[] = [];
    for (const { community, row } of await communitiesWithRows(sources)) {
      if (row === null) continue;
      const today = localDate(asOf, community.timeZone);
      for (const o of row.obligations) {
        if (o.missRecordedBy !== null) continue;
        const policy = await supervisionPolicyFor(sources, community, o.openedOn);
        const dueBy = o.dueBy ?? obligationDueBy(o.openedOn, policy.majorMatterMaxLagDays);
        const coveredOn = o.coveredBy?.postedFrom ?? null;
        if (dueBy >= today || (coveredOn !== null && coveredOn <= dueBy)) continue;
        out.push({
          rule: o.rule, stream: toSupervisionStreamId(community.communityId), key: o.obligationId, dueBy, decider,
          command: { type: 'RecordPublicationObligationMissed', data: { communityId: community.communityId, obligationId: o.obligationId, rule: o.rule, dueBy, coveredOn, timeZone: community.timeZone } },
        });
      }
    }
    return out;
  },
});
