import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type DataSource, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { APP_CONFIG, CLOCK, READ_MODELS } from '../../../application/command-handling/tokens';
import type { Clock } from '../../../application/ports/clock.port';
import { cadenceRule, cadenceStatus, MEETING_KINDS, type CadenceStatus, type MeetingKind } from '../../../domain/rules';
import { localDate, nextDay, NotFoundError, ValidationError } from '../../../domain/shared';
import { CommunityEntity } from '../../../projections/communities/community.entity';
import { DecisionRegisterEntity } from '../../../projections/meetings/decisions-register.entity';
import { MeetingCadenceEntity } from '../../../projections/meetings/meeting-cadence.entity';
import { MeetingRecordEntity } from '../../../projections/meetings/meeting-record.entity';
import { MeetingListEntity } from '../../../projections/meetings/meetings-list.entity';
import { MustConveneEntity } from '../../../projections/meetings/must-convene-obligations.entity';
import type { AppConfig } from '../../config/app-config';
import type { CadenceQueryDto, CommunitiesQueryDto, DecisionsQueryDto, MeetingsQueryDto, ObligationsQueryDto, PageQueryDto } from './meeting-queries.dto';

export type Page<T> = Readonly<{ items: T[]; nextCursor: string | null }>;

const PROVENANCE = ['lastStream', 'lastStreamRevision', 'lastGlobalPosition', 'lastEventId'] as const;

/** Public views carry person references but never the acting account: drop `actor` from every attribution. */
export const withoutActors = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutActors);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !(k === 'actor' && 'actorRoles' in (value as object)));
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutActors(v)]));
};

/** Provenance columns grouped, so a client can go from the row to the event behind it. */
const present = <T extends ObjectLiteral>(row: T): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...row };
  for (const k of PROVENANCE) delete out[k];
  out['provenance'] = { stream: row['lastStream'], streamRevision: row['lastStreamRevision'], globalPosition: row['lastGlobalPosition'], eventId: row['lastEventId'] };
  return withoutActors(out) as Record<string, unknown>;
};

const encodeCursor = (key: string): string => Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to the 400 below
  }
  throw new ValidationError('invalid cursor', [{ field: 'cursor', message: 'use nextCursor of the previous page' }]);
};

/** Read side of meetings and communities: queries the read-model views (READ_MODELS), read-only. */
@Injectable()
export class MeetingReadModels {
  constructor(
    @Inject(READ_MODELS) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Keyset pagination in primary-key order. */
  private async page<E extends ObjectLiteral>(entity: new () => E, keyField: keyof E & string, where: FindOptionsWhere<E>, q: PageQueryDto): Promise<Page<Record<string, unknown>>> {
    const limit = q.limit ?? 50;
    const after = q.cursor === undefined ? {} : { [keyField]: MoreThan(decodeCursor(q.cursor)) };
    const rows = await this.dataSource.getRepository(entity).find({ where: { ...where, ...after } as FindOptionsWhere<E>, order: { [keyField]: 'ASC' } as never, take: limit + 1 });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(present), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(String(last[keyField])) : null };
  }

  async community(communityId: string): Promise<CommunityEntity> {
    const row = await this.dataSource.getRepository(CommunityEntity).findOneBy({ communityId });
    if (row === null) throw new NotFoundError('COMMUNITY.NOT_FOUND', `No community ${communityId} is registered`);
    return row;
  }

  /** Registered communities, optionally of one township or kind, by community id. */
  communities(q: CommunitiesQueryDto): Promise<Page<Record<string, unknown>>> {
    const where: FindOptionsWhere<CommunityEntity> = {};
    if (q.townshipRef !== undefined) where.townshipRef = q.townshipRef;
    if (q.kind !== undefined) where.kind = q.kind;
    return this.page(CommunityEntity, 'communityId', where, q);
  }

  async communityView(communityId: string): Promise<Record<string, unknown>> {
    return present(await this.community(communityId));
  }

  meetings(communityId: string, q: MeetingsQueryDto): Promise<Page<Record<string, unknown>>> {
    const where: FindOptionsWhere<MeetingListEntity> = { communityId };
    if (q.status !== undefined) where.status = q.status;
    if (q.kind !== undefined) where.kind = q.kind;
    if (q.mustConvene !== undefined) where.mustConvene = q.mustConvene;
    const dated = q.from !== undefined || q.to !== undefined;
    if (!dated) return this.page(MeetingListEntity, 'meetingId', where, q);
    return this.datedMeetings(where, q);
  }

  private async datedMeetings(where: FindOptionsWhere<MeetingListEntity>, q: MeetingsQueryDto): Promise<Page<Record<string, unknown>>> {
    const builder = this.dataSource.getRepository(MeetingListEntity).createQueryBuilder('m').where(where);
    if (q.from !== undefined) builder.andWhere('m.meeting_date >= :from', { from: q.from });
    if (q.to !== undefined) builder.andWhere('m.meeting_date <= :to', { to: q.to });
    if (q.cursor !== undefined) builder.andWhere('m.meeting_id > :after', { after: decodeCursor(q.cursor) });
    const limit = q.limit ?? 50;
    const rows = await builder.orderBy('m.meeting_id', 'ASC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(present), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.meetingId) : null };
  }

  async meetingRecord(meetingId: string): Promise<Record<string, unknown>> {
    const row = await this.dataSource.getRepository(MeetingRecordEntity).findOneBy({ meetingId });
    if (row === null) throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${meetingId}`);
    return present(row);
  }

  decisions(communityId: string, q: DecisionsQueryDto): Promise<Page<Record<string, unknown>>> {
    const where: FindOptionsWhere<DecisionRegisterEntity> = { communityId };
    if (q.status !== undefined) where.status = q.status;
    return this.page(DecisionRegisterEntity, 'decisionId', where, q);
  }

  obligations(communityId: string, q: ObligationsQueryDto): Promise<Page<Record<string, unknown>>> {
    return this.page(MustConveneEntity, 'meetingId', { communityId, status: q.status ?? 'open' }, q);
  }

  /** Cadence per kind the community must hold (VM-4, VM-10, RM-4): last meeting, periods, next due, overdue. */
  async cadence(communityId: string, q: CadenceQueryDto): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const asOf = q.asOf ?? localDate(this.clock.now(), community.timeZone);
    // By default from when the engine's record of the community begins (as the watchdog judges it).
    const since = community.termStartsOn !== null && community.termStartsOn > community.registeredOn ? community.termStartsOn : community.registeredOn;
    const from = q.from ?? (since <= asOf ? since : asOf);
    const rows = await this.dataSource.getRepository(MeetingCadenceEntity).findBy({ communityId });
    const kinds = MEETING_KINDS.filter((k) => cadenceRule(k) !== null && (community.kind === 'village') === !k.startsWith('residents'));
    const switchDate = this.config.organicLaw2025Effective;
    const kindsOut = kinds.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      const heldOn = row?.heldOn ?? [];
      const status = cadenceStatus(kind, heldOn, from, asOf, switchDate) as CadenceStatus;
      const recordedMisses = row?.recordedMisses ?? [];
      const summary = summarise(kind, status, heldOn, asOf, switchDate);
      // A period the watchdog recorded as missed names the MeetingCadenceMissed event behind it.
      const periods = summary.periods.map((p) => ({ ...p, recordedBy: recordedMisses.find((m) => m.period === p.period)?.provenance ?? null }));
      return { ...summary, periods, recordedMisses, provenance: row === undefined ? null : present(row)['provenance'] };
    });
    return { communityId, asOf, from, kinds: kindsOut };
  }
}

const summarise = (kind: MeetingKind, status: CadenceStatus, heldOn: readonly string[], asOf: string, switchDate: string) => {
  const current = status.periods[status.periods.length - 1];
  let nextDueBy: string | null = null;
  if (current?.status === 'open') nextDueBy = current.end;
  else if (current !== undefined) {
    const following = cadenceStatus(kind, heldOn, nextDay(current.end), nextDay(current.end), switchDate)?.periods[0];
    nextDueBy = following !== undefined && following.status !== 'not_required' ? following.end : null;
  }
  const lastHeldOn = heldOn.filter((d) => d <= asOf).at(-1) ?? null;
  return { kind, rule: status.rule, unit: status.unit, lastHeldOn, nextDueBy, overdue: status.missed > 0, missed: status.missed, periods: status.periods };
};
