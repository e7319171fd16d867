import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { ConsultationStatus } from './consultation-read-model';
import type { ConsultationPublicView, PublicPublication, PublicStep } from './consultation-public-view.fold';

/** Read model `consultation-public-view` (fold: consultation-public-view.fold.ts): no personal data. */
@Entity('consultation_public_views')
export class ConsultationPublicViewRow extends ProjectedRow {
  @PrimaryColumn({ name: 'consultation_id', type: 'text' }) consultationId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ name: 'township_id', type: 'text' }) townshipId!: string;
  @Column({ type: 'text' }) status!: ConsultationStatus;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ name: 'content_class', type: 'text', nullable: true }) contentClass!: string | null;
  @Column({ name: 'opinions_gathered', type: 'integer', nullable: true }) opinionsGathered!: number | null;
  @Column({ name: 'participants_by_category', type: 'jsonb' }) participantsByCategory!: Record<string, number>;
  @Column({ type: 'jsonb', nullable: true }) session!: ConsultationPublicView['session'];
  @Column({ type: 'jsonb', nullable: true }) outcome!: ConsultationPublicView['outcome'];
  @Column({ name: 'dissenters_briefed', type: 'boolean' }) dissentersBriefed!: boolean;
  @Column({ type: 'jsonb', nullable: true }) satisfaction!: ConsultationPublicView['satisfaction'];
  @Column({ type: 'jsonb' }) publications!: PublicPublication[];
  @Column({ type: 'jsonb' }) deviations!: ConsultationPublicView['deviations'];
  @Column({ name: 'missed_deadlines', type: 'jsonb' }) missedDeadlines!: ConsultationPublicView['missedDeadlines'];
  @Column({ type: 'jsonb' }) steps!: PublicStep[];
}
