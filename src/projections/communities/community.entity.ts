import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';

/** Read model `communities` (communities.fold.ts). */
@Entity('communities')
export class CommunityEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'township_ref', type: 'text' }) townshipRef!: string;
  @Column({ name: 'district_ref', type: 'text' }) districtRef!: string;
  @Column({ name: 'time_zone', type: 'text' }) timeZone!: string;
  @Column({ name: 'registered_on', type: 'text' }) registeredOn!: string;
  @Column({ name: 'term_id', type: 'text', nullable: true }) termId!: string | null;
  @Column({ name: 'term_starts_on', type: 'text', nullable: true }) termStartsOn!: string | null;
  @Column({ name: 'term_ends_on', type: 'text', nullable: true }) termEndsOn!: string | null;
  @Column({ name: 'census_effective_from', type: 'text', nullable: true }) censusEffectiveFrom!: string | null;
  @Column({ type: 'integer', nullable: true }) adults!: number | null;
  @Column({ type: 'integer', nullable: true }) households!: number | null;
}
