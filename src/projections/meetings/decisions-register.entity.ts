import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MatterType, MeetingKind } from '../../domain/rules';
import { ProjectedRow } from '../provenance.entity';
import type { DecisionRegisterRow, DecisionRegisterStatus } from './decisions-register.fold';

/** Read model `meeting_decisions` (decisions-register.fold.ts): one row per adopted decision. */
@Entity('meeting_decisions')
export class DecisionRegisterEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'decision_id', type: 'text' }) decisionId!: string;
  @Column({ name: 'meeting_id', type: 'text' }) meetingId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Column({ name: 'meeting_kind', type: 'text' }) meetingKind!: MeetingKind;
  @Column({ name: 'matter_type', type: 'text' }) matterType!: MatterType;
  @Column({ type: 'boolean' }) reserved!: boolean;
  @Column({ name: 'decided_on', type: 'text' }) decidedOn!: string;
  @Column({ name: 'rule_text', type: 'text' }) ruleText!: string;
  @Column({ type: 'integer' }) yes!: number;
  @Column({ type: 'integer' }) no!: number;
  @Column({ type: 'integer' }) abstain!: number;
  @Column({ type: 'integer' }) present!: number;
  @Column({ name: 'adoption_rule', type: 'text' }) adoptionRule!: string;
  @Column({ type: 'text' }) status!: DecisionRegisterStatus;
  @Column({ name: 'status_rule', type: 'text', nullable: true }) statusRule!: string | null;
  @Column({ name: 'status_by', type: 'text', nullable: true }) statusBy!: string | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'jsonb' }) history!: DecisionRegisterRow['history'];
}
