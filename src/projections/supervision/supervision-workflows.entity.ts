import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { SupervisionWorkflowsRow } from './supervision-workflows.fold';

/** Read model `supervision_workflows` (supervision-workflows.fold.ts). */
@Entity('supervision_workflows')
export class SupervisionWorkflowsEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'jsonb' }) complaints!: SupervisionWorkflowsRow['complaints'];
  @Column({ type: 'jsonb' }) vetoes!: SupervisionWorkflowsRow['vetoes'];
  @Column({ type: 'jsonb' }) vouchers!: SupervisionWorkflowsRow['vouchers'];
}
