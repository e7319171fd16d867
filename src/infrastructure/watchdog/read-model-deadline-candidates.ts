import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../application/command-handling/tokens';
import type { CadenceCandidate, DeadlineCandidate, DeadlineCandidates } from '../../application/watchdog/deadline-candidates.port';
import { cadenceRule, cadenceStatus, communityKindOf, MEETING_KINDS } from '../../domain/rules';
import { localDate } from '../../domain/shared';
import { CommunityEntity } from '../../projections/communities/community.entity';
import { MeetingCadenceEntity } from '../../projections/meetings/meeting-cadence.entity';
import { ConsultationListItem } from '../../projections/consultations/consultations-list.entity';
import { DEADLINE_STEP_OF, overdueSteps } from '../../projections/consultations/consultations-list.fold';

/** Candidates from the `consultations` read model: settled rows with a due date before today and the step not done. */
@Injectable()
export class ReadModelDeadlineCandidates implements DeadlineCandidates {
  constructor(@Inject(READ_MODELS) private readonly readModels: DataSource) {}

  async overdueConsultationSteps(today: string): Promise<readonly DeadlineCandidate[]> {
    // An app built without the consultations read model has no consultation candidates.
    if (!this.readModels.hasMetadata(ConsultationListItem)) return [];
    const rows = await this.readModels.getRepository(ConsultationListItem).createQueryBuilder('c')
      .where(`c.status = 'settled'`)
      .andWhere(`(
        (c.implementation_start_due IS NOT NULL AND NOT c.implementation_started AND c.implementation_start_due < :today) OR
        (c.result_publication_due IS NOT NULL AND NOT c.result_published AND c.result_publication_due < :today) OR
        (c.implementation_publication_due IS NOT NULL AND NOT c.implementation_published AND c.implementation_publication_due < :today))`, { today })
      .orderBy('c.consultation_id', 'ASC')
      .getMany();
    return rows.flatMap((row) => overdueSteps(row, today)
      .filter((late) => late.recordedBy === null)
      .map((late) => ({ consultationId: row.consultationId, step: DEADLINE_STEP_OF[late.step], dueOn: late.due })));
  }

  /**
   * Candidates from the `communities` and `meeting_cadence` read models: every period that starts on
   * or after the community's record begins (its registration date, or its committee term's start if
   * later) and ended before the community's local date with no meeting held and no miss recorded.
   * A period the engine saw only part of is never judged: an immutable "missed" must not rest on
   * meetings held before the community was recorded. None when either read model is not part of this app.
   */
  async missedMeetingCadences(asOf: Date, ruleSwitchDate: string): Promise<readonly CadenceCandidate[]> {
    if (!this.readModels.hasMetadata(CommunityEntity) || !this.readModels.hasMetadata(MeetingCadenceEntity)) return [];
    const communities = await this.readModels.getRepository(CommunityEntity).find({ order: { communityId: 'ASC' } });
    const rows = await this.readModels.getRepository(MeetingCadenceEntity).find();
    return communities.flatMap((community) => {
      const today = localDate(asOf, community.timeZone);
      const since = community.termStartsOn !== null && community.termStartsOn > community.registeredOn ? community.termStartsOn : community.registeredOn;
      const from = since <= today ? since : today;
      const kinds = MEETING_KINDS.filter((k) => cadenceRule(k) !== null && communityKindOf(k) === community.kind);
      return kinds.flatMap((meetingKind) => {
        const row = rows.find((r) => r.communityId === community.communityId && r.kind === meetingKind);
        const heldOn = row?.heldOn ?? [];
        const recorded = new Set((row?.recordedMisses ?? []).map((m) => m.period));
        const periods = cadenceStatus(meetingKind, heldOn, from, today, ruleSwitchDate)?.periods ?? [];
        return periods
          .filter((p) => p.status === 'missed' && p.start >= since && !recorded.has(p.period))
          .map((p) => ({ communityId: community.communityId, meetingKind, period: p.period, dueBy: p.end, heldOn }));
      });
    });
  }
}
