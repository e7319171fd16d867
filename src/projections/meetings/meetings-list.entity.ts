import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeetingKind } from '../../domain/rules';
import { ProjectedRow } from '../provenance.entity';
import type { MeetingListStatus } from './meetings-list.fold';

/** Read model `meetings` (meetings-list.fold.ts): one row per meeting. */
@Entity('meetings')
export class MeetingListEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'meeting_id', type: 'text' }) meetingId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ name: 'community_kind', type: 'text' }) communityKind!: string;
  @Column({ type: 'text' }) kind!: MeetingKind;
  @Column({ name: 'group_id', type: 'text', nullable: true }) groupId!: string | null;
  @Column({ type: 'text' }) status!: MeetingListStatus;
  @Column({ name: 'must_convene', type: 'boolean' }) mustConvene!: boolean;
  @Column({ name: 'notice_date', type: 'text', nullable: true }) noticeDate!: string | null;
  @Column({ name: 'meeting_date', type: 'text', nullable: true }) meetingDate!: string | null;
  @Column({ name: 'notice_days', type: 'integer', nullable: true }) noticeDays!: number | null;
  @Column({ name: 'urgency_reason', type: 'text', nullable: true }) urgencyReason!: string | null;
  @Column({ name: 'rule_text', type: 'text', nullable: true }) ruleText!: string | null;
  @Column({ name: 'held_on', type: 'text', nullable: true }) heldOn!: string | null;
  @Column({ type: 'integer', nullable: true }) present!: number | null;
  @Column({ type: 'integer', nullable: true }) observers!: number | null;
  @Column({ name: 'quorum_met', type: 'boolean', nullable: true }) quorumMet!: boolean | null;
  @Column({ name: 'quorum_rule', type: 'text', nullable: true }) quorumRule!: string | null;
  @Column({ type: 'integer' }) items!: number;
  @Column({ type: 'integer' }) adopted!: number;
  @Column({ type: 'integer' }) rejected!: number;
  @Column({ type: 'integer' }) interventions!: number;
  @Column({ name: 'last_step', type: 'text' }) lastStep!: string;
  @Column({ name: 'last_occurred_at', type: 'text' }) lastOccurredAt!: string;
}
