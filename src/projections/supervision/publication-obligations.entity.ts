import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { PublicationObligationsRow } from './publication-obligations.fold';

/** Read model `publication_obligations` (publication-obligations.fold.ts). */
@Entity('publication_obligations')
export class PublicationObligationsEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'jsonb' }) obligations!: PublicationObligationsRow['obligations'];
  @Column({ name: 'cadence_misses', type: 'jsonb' }) cadenceMisses!: PublicationObligationsRow['cadenceMisses'];
  @Column({ type: 'jsonb' }) posted!: PublicationObligationsRow['posted'];
}
