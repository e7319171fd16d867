import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { ConsultationObligationsRow } from './consultation-obligations.fold';

/** Read model `consultation_publication_obligations` (consultation-obligations.fold.ts). */
@Entity('consultation_publication_obligations')
export class ConsultationObligationsEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'consultation_id', type: 'text' }) consultationId!: string;
  @Index() @Column({ name: 'community_id', type: 'text', nullable: true }) communityId!: string | null;
  @Column({ name: 'community_kind', type: 'text', nullable: true }) communityKind!: string | null;
  @Column({ name: 'time_zone', type: 'text', nullable: true }) timeZone!: string | null;
  @Column({ type: 'jsonb' }) obligations!: ConsultationObligationsRow['obligations'];
}
