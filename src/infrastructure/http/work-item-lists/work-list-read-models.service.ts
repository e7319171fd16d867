import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type DataSource, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { APP_CONFIG, CLOCK, READ_MODELS } from '../../../application/command-handling/tokens';
import type { Clock } from '../../../application/ports/clock.port';
import { localDate, NotFoundError, ValidationError } from '../../../domain/shared';
import { overdueOn } from '../../../projections/work-item-lists/change-requests.fold';
import { AssignmentEntity, ChangeRequestEntity, OversightEntity, WorkListSetEntity } from '../../../projections/work-item-lists/work-list.entities';
import { burdenTrend, listAsOf, listAtVersion, listDiff } from '../../../projections/work-item-lists/work-list-views';
import type { AppConfig } from '../../config/app-config';
import type { Page } from '../meetings/meeting-read-models.service';
import type { AsOfQueryDto, AssignmentQueryDto, ChangeRequestQueryDto } from './work-list.dto';

const PROVENANCE = ['lastStream', 'lastStreamRevision', 'lastGlobalPosition', 'lastEventId'] as const;

/** Provenance columns grouped as { stream, streamRevision, globalPosition, eventId } (positions as strings). */
const present = <T extends ObjectLiteral>(row: T): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...row };
  for (const k of PROVENANCE) delete out[k];
  out['provenance'] = { stream: row['lastStream'], streamRevision: row['lastStreamRevision'], globalPosition: row['lastGlobalPosition'], eventId: row['lastEventId'] };
  return out;
};

const cursorOf = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
const keyOf = (cursor: string): string => {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key === '' || cursorOf(key) !== cursor) throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'use nextCursor of the previous page' }]);
  return key;
};

/** Read side of the work-item lists: the list sets (public), the change-request queue, admissions, oversight. */
@Injectable()
export class WorkListReadModels {
  constructor(
    @Inject(READ_MODELS) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return localDate(this.clock.now(), this.config.timeZone);
  }

  private async set(jurisdictionId: string): Promise<WorkListSetEntity> {
    const row = await this.dataSource.getRepository(WorkListSetEntity).findOneBy({ jurisdictionId });
    if (row === null) throw new NotFoundError('WORK_LIST.NOT_FOUND', `no list set of ${jurisdictionId}`);
    return row;
  }

  private async page<E extends ObjectLiteral>(entity: new () => E, keyField: keyof E & string, where: FindOptionsWhere<E>, limit = 50, cursor?: string): Promise<E[] & { next?: string | null }> {
    const after = cursor === undefined ? {} : { [keyField]: MoreThan(keyOf(cursor)) };
    const rows = await this.dataSource.getRepository(entity).find({ where: { ...where, ...after } as FindOptionsWhere<E>, order: { [keyField]: 'ASC' } as never, take: limit + 1 });
    const items = rows.slice(0, limit) as E[] & { next?: string | null };
    const last = items[items.length - 1];
    items.next = rows.length > limit && last !== undefined ? cursorOf(String(last[keyField])) : null;
    return items;
  }

  async overview(jurisdictionId: string): Promise<Record<string, unknown>> {
    const row = await this.set(jurisdictionId);
    const { versions, ...rest } = present(row) as Record<string, unknown> & { versions: WorkListSetEntity['versions'] };
    return { ...rest, versions: versions.map(({ changes, ...v }) => ({ ...v, changes: changes.length })) };
  }

  async list(jurisdictionId: string, q: AsOfQueryDto): Promise<Record<string, unknown>> {
    const row = await this.set(jurisdictionId);
    const view = q.version !== undefined ? listAtVersion(row, q.version) : listAsOf(row, q.asOf ?? this.today());
    if (view === null) throw new NotFoundError('WORK_LIST.NO_VERSION', q.version !== undefined ? `no version ${q.version}` : `no version in force on ${q.asOf ?? this.today()}`);
    return view;
  }

  async diff(jurisdictionId: string, from: number, to: number): Promise<Record<string, unknown>> {
    const view = listDiff(await this.set(jurisdictionId), from, to);
    if (view === null) throw new NotFoundError('WORK_LIST.NO_VERSION', `versions ${from} and ${to} must both exist`);
    return view;
  }

  async trend(jurisdictionId: string): Promise<Record<string, unknown>> {
    return burdenTrend(await this.set(jurisdictionId));
  }

  async changeRequests(q: ChangeRequestQueryDto): Promise<Page<Record<string, unknown>> & { asOf: string }> {
    const asOf = q.asOf ?? this.today();
    const where: FindOptionsWhere<ChangeRequestEntity> = {};
    if (q.jurisdictionId !== undefined) where.jurisdictionId = q.jurisdictionId;
    if (q.status !== undefined) where.status = q.status;
    const rows = await this.page(ChangeRequestEntity, 'changeRequestId', where, q.limit, q.cursor);
    const items = rows.map((row) => ({ ...present(row), ...overdueOn(row, asOf) })).filter((r) => q.overdue === undefined || String(r.overdue) === q.overdue);
    return { asOf, items, nextCursor: rows.next ?? null };
  }

  async changeRequest(changeRequestId: string): Promise<Record<string, unknown>> {
    const row = await this.dataSource.getRepository(ChangeRequestEntity).findOneBy({ changeRequestId });
    if (row === null) throw new NotFoundError('CHANGE_REQUEST.NOT_FOUND', `no change request ${changeRequestId}`);
    return { ...present(row), ...overdueOn(row, this.today()) };
  }

  async assignments(q: AssignmentQueryDto): Promise<Page<Record<string, unknown>>> {
    const where: FindOptionsWhere<AssignmentEntity> = {};
    for (const field of ['jurisdictionId', 'departmentRef', 'communityId', 'outcome'] as const) if (q[field] !== undefined) (where as Record<string, unknown>)[field] = q[field];
    const rows = await this.page(AssignmentEntity, 'assignmentId', where, q.limit, q.cursor);
    return { items: rows.map(present), nextCursor: rows.next ?? null };
  }

  /** Admissions per department and community: admitted, refused (by reason and rule), refused by the community. */
  async admissionSummary(jurisdictionId: string): Promise<Record<string, unknown>> {
    const rows = await this.dataSource.getRepository(AssignmentEntity).createQueryBuilder('a')
      .select('a.department_ref', 'departmentRef').addSelect('a.community_id', 'communityId').addSelect('a.outcome', 'outcome')
      .addSelect('a.reason', 'reason').addSelect('a.rule', 'rule')
      .addSelect('count(*)::int', 'count').addSelect('count(a.refused_by_community)::int', 'refusedByCommunity')
      .addSelect('count(a.emergency)::int', 'emergency')
      .where('a.jurisdiction_id = :jurisdictionId', { jurisdictionId })
      .groupBy('a.department_ref').addGroupBy('a.community_id').addGroupBy('a.outcome').addGroupBy('a.reason').addGroupBy('a.rule')
      .orderBy('a.department_ref').addOrderBy('a.community_id').addOrderBy('a.outcome')
      .getRawMany<{ departmentRef: string; communityId: string; outcome: string; reason: string | null; rule: string | null; count: number; refusedByCommunity: number; emergency: number }>();
    const groups = new Map<string, { departmentRef: string; communityId: string; admitted: number; refused: number; emergencyAdmitted: number; refusedByCommunity: number; reasons: { reason: string; rule: string; count: number }[] }>();
    for (const r of rows) {
      const k = `${r.departmentRef}\u0000${r.communityId}`;
      const g = groups.get(k) ?? { departmentRef: r.departmentRef, communityId: r.communityId, admitted: 0, refused: 0, emergencyAdmitted: 0, refusedByCommunity: 0, reasons: [] };
      if (r.outcome === 'admitted') {
        g.admitted += r.count;
        g.emergencyAdmitted += r.emergency;
        g.refusedByCommunity += r.refusedByCommunity;
      } else {
        g.refused += r.count;
        g.reasons.push({ reason: r.reason ?? '', rule: r.rule ?? '', count: r.count });
      }
      groups.set(k, g);
    }
    return { jurisdictionId, groups: [...groups.values()] };
  }

  async oversight(jurisdictionId: string): Promise<Record<string, unknown>> {
    const rows = await this.dataSource.getRepository(OversightEntity).find({ where: { jurisdictionId }, order: { recordId: 'ASC' } });
    return { jurisdictionId, items: rows.map(present) };
  }
}
