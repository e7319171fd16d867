import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODELS } from '../../../application/command-handling/tokens';
import type { Clock } from '../../../application/ports/clock.port';
import type { EventStore } from '../../../application/ports/event-store.port';
import { toLocalityPolicyStreamId } from '../../../domain/locality-policy';
import { NotFoundError, ValidationError, localDate, type RecordedEvent } from '../../../domain/shared';
import { ConsultationPublicViewRow } from '../../../projections/consultations/consultation-public-view.entity';
import { ConsultationTimeline } from '../../../projections/consultations/consultation-timeline.entity';
import { overdueSteps, type Overdue, type OverdueStep } from '../../../projections/consultations/consultations-list.fold';
import { ConsultationListItem } from '../../../projections/consultations/consultations-list.entity';
import type { Violation } from '../../../projections/procedure-compliance/procedure-compliance.checker';
import { ProcedureComplianceRecord } from '../../../projections/procedure-compliance/procedure-compliance.entity';
import { recheck } from '../../../projections/procedure-compliance/procedure-compliance.projection';
import type { AppConfig } from '../../config/app-config';

export type Page<T> = { items: T[]; nextCursor: string | null };

const SCAN_CHUNK = 200;
export type ListFilter = Readonly<{ communityId?: string; townshipId?: string; status?: string; contentClass?: string; overdue?: 'any' | OverdueStep }>;

const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
const decodeCursor = (cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key.length === 0 || key.length > 128 || encodeCursor(key) !== cursor) throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'must be a nextCursor this API returned' }]);
  return key;
};

const OVERDUE_SQL: Record<OverdueStep, string> = {
  ImplementationStarted: 'c.implementation_start_due IS NOT NULL AND NOT c.implementation_started AND c.implementation_start_due < :today',
  ResultPublished: 'c.result_publication_due IS NOT NULL AND NOT c.result_published AND c.result_publication_due < :today',
  ImplementationPublished: 'c.implementation_publication_due IS NOT NULL AND NOT c.implementation_published AND c.implementation_publication_due < :today',
};

/** Queries over the consultation read models (views over the active builds; read-only). */
@Injectable()
export class ConsultationReadService {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(): string {
    return localDate(this.clock.now(), this.config.timeZone);
  }

  private page<T extends object>(query: SelectQueryBuilder<T>, keyColumn: string, cursor: string | undefined, limit: number): SelectQueryBuilder<T> {
    const after = decodeCursor(cursor);
    if (after !== undefined) query.andWhere(`${keyColumn} > :after`, { after });
    return query.orderBy(keyColumn, 'ASC').limit(limit + 1);
  }

  private static paged<R, T>(rows: R[], limit: number, key: (row: R) => string, map: (row: R) => T): Page<T> {
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(map), nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null };
  }

  async list(filter: ListFilter, limit: number, cursor?: string): Promise<Page<ConsultationListItem & { overdueSteps: Overdue[] }>> {
    const today = this.today();
    const query = this.readModels.getRepository(ConsultationListItem).createQueryBuilder('c');
    if (filter.communityId !== undefined) query.andWhere('c.community_id = :communityId', { communityId: filter.communityId });
    if (filter.townshipId !== undefined) query.andWhere('c.township_id = :townshipId', { townshipId: filter.townshipId });
    if (filter.status !== undefined) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.contentClass !== undefined) query.andWhere('c.content_class = :contentClass', { contentClass: filter.contentClass });
    if (filter.overdue !== undefined) {
      const steps = filter.overdue === 'any' ? (Object.keys(OVERDUE_SQL) as OverdueStep[]) : [filter.overdue];
      query.andWhere(`c.status <> 'withdrawn' AND (${steps.map((s) => `(${OVERDUE_SQL[s]})`).join(' OR ')})`, { today });
    }
    const rows = await this.page(query, 'c.consultation_id', cursor, limit).getMany();
    return ConsultationReadService.paged(rows, limit, (r) => r.consultationId, (r) => ({ ...r, overdueSteps: overdueSteps(r, today) }));
  }

  private async one<T extends { consultationId: string }>(repository: Repository<T>, id: string): Promise<T> {
    const row = await repository.createQueryBuilder('r').where('r.consultation_id = :id', { id }).getOne();
    if (row === null) throw new NotFoundError('CONSULTATION.NOT_FOUND', `no consultation ${id}`);
    return row;
  }

  /** One consultation's current state (its `consultations` row) with the steps overdue today. */
  async state(id: string): Promise<ConsultationListItem & { overdueSteps: Overdue[] }> {
    const row = await this.one(this.readModels.getRepository(ConsultationListItem), id);
    return { ...row, overdueSteps: overdueSteps(row, this.today()) };
  }

  timeline(id: string): Promise<ConsultationTimeline> {
    return this.one(this.readModels.getRepository(ConsultationTimeline), id);
  }

  publicView(id: string): Promise<ConsultationPublicViewRow> {
    return this.one(this.readModels.getRepository(ConsultationPublicViewRow), id);
  }

  /**
   * One consultation's compliance, re-checked now from its raw events together with its locality's
   * policy events and today's date (so overdue deadlines and policy-dependent rules show too).
   */
  async compliance(id: string): Promise<{ consultationId: string; stream: string; checkedAsOf: string; violations: Violation[]; provenance: Record<string, string> }> {
    const row = await this.one(this.readModels.getRepository(ProcedureComplianceRecord), id);
    const policyEvents = row.localityId === null ? [] : await this.eventStore.readStream(toLocalityPolicyStreamId(row.localityId));
    const asOf = this.today();
    const violations = recheck(row, policyEvents, { asOf, switchDate: this.config.organicLaw2025Effective, timeZone: this.config.timeZone });
    const { lastStream, lastStreamRevision, lastGlobalPosition, lastEventId } = row;
    return { consultationId: row.consultationId, stream: row.stream, checkedAsOf: asOf, violations: [...violations], provenance: { lastStream, lastStreamRevision, lastGlobalPosition, lastEventId } };
  }

  /**
   * Every consultation with violations, optionally of one rule, paged by consultation. Each row is
   * re-checked as `compliance(id)` does (its locality's policy events, today's date), so rules that
   * need the policy (CS-12 channels, CS-15 forms) and deadlines that passed since the last event
   * show here too. Scans the read model in chunks until a page is full.
   */
  async violations(ruleId: string | undefined, limit: number, cursor?: string): Promise<Page<{ consultationId: string; stream: string; checkedAsOf: string; violations: Violation[] }>> {
    const asOf = this.today();
    const options = { asOf, switchDate: this.config.organicLaw2025Effective, timeZone: this.config.timeZone };
    const policies = new Map<string, Promise<readonly RecordedEvent[]>>();
    const policyOf = (localityId: string | null): Promise<readonly RecordedEvent[]> => {
      if (localityId === null) return Promise.resolve([]);
      if (!policies.has(localityId)) policies.set(localityId, this.eventStore.readStream(toLocalityPolicyStreamId(localityId)));
      return policies.get(localityId)!;
    };
    const items: { consultationId: string; stream: string; checkedAsOf: string; violations: Violation[] }[] = [];
    let after = decodeCursor(cursor);
    for (;;) {
      const query = this.readModels.getRepository(ProcedureComplianceRecord).createQueryBuilder('p');
      if (after !== undefined) query.where('p.consultation_id > :after', { after });
      const rows = await query.orderBy('p.consultation_id', 'ASC').limit(SCAN_CHUNK).getMany();
      for (const row of rows) {
        const violations = recheck(row, await policyOf(row.localityId), options).filter((v) => ruleId === undefined || v.rule === ruleId);
        if (violations.length > 0) {
          if (items.length === limit) return { items, nextCursor: encodeCursor(after!) };
          items.push({ consultationId: row.consultationId, stream: row.stream, checkedAsOf: asOf, violations: [...violations] });
        }
        after = row.consultationId;
      }
      if (rows.length < SCAN_CHUNK) return { items, nextCursor: null };
    }
  }
}
