import type { DataSource } from 'typeorm';
import type { DeadlineRule } from '../../application/watchdog/deadline-rule';
import { localDate } from '../../domain/shared';
import { changeRequestDecider, toChangeRequestStreamId } from '../../domain/work-item-lists';
import { ChangeRequestEntity } from '../../projections/work-item-lists/work-list.entities';

type Candidate = Readonly<{ changeRequestId: string; dueOn: string; today: string }>;

/**
 * §5.3 time limit: a change request still undecided after its decision due date (working days of
 * the policy in force on filing) is recorded as ChangeRequestDecisionOverdue. Candidates from the
 * `work-list-change-requests` read model; none when the app does not have it.
 */
export const workListDecisionDeadline = (readModels: DataSource, timeZone: string): DeadlineRule<Candidate> => ({
  name: 'work-list-decision',
  candidates: async (asOf) => {
    if (!readModels.hasMetadata(ChangeRequestEntity)) return [];
    const today = localDate(asOf, timeZone);
    const rows = await readModels.getRepository(ChangeRequestEntity).createQueryBuilder('c')
      .where(`c.status = 'filed'`).andWhere('c.overdue_recorded IS NULL').andWhere('c.decision_due_on < :today', { today })
      .orderBy('c.change_request_id', 'ASC').getMany();
    return rows.map((row) => ({ changeRequestId: row.changeRequestId, dueOn: row.decisionDueOn, today }));
  },
  command: (candidate) => {
    const stream = toChangeRequestStreamId(candidate.changeRequestId);
    return {
      decider: changeRequestDecider as never, stream, type: 'RecordDecisionOverdue',
      data: { changeRequestId: candidate.changeRequestId, today: candidate.today },
      commandId: `watchdog:${stream}:decision:${candidate.dueOn}`,
    };
  },
});
