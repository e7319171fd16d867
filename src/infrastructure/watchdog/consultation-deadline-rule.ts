import type { DataSource } from 'typeorm';
import type { WatchdogProposal, WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { consultationDecider, DEADLINE_RULES, toConsultationStreamId, type DeadlineStep } from '../../domain/consultation';
import { localDate, type Command, type Decider, type Event } from '../../domain/shared';
import { ConsultationListItem } from '../../projections/consultations/consultations-list.entity';

const decider = consultationDecider as unknown as Decider<unknown, Command, Event>;

/**
 * CS-3 (implementation not started) and CS-12 (result / implementation not published): settled
 * consultations in the `consultations` read model with a due date before the local date of `asOf`
 * and the step not done by then (a step done late does not hide the miss), not yet recorded. Recorded as ConsultationDeadlineMissed by the
 * consultation decider; command id `watchdog:consultation-<id>:<step>:<dueOn>`. None when the app
 * does not have the read model.
 */
export const consultationDeadlineRule = (readModels: DataSource): WatchdogRule => ({
  name: 'consultation-deadlines',
  rules: ['CS-3', 'CS-12'],
  async proposals(asOf, settings) {
    if (!readModels.hasMetadata(ConsultationListItem)) return [];
    const today = localDate(asOf, settings.timeZone);
    // Every settled row with a due date before today, done or not: a step done after its due date
    // (possibly after `asOf`) does not undo the miss, so "done" is judged by the date it was done.
    const rows = await readModels.getRepository(ConsultationListItem).createQueryBuilder('c')
      .where(`c.status = 'settled'`)
      .andWhere(`(c.implementation_start_due < :today OR c.result_publication_due < :today OR c.implementation_publication_due < :today)`, { today })
      .orderBy('c.consultation_id', 'ASC')
      .getMany();
    return rows.flatMap((row) => {
      const dues: readonly [DeadlineStep, string | null][] = [
        ['implementation_start', row.implementationStartDue], ['result_publication', row.resultPublicationDue], ['implementation_publication', row.implementationPublicationDue],
      ];
      return dues.flatMap(([step, due]): WatchdogProposal[] => {
        if (due === null || due >= today) return [];
        if ((row.missedDeadlines ?? []).some((m) => m.step === step && m.dueOn === due)) return [];
        const doneAt = row.doneAt?.[step];
        if (doneAt !== undefined && localDate(new Date(doneAt), settings.timeZone) <= due) return [];
        return [{
          rule: DEADLINE_RULES[step], stream: toConsultationStreamId(row.consultationId), key: step, dueBy: due, decider,
          command: { type: 'RecordDeadlineMissed', data: { consultationId: row.consultationId, step, dueOn: due } },
        }];
      });
    });
  },
});
