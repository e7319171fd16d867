import type { DataSource } from 'typeorm';
import type { WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { meetingDecider, toMeetingStreamId } from '../../domain/meeting';
import { addDays, localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { CommunityEntity } from '../../projections/communities/community.entity';
import { MustConveneEntity } from '../../projections/meetings/must-convene-obligations.entity';

const decider = meetingDecider as unknown as Decider<unknown, Command, Event>;

/**
 * VM-2, VM-10, RM-2, RM-4 must-convene: every obligation in the `meeting-obligations` read model
 * whose last day to convene (the first obliging petition's local date + `withinDays`) lies before
 * the community's local date at `asOf`, with no meeting convened by then and no miss recorded.
 * A meeting convened after the limit does not hide the miss (judged by the notice date, not by
 * "discharged now"). Recorded as MustConveneNotHonoured on the meeting stream; command id
 * `watchdog:meeting-<id>:must-convene:<dueBy>`.
 */
export const mustConveneRule = (readModels: DataSource, withinDays: number): WatchdogRule => ({
  name: 'must-convene',
  rules: ['VM-2', 'VM-10', 'RM-2', 'RM-4'],
  async proposals(asOf, settings) {
    if (!readModels.hasMetadata(MustConveneEntity)) return [];
    const zones = readModels.hasMetadata(CommunityEntity)
      ? new Map((await readModels.getRepository(CommunityEntity).find()).map((c) => [c.communityId, c.timeZone]))
      : new Map<string, string>();
    const rows = await readModels.getRepository(MustConveneEntity).find({ order: { meetingId: 'ASC' } });
    return rows.flatMap((row) => {
      if (row.missed !== null && row.missed !== undefined) return [];
      const timeZone = zones.get(row.communityId) ?? settings.timeZone;
      const dueBy = addDays(localDate(new Date(row.openedAt), timeZone), withinDays);
      const today = localDate(asOf, timeZone);
      const convenedOn = row.dischargedAt === null ? null : localDate(new Date(row.dischargedAt), timeZone);
      if (dueBy >= today || (convenedOn !== null && convenedOn <= dueBy)) return [];
      return [{
        rule: row.rule, stream: toMeetingStreamId(row.meetingId), key: 'must-convene', dueBy, decider,
        command: { type: 'RecordMustConveneNotHonoured', data: { meetingId: row.meetingId, withinDays, timeZone } },
      }];
    });
  },
});
