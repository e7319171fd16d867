import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { TimelineEntry } from './consultation-timeline.fold';

/** Read model `consultation-timeline` (fold: consultation-timeline.fold.ts); every entry carries its event's provenance. */
@Entity('consultation_timelines')
export class ConsultationTimeline extends ProjectedRow {
  @PrimaryColumn({ name: 'consultation_id', type: 'text' }) consultationId!: string;
  @Column({ type: 'jsonb' }) entries!: TimelineEntry[];
}
