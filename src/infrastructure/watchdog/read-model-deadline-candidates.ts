import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../application/command-handling/tokens';
import type { DeadlineCandidate, DeadlineCandidates } from '../../application/watchdog/deadline-candidates.port';
import { ConsultationListItem } from '../../projections/consultations/consultations-list.entity';
import { DEADLINE_STEP_OF, overdueSteps } from '../../projections/consultations/consultations-list.fold';

/** Candidates from the `consultations` read model: settled rows with a due date before today and the step not done. */
@Injectable()
export class ReadModelDeadlineCandidates implements DeadlineCandidates {
  constructor(@Inject(READ_MODELS) private readonly readModels: DataSource) {}

  async overdueConsultationSteps(today: string): Promise<readonly DeadlineCandidate[]> {
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
}
