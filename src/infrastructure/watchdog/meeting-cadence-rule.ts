import type { DataSource } from 'typeorm';
import type { WatchdogProposal, WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { communityDecider, toCommunityStreamId } from '../../domain/community';
import { cadenceRule, cadenceStatus, communityKindOf, MEETING_KINDS } from '../../domain/rules';
import { localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { CommunityEntity } from '../../projections/communities/community.entity';
import { MeetingCadenceEntity } from '../../projections/meetings/meeting-cadence.entity';

const decider = communityDecider as unknown as Decider<unknown, Command, Event>;

/** The first day the engine's record of a community covers: its registration, or its committee term's start if later. */
export const recordBeginsOn = (community: Pick<CommunityEntity, 'termStartsOn' | 'registeredOn'>): string =>
  community.termStartsOn !== null && community.termStartsOn > community.registeredOn ? community.termStartsOn : community.registeredOn;

/**
 * VM-4 (yearly 村民会议), VM-10 (quarterly 村民代表会议), RM-4 (half-yearly 居民代表会议): every
 * period that starts on or after the community's record begins and ended before the community's
 * local date at `asOf` with no meeting of the kind held and no miss recorded. A period the engine
 * saw only part of is never judged: an immutable "missed" must not rest on meetings held before the
 * community was recorded. Recorded as MeetingCadenceMissed on the community stream; command id
 * `watchdog:community-<id>:<kind>:<period>`. None when the read models are not part of this app.
 */
export const meetingCadenceRule = (readModels: DataSource): WatchdogRule => ({
  name: 'meeting-cadence',
  rules: ['VM-4', 'VM-10', 'RM-4'],
  async proposals(asOf, settings) {
    if (!readModels.hasMetadata(CommunityEntity) || !readModels.hasMetadata(MeetingCadenceEntity)) return [];
    const communities = await readModels.getRepository(CommunityEntity).find({ order: { communityId: 'ASC' } });
    const rows = await readModels.getRepository(MeetingCadenceEntity).find();
    return communities.flatMap((community) => {
      const today = localDate(asOf, community.timeZone);
      const since = recordBeginsOn(community);
      const from = since <= today ? since : today;
      const kinds = MEETING_KINDS.filter((k) => cadenceRule(k) !== null && communityKindOf(k) === community.kind);
      return kinds.flatMap((meetingKind): WatchdogProposal[] => {
        const row = rows.find((r) => r.communityId === community.communityId && r.kind === meetingKind);
        const heldOn = row?.heldOn ?? [];
        const recorded = new Set((row?.recordedMisses ?? []).map((m) => m.period));
        const periods = cadenceStatus(meetingKind, heldOn, from, today, settings.ruleSwitchDate)?.periods ?? [];
        return periods
          .filter((p) => p.status === 'missed' && p.start >= since && !recorded.has(p.period))
          .map((p) => ({
            rule: cadenceRule(meetingKind)?.rule ?? 'VM-4', stream: toCommunityStreamId(community.communityId), key: meetingKind, dueBy: p.end,
            commandKey: `${meetingKind}:${p.period}`, decider,
            command: { type: 'RecordMeetingCadenceMissed', data: { communityId: community.communityId, meetingKind, period: p.period, dueBy: p.end, heldOn, ruleSwitchDate: settings.ruleSwitchDate } },
          }));
      });
    });
  },
});
