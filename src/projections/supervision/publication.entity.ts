import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { PublicationRow } from './publications.fold';

/** Read model `publications` (publications.fold.ts). */
@Entity('publications')
export class PublicationEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'publication_id', type: 'text' }) publicationId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ name: 'period_from', type: 'text' }) periodFrom!: string;
  @Column({ name: 'period_to', type: 'text' }) periodTo!: string;
  @Column({ type: 'text' }) status!: PublicationRow['status'];
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'document_hash', type: 'text' }) documentHash!: string;
  @Column({ type: 'jsonb' }) channels!: string[];
  @Column({ type: 'jsonb' }) covers!: string[];
  @Column({ name: 'review_required', type: 'boolean' }) reviewRequired!: boolean;
  @Column({ type: 'text' }) review!: PublicationRow['review'];
  @Column({ name: 'draft_revision', type: 'integer' }) draftRevision!: number;
  @Column({ name: 'posted_from', type: 'text', nullable: true }) postedFrom!: string | null;
  @Column({ name: 'posted_until', type: 'text', nullable: true }) postedUntil!: string | null;
  @Column({ name: 'posting_days', type: 'integer', nullable: true }) postingDays!: number | null;
  @Column({ name: 'minimum_posting_days', type: 'integer', nullable: true }) minimumPostingDays!: number | null;
  @Column({ name: 'rule_text', type: 'text', nullable: true }) ruleText!: string | null;
  @Column({ type: 'jsonb' }) drafts!: PublicationRow['drafts'];
  @Column({ type: 'jsonb' }) reviews!: PublicationRow['reviews'];
  @Column({ type: 'jsonb' }) corrections!: PublicationRow['corrections'];
  @Column({ type: 'jsonb' }) queries!: PublicationRow['queries'];
  @Column({ name: 'posted_by', type: 'jsonb', nullable: true }) postedBy!: PublicationRow['postedBy'];
}
