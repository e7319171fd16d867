import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { CasebookRow } from './casebook.fold';

/** Read model `supervision_casebook` (casebook.fold.ts). */
@Entity('supervision_casebook')
export class CasebookEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'jsonb' }) inquiries!: CasebookRow['inquiries'];
  @Column({ type: 'jsonb' }) findings!: CasebookRow['findings'];
  @Column({ type: 'jsonb' }) rectifications!: CasebookRow['rectifications'];
}
