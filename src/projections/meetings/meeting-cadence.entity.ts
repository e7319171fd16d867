import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeetingKind } from '../../domain/rules';
import { ProjectedRow } from '../provenance.entity';
import type { RecordedCadenceMiss } from './meeting-cadence.fold';

/** Read model `meeting_cadence` (meeting-cadence.fold.ts): dates quorate meetings were held and the misses the watchdog recorded, per community and kind. */
@Entity('meeting_cadence')
export class MeetingCadenceEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'cadence_id', type: 'text' }) cadenceId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'text' }) kind!: MeetingKind;
  @Column({ type: 'text' }) rule!: string;
  @Column({ name: 'held_on', type: 'jsonb' }) heldOn!: readonly string[];
  @Column({ name: 'meeting_ids', type: 'jsonb' }) meetingIds!: readonly string[];
  @Column({ name: 'recorded_misses', type: 'jsonb' }) recordedMisses!: readonly RecordedCadenceMiss[];
}
