import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, EVENT_STORE, EVENT_TYPE_REGISTRY, READ_MODELS } from '../../../application/command-handling/tokens';
import type { Clock } from '../../../application/ports/clock.port';
import type { EventStore } from '../../../application/ports/event-store.port';
import type { EventTypeRegistry } from '../../../application/ports/event-type-registry.port';
import { loadCommunityWithPlace } from '../../../application/community/community-facts';
import { supervisionPolicyFor } from '../../../application/supervision/supervision-facts';
import { obligationDueBy, publicationCadence } from '../../../domain/publication';
import { localDate, NotFoundError } from '../../../domain/shared';
import { CommunityEntity } from '../../../projections/communities/community.entity';
import { PublicationEntity } from '../../../projections/supervision/publication.entity';
import { PublicationObligationsEntity } from '../../../projections/supervision/publication-obligations.entity';
import { AppraisalHistoryEntity } from '../../../projections/supervision/appraisal-history.entity';
import { CasebookEntity } from '../../../projections/supervision/casebook.entity';
import { SupervisionWorkflowsEntity } from '../../../projections/supervision/supervision-workflows.entity';
import { ConsultationObligationsEntity } from '../../../projections/supervision/consultation-obligations.entity';
import { SupervisionRosterEntity } from '../../../projections/supervision/supervision-roster.entity';

type Row = { lastStream: string; lastStreamRevision: string; lastGlobalPosition: string; lastEventId: string };
const provenance = (row: Row) => ({ stream: row.lastStream, streamRevision: String(row.lastStreamRevision), globalPosition: String(row.lastGlobalPosition), eventId: row.lastEventId });

/** Published content only (docs/architecture.md "Faults and public views"): no person references, no comments, reasons, queries or answers. */
const boardEntry = (p: PublicationEntity) => ({
  publicationId: p.publicationId,
  category: p.category,
  periodFrom: p.periodFrom,
  periodTo: p.periodTo,
  title: p.title,
  documentHash: p.documentHash,
  channels: p.channels,
  postedFrom: p.postedFrom,
  postedUntil: p.postedUntil,
  postingDays: p.postingDays,
  corrections: p.corrections.map((c) => ({ correctionId: c.correctionId, title: c.title, documentHash: c.documentHash, correctedAt: c.correctedAt, provenance: c.provenance })),
  provenance: p.postedBy ?? provenance(p),
});

/** Read side of supervision and publication: the roster, the public board, a publication's record, the cadence. */
@Injectable()
export class SupervisionReadModels {
  constructor(
    @Inject(READ_MODELS) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
  ) {}

  private async community(communityId: string): Promise<CommunityEntity> {
    const row = await this.dataSource.getRepository(CommunityEntity).findOneBy({ communityId });
    if (row === null) throw new NotFoundError('COMMUNITY.NOT_FOUND', `No community ${communityId} is registered`);
    return row;
  }

  /** Committees with each member's eligibility (open SV-3/SV-10 conflicts), the SV-1 flag and the SV-4 mandate. */
  async roster(communityId: string, asOf?: string): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const today = asOf ?? localDate(this.clock.now(), community.timeZone);
    const row = await this.dataSource.getRepository(SupervisionRosterEntity).findOneBy({ communityId });
    const committees = (row?.committees ?? []).map((c) => {
      const open = (row?.conflicts ?? []).filter((x) => x.committeeId === c.committeeId && x.status === 'open');
      const inOffice = c.mandateStartsOn <= today && today <= c.mandateEndsOn;
      return {
        ...c,
        status: inOffice ? 'in_office' : today > c.mandateEndsOn ? 'mandate_ended' : 'not_yet_in_office',
        eligibility: open.length === 0 ? 'eligible' : 'conflict',
        members: c.members.map((m) => ({ ...m, eligibility: open.some((x) => x.memberRef === m.personRef) ? 'conflict' : 'eligible', conflicts: open.filter((x) => x.memberRef === m.personRef).map((x) => x.conflictId) })),
      };
    });
    const active = committees.filter((c) => c.status === 'in_office');
    return {
      communityId,
      asOf: today,
      activeCommitteeId: active[0]?.committeeId ?? null,
      flags: active.length === 0 ? [{ rule: 'SV-1', code: 'NO_ACTIVE_SUPERVISION_COMMITTEE', detail: `no supervision committee is in office on ${today}` }] : [],
      committees,
      conflicts: row?.conflicts ?? [],
      kinships: row?.kinships ?? [],
      misconductReports: row?.misconductReports ?? [],
      provenance: row === null ? null : provenance(row),
    };
  }

  /** The public board: what is posted now and the full history of postings (no token, published content only). */
  async publicBoard(communityId: string, asOf?: string): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const today = asOf ?? localDate(this.clock.now(), community.timeZone);
    const rows = await this.dataSource.getRepository(PublicationEntity).find({ where: { communityId, status: 'posted' }, order: { postedFrom: 'DESC', publicationId: 'ASC' } });
    const history = rows.map(boardEntry);
    const postedNow = history.filter((p) => p.postedFrom !== null && p.postedUntil !== null && p.postedFrom <= today && today <= p.postedUntil);
    return { communityId, asOf: today, postedNow, history };
  }

  /** A publication's whole record (drafts, reviews with comments, queries with answers): for those with a token. */
  async publication(publicationId: string): Promise<Record<string, unknown>> {
    const row = await this.dataSource.getRepository(PublicationEntity).findOneBy({ publicationId });
    if (row === null) throw new NotFoundError('PUBLICATION.NOT_FOUND', `No publication ${publicationId}`);
    const { lastStream: _s, lastStreamRevision: _r, lastGlobalPosition: _g, lastEventId: _e, ...rest } = row;
    return { ...rest, provenance: provenance(row) };
  }

  /** PD-2 / PD-5 cadence per category and period, judged by the policy in force on `asOf`. */
  async cadence(communityId: string, q: { asOf?: string; from?: string }): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const asOf = q.asOf ?? localDate(this.clock.now(), community.timeZone);
    const from = q.from ?? (community.registeredOn <= asOf ? community.registeredOn : asOf);
    const state = await loadCommunityWithPlace({ eventStore: this.eventStore, registry: this.registry }, communityId);
    const policy = await supervisionPolicyFor({ eventStore: this.eventStore, registry: this.registry }, state, asOf);
    const rows = await this.dataSource.getRepository(PublicationEntity).find({ where: { communityId, status: 'posted' } });
    const posted = rows.filter((r) => r.postedFrom !== null).map((r) => ({ publicationId: r.publicationId, category: r.category, postedFrom: r.postedFrom as string }));
    const settings = { financeMonthly: policy.financeMonthlyCommunityIds.includes(communityId), urbanCadence: policy.urbanCadence };
    const misses = (await this.dataSource.getRepository(PublicationObligationsEntity).findOneBy({ communityId }))?.cadenceMisses ?? [];
    const periods = publicationCadence(state.kind, settings, posted, from, asOf).map((p) => ({
      ...p, recordedBy: misses.find((m) => m.category === p.category && m.period === p.period)?.provenance ?? null,
    }));
    return { communityId, asOf, from, policyVersion: policy.version, policyLocalityId: policy.localityId, settings, missing: periods.filter((p) => p.status === 'missed'), periods };
  }

  /** Obligations with their due date under the policy in force when each opened, and their status. */
  async obligations(communityId: string, asOf?: string): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const today = asOf ?? localDate(this.clock.now(), community.timeZone);
    const row = await this.dataSource.getRepository(PublicationObligationsEntity).findOneBy({ communityId });
    const deps = { eventStore: this.eventStore, registry: this.registry };
    const obligations = [];
    // PD-1 ④ / PD-5 ⑤: consultation results and their implementation, from the consultation's own stream (keyed by consultation).
    const consultations = await this.dataSource.getRepository(ConsultationObligationsEntity).findBy({ communityId });
    for (const o of [...(row?.obligations ?? []), ...consultations.flatMap((c) => c.obligations)]) {
      const policy = await supervisionPolicyFor(deps, community, o.openedOn);
      const dueBy = o.dueBy ?? obligationDueBy(o.openedOn, policy.majorMatterMaxLagDays);
      const coveredOn = o.coveredBy?.postedFrom ?? null;
      const status = coveredOn !== null ? (coveredOn <= dueBy ? 'met' : 'met_late') : dueBy < today ? 'overdue' : 'open';
      obligations.push({ ...o, dueBy, status });
    }
    return { communityId, asOf: today, obligations, provenance: row === null ? null : provenance(row) };
  }

  /** SV-7: each cadre's appraisals (counts, verdict, formula) and a mandate ended by two consecutive 不称职. */
  async appraisals(communityId: string, cadreRef?: string): Promise<Record<string, unknown>> {
    await this.community(communityId);
    const row = await this.dataSource.getRepository(AppraisalHistoryEntity).findOneBy({ communityId });
    const cadres = Object.entries(row?.cadres ?? {}).filter(([ref]) => cadreRef === undefined || ref === cadreRef).map(([ref, c]) => ({ cadreRef: ref, ...c }));
    const years = [...new Set(cadres.flatMap((c) => c.appraisals.map((a) => a.year)))].sort();
    return { communityId, yearsAppraised: years, cadres, missedYears: row?.missedYears ?? [], provenance: row === null ? null : provenance(row) };
  }

  /** The committee's casebook with status and overdue flags as of a date (SV-11, SV-12). */
  async casebook(communityId: string, asOf?: string): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const today = asOf ?? localDate(this.clock.now(), community.timeZone);
    const row = await this.dataSource.getRepository(CasebookEntity).findOneBy({ communityId });
    const inquiries = (row?.inquiries ?? []).map((i) => ({ ...i, status: i.answer === null ? 'open' : 'answered', overdue: i.answer === null && i.answerDueBy !== null && i.answerDueBy < today }));
    const rectifications = (row?.rectifications ?? []).map((r) => ({ ...r, overdueRecordedBy: r.overdueRecordedBy ?? null, overdue: (r.status === 'requested' && r.dueBy < today) || (r.reportedOn !== null && r.reportedOn > r.dueBy) }));
    return { communityId, asOf: today, inquiries, findings: row?.findings ?? [], rectifications, provenance: row === null ? null : provenance(row) };
  }

  /** PD-4: complaints to the township, their investigation, finding and publication order, each step with provenance. */
  async complaints(communityId: string, asOf?: string): Promise<Record<string, unknown>> {
    const community = await this.community(communityId);
    const today = asOf ?? localDate(this.clock.now(), community.timeZone);
    const row = await this.dataSource.getRepository(SupervisionWorkflowsEntity).findOneBy({ communityId });
    return { communityId, asOf: today, complaints: row?.complaints ?? [], provenance: row === null ? null : provenance(row) };
  }

  /** SV-15 vetoes with their appeal and the meeting's decision; SV-13 vouchers with co-signatures and booking; each with provenance. */
  async expenditureControl(communityId: string): Promise<Record<string, unknown>> {
    await this.community(communityId);
    const row = await this.dataSource.getRepository(SupervisionWorkflowsEntity).findOneBy({ communityId });
    return { communityId, vetoes: row?.vetoes ?? [], vouchers: row?.vouchers ?? [], provenance: row === null ? null : provenance(row) };
  }
}
