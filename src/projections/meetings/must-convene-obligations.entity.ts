import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeetingKind } from '../../domain/rules';
import { ProjectedRow } from '../provenance.entity';
import type { MustConveneRow } from './must-convene-obligations.fold';

/** Read model `meeting_obligations` (must-convene-obligations.fold.ts). */
@Entity('meeting_obligations')
export class MustConveneEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'meeting_id', type: 'text' }) meetingId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ type: 'text' }) kind!: MeetingKind;
  @Column({ type: 'text' }) status!: MustConveneRow['status'];
  @Column({ type: 'text' }) rule!: string;
  @Column({ name: 'opened_at', type: 'text' }) openedAt!: string;
  @Column({ name: 'opened_by', type: 'jsonb' }) openedBy!: MustConveneRow['openedBy'];
  @Column({ name: 'opened_provenance', type: 'jsonb' }) openedProvenance!: MustConveneRow['openedProvenance'];
  @Column({ name: 'petition_ids', type: 'jsonb' }) petitionIds!: MustConveneRow['petitionIds'];
  @Column({ type: 'integer' }) signers!: number;
  @Column({ type: 'integer' }) required!: number;
  @Column({ name: 'discharged_at', type: 'text', nullable: true }) dischargedAt!: string | null;
  @Column({ name: 'discharged_by_meeting_on', type: 'text', nullable: true }) dischargedByMeetingOn!: string | null;
  @Column({ type: 'jsonb', nullable: true }) missed!: MustConveneRow['missed'];
}
