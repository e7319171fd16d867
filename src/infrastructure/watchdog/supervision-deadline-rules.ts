import type { DataSource } from 'typeorm';
import type { WatchdogProposal, WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { supervisionDecider, toSupervisionStreamId } from '../../domain/supervision';
import { CommunityEntity } from '../../projections/communities/community.entity';
import { AppraisalHistoryEntity } from '../../projections/supervision/appraisal-history.entity';
import { CasebookEntity } from '../../projections/supervision/casebook.entity';
import { recordBeginsOn } from './meeting-cadence-rule';

const decider = supervisionDecider as unknown as Decider<unknown, Command, Event>;

/**
 * SV-7: every calendar year that starts on or after the community's record begins and ended before
 * its local date at `asOf` with no appraisal held in it (AppraisalRecorded.heldOn, from the
 * `appraisal-history` read model) and none recorded as missed. Recorded as AppraisalNotHeld on the
 * supervision stream; command id `watchdog:supervision-<id>:appraisal:<year>-12-31`.
 */
export const appraisalNotHeldRule = (readModels: DataSource): WatchdogRule => ({
  name: 'appraisal-yearly',
  rules: ['SV-7'],
  async proposals(asOf) {
    if (!readModels.hasMetadata(CommunityEntity) || !readModels.hasMetadata(AppraisalHistoryEntity)) return [];
    const communities = await readModels.getRepository(CommunityEntity).find({ order: { communityId: 'ASC' } });
    const rows = new Map((await readModels.getRepository(AppraisalHistoryEntity).find()).map((r) => [r.communityId, r]));
    return communities.flatMap((community): WatchdogProposal[] => {
      const today = localDate(asOf, community.timeZone);
      const since = recordBeginsOn(community);
      const row = rows.get(community.communityId);
      const held = new Set(Object.values(row?.cadres ?? {}).flatMap((c) => c.appraisals.map((a) => a.heldOn.slice(0, 4))));
      const missed = new Set((row?.missedYears ?? []).map((m) => m.year));
      const first = Number(since.slice(0, 4)) + (since.endsWith('-01-01') ? 0 : 1);
      const out: WatchdogProposal[] = [];
      for (let y = first; `${y}-12-31` < today; y += 1) {
        const year = String(y);
        if (held.has(year) || missed.has(year)) continue;
        out.push({
          rule: 'SV-7', stream: toSupervisionStreamId(community.communityId), key: 'appraisal', dueBy: `${year}-12-31`, decider,
          command: { type: 'RecordAppraisalNotHeld', data: { communityId: community.communityId, year, timeZone: community.timeZone } },
        });
      }
      return out;
    });
  },
});

/**
 * SV-12: every rectification request in the `supervision-casebook` read model whose due date lies
 * before the community's local date at `asOf`, with no report and no closure on or before it
 * (a late report does not hide the miss), and none recorded as overdue. Recorded as
 * RectificationOverdue on the supervision stream; command id
 * `watchdog:supervision-<id>:rectification:<rectificationId>:<dueBy>`.
 */
export const rectificationOverdueRule = (readModels: DataSource, defaultTimeZone: string): WatchdogRule => ({
  name: 'rectification-overdue',
  rules: ['SV-12'],
  async proposals(asOf) {
    if (!readModels.hasMetadata(CasebookEntity)) return [];
    const zones = readModels.hasMetadata(CommunityEntity)
      ? new Map((await readModels.getRepository(CommunityEntity).find()).map((c) => [c.communityId, c.timeZone]))
      : new Map<string, string>();
    const rows = await readModels.getRepository(CasebookEntity).find({ order: { communityId: 'ASC' } });
    return rows.flatMap((row) => {
      const timeZone = zones.get(row.communityId) ?? defaultTimeZone;
      const today = localDate(asOf, timeZone);
      return row.rectifications
        .filter((r) => (r.overdueRecordedBy ?? null) === null && r.dueBy < today)
        .filter((r) => { const done = r.reportedOn ?? r.closedOn; return done === null || done > r.dueBy; })
        .map((r): WatchdogProposal => ({
          rule: 'SV-12', stream: toSupervisionStreamId(row.communityId), key: `rectification:${r.rectificationId}`, dueBy: r.dueBy, decider,
          command: { type: 'RecordRectificationOverdue', data: { communityId: row.communityId, rectificationId: r.rectificationId, timeZone } },
        }));
    });
  },
});
