import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { AppraisalHistoryRow } from './appraisal-history.fold';

/** Read model `appraisal_history` (appraisal-history.fold.ts). */
@Entity('appraisal_history')
export class AppraisalHistoryEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'jsonb' }) cadres!: AppraisalHistoryRow['cadres'];
  @Column({ name: 'missed_years', type: 'jsonb', default: () => "'[]'" }) missedYears!: AppraisalHistoryRow['missedYears'];
}
