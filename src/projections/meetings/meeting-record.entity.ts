import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { MeetingRecordRow } from './meeting-record.fold';

/** Read model `meeting_records` (meeting-record.fold.ts): one meeting's full record; nested parts as jsonb. */
@Entity('meeting_records')
export class MeetingRecordEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'meeting_id', type: 'text' }) meetingId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ name: 'community_kind', type: 'text' }) communityKind!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'jsonb' }) petitions!: MeetingRecordRow['petitions'];
  @Column({ type: 'jsonb', nullable: true }) convening!: MeetingRecordRow['convening'];
  @Column({ type: 'jsonb', nullable: true }) attendance!: MeetingRecordRow['attendance'];
  @Column({ type: 'jsonb' }) items!: MeetingRecordRow['items'];
  @Column({ type: 'jsonb', nullable: true }) closed!: MeetingRecordRow['closed'];
  @Column({ type: 'jsonb' }) supervision!: MeetingRecordRow['supervision'];
  @Column({ name: 'last_occurred_at', type: 'text' }) lastOccurredAt!: string;
}
