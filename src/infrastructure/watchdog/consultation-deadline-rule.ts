import type { DataSource } from 'typeorm';
import type { WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { consultationDecider, DEADLINE_RULES, toConsultationStreamId } from '../../domain/consultation';
import { localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { ConsultationListItem } from '../../projections/consultations/consultations-list.entity';
import { DEADLINE_STEP_OF, overdueSteps } from '../../projections/consultations/consultations-list.fold';

const decider = consultationDecider as unknown as Decider<unknown, Command, Event>;

/**
 * CS-3 (implementation not started) and CS-12 (result / implementation not published): settled
 * consultations in the `consultations` read model with a due date before the local date of `asOf`
 * and the step not done, not yet recorded. Recorded as ConsultationDeadlineMissed by the
 * consultation decider; command id `watchdog:consultation-<id>:<step>:<dueOn>`. None when the app
 * does not have the read model.
 */
export const consultationDeadlineRule = (readModels: DataSource): WatchdogRule => ({
  name: 'consultation-deadlines',
  rules: ['CS-3', 'CS-12'],
  async proposals(asOf, settings) {
    if (!readModels.hasMetadata(ConsultationListItem)) return [];
    const today = localDate(asOf, settings.timeZone);
    const rows = await readModels.getRepository(ConsultationListItem).createQueryBuilder('c')
      .where(`c.status = 'settled'`)
      .andWhere(`(
        (c.implementation_start_due IS NOT NULL AND NOT c.implementation_started AND c.implementation_start_due < :today) OR
        (c.result_publication_due IS NOT NULL AND NOT c.result_published AND c.result_publication_due < :today) OR
        (c.implementation_publication_due IS NOT NULL AND NOT c.implementation_published AND c.implementation_publication_due < :today))`, { today })
      .orderBy('c.consultation_id', 'ASC')
      .getMany();
    return rows.flatMap((row) => overdueSteps(row, today)
      .filter((late) => late.recordedBy === null)
      .map((late) => {
        const step = DEADLINE_STEP_OF[late.step];
        return {
          rule: DEADLINE_RULES[step], stream: toConsultationStreamId(row.consultationId), key: step, dueBy: late.due, decider,
          command: { type: 'RecordDeadlineMissed', data: { consultationId: row.consultationId, step, dueOn: late.due } },
        };
      }));
  },
});
