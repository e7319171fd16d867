import type { DataSource } from 'typeorm';
import type { WatchdogRule } from '../../application/watchdog/watchdog-rule';
import { localDate } from '../../domain/shared';
import { changeRequestDecider, toChangeRequestStreamId } from '../../domain/work-item-lists';
import { ChangeRequestEntity } from '../../projections/work-item-lists/work-list.entities';

/**
 * §5.3 time limit: a change request still undecided after its decision due date (working days of
 * the policy in force on filing) is recorded as ChangeRequestDecisionOverdue. Candidates from the
 * `work-list-change-requests` read model; none when the app does not have it. Command id
 * `watchdog:<stream>:decision:<dueOn>`, so a rerun appends nothing.
 */
export const workListDecisionDeadline = (readModels: DataSource, timeZone: string): WatchdogRule => ({
  name: 'work-list-decision',
  rules: ['§5.3'],
  proposals: async (asOf) => {
    if (!readModels.hasMetadata(ChangeRequestEntity)) return [];
    const today = localDate(asOf, timeZone);
    const rows = await readModels.getRepository(ChangeRequestEntity).createQueryBuilder('c')
      .where(`c.status = 'filed'`).andWhere('c.overdue_recorded IS NULL').andWhere('c.decision_due_on < :today', { today })
      .orderBy('c.change_request_id', 'ASC').getMany();
    return rows.map((row) => ({
      rule: '§5.3',
      stream: toChangeRequestStreamId(row.changeRequestId),
      key: 'decision',
      dueBy: row.decisionDueOn,
      decider: changeRequestDecider as never,
      command: { type: 'RecordDecisionOverdue', data: { changeRequestId: row.changeRequestId, today } },
    }));
  },
});
