import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { SupervisionRosterRow } from './supervision-roster.fold';

/** Read model `supervision_roster` (supervision-roster.fold.ts); nested parts as jsonb. */
@Entity('supervision_roster')
export class SupervisionRosterEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'jsonb' }) committees!: SupervisionRosterRow['committees'];
  @Column({ type: 'jsonb' }) conflicts!: SupervisionRosterRow['conflicts'];
  @Column({ type: 'jsonb' }) kinships!: SupervisionRosterRow['kinships'];
  @Column({ name: 'misconduct_reports', type: 'jsonb' }) misconductReports!: SupervisionRosterRow['misconductReports'];
}
