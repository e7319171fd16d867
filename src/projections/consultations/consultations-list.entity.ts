import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { ConsultationStatus } from './consultation-read-model';
import type { ConsultationListRow, MissedDeadline } from './consultations-list.fold';

/** Read model `consultations` (fold: consultations-list.fold.ts): one row per consultation, for the filtered list. */
@Entity('consultations')
export class ConsultationListItem extends ProjectedRow {
  @PrimaryColumn({ name: 'consultation_id', type: 'text' }) consultationId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Index() @Column({ name: 'township_id', type: 'text' }) townshipId!: string;
  @Column({ name: 'locality_id', type: 'text' }) localityId!: string;
  @Column({ name: 'community_kind', type: 'text' }) communityKind!: string;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'content_class', type: 'text', nullable: true }) contentClass!: string | null;
  @Column({ name: 'catalogue_entry', type: 'text', nullable: true }) catalogueEntry!: string | null;
  @Column({ name: 'cross_community', type: 'boolean' }) crossCommunity!: boolean;
  @Column({ type: 'boolean' }) technical!: boolean;
  @Column({ name: 'high_impact', type: 'boolean' }) highImpact!: boolean;
  @Column({ type: 'boolean' }) commissioned!: boolean;
  @Index() @Column({ type: 'text' }) status!: ConsultationStatus;
  @Column({ name: 'current_step', type: 'text' }) currentStep!: string;
  @Column({ name: 'started_at', type: 'text' }) startedAt!: string;
  @Column({ name: 'last_occurred_at', type: 'text' }) lastOccurredAt!: string;
  @Column({ type: 'integer' }) deviations!: number;
  @Column({ type: 'text', nullable: true }) outcome!: 'opinion' | 'meeting_adopted' | 'meeting_rejected' | null;
  @Column({ type: 'boolean' }) corrected!: boolean;
  @Column({ name: 'implementation_start_due', type: 'text', nullable: true }) implementationStartDue!: string | null;
  @Column({ name: 'implementation_started', type: 'boolean' }) implementationStarted!: boolean;
  @Column({ name: 'implementation_percent', type: 'integer' }) implementationPercent!: number;
  @Column({ name: 'result_publication_due', type: 'text', nullable: true }) resultPublicationDue!: string | null;
  @Column({ name: 'result_published', type: 'boolean' }) resultPublished!: boolean;
  @Column({ name: 'implementation_publication_due', type: 'text', nullable: true }) implementationPublicationDue!: string | null;
  @Column({ name: 'implementation_published', type: 'boolean' }) implementationPublished!: boolean;
  @Column({ name: 'missed_deadlines', type: 'jsonb' }) missedDeadlines!: MissedDeadline[];
  @Column({ name: 'done_at', type: 'jsonb', default: () => "'{}'" }) doneAt!: ConsultationListRow['doneAt'];
}
