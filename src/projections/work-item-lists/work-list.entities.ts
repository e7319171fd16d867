import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { AssignmentRow, OversightRow } from './assignments.fold';
import type { ChangeRequestRow } from './change-requests.fold';
import type { WorkListSetRow } from './work-list-sets.fold';

/** Read model `work_list_sets` (work-list-sets.fold.ts). */
@Entity('work_list_sets')
export class WorkListSetEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'jurisdiction_id', type: 'text' }) jurisdictionId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'community_kind', type: 'text' }) communityKind!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'text' }) rule!: string;
  @Column({ name: 'covered_area_refs', type: 'jsonb' }) coveredAreaRefs!: WorkListSetRow['coveredAreaRefs'];
  @Column({ type: 'jsonb' }) versions!: WorkListSetRow['versions'];
}

/** Read model `work_list_change_requests` (change-requests.fold.ts). */
@Entity('work_list_change_requests')
export class ChangeRequestEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'change_request_id', type: 'text' }) changeRequestId!: string;
  @Index() @Column({ name: 'jurisdiction_id', type: 'text' }) jurisdictionId!: string;
  @Column({ name: 'department_ref', type: 'text' }) departmentRef!: string;
  @Column({ type: 'text' }) op!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ type: 'text', nullable: true }) list!: string | null;
  @Column({ type: 'text', nullable: true }) title!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'filed_on', type: 'text' }) filedOn!: string;
  @Column({ name: 'proposed_effective_from', type: 'text' }) proposedEffectiveFrom!: string;
  @Column({ name: 'decision_due_on', type: 'text' }) decisionDueOn!: string;
  @Column({ name: 'policy_version', type: 'integer' }) policyVersion!: number;
  @Column({ name: 'reviewing_body', type: 'text' }) reviewingBody!: string;
  @Column({ name: 'approving_body', type: 'text' }) approvingBody!: string;
  @Column({ name: 'needs_provincial_approval', type: 'boolean' }) needsProvincialApproval!: boolean;
  @Column({ name: 'provincial_approval_ref', type: 'text', nullable: true }) provincialApprovalRef!: string | null;
  @Column({ type: 'jsonb' }) consulted!: ChangeRequestRow['consulted'];
  @Column({ type: 'jsonb' }) answers!: ChangeRequestRow['answers'];
  @Column({ name: 'decided_on', type: 'text', nullable: true }) decidedOn!: string | null;
  @Column({ name: 'decided_late', type: 'boolean', nullable: true }) decidedLate!: boolean | null;
  @Column({ name: 'effective_from', type: 'text', nullable: true }) effectiveFrom!: string | null;
  @Column({ name: 'published_version', type: 'integer', nullable: true }) publishedVersion!: number | null;
  @Column({ name: 'overdue_recorded', type: 'jsonb', nullable: true }) overdueRecorded!: ChangeRequestRow['overdueRecorded'];
  @Column({ type: 'jsonb' }) steps!: ChangeRequestRow['steps'];
}

/** Read model `work_assignments` (assignments.fold.ts). */
@Entity('work_assignments')
export class AssignmentEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'assignment_id', type: 'text' }) assignmentId!: string;
  @Index() @Column({ name: 'jurisdiction_id', type: 'text' }) jurisdictionId!: string;
  @Index() @Column({ name: 'community_id', type: 'text' }) communityId!: string;
  @Index() @Column({ name: 'department_ref', type: 'text' }) departmentRef!: string;
  @Column({ name: 'item_id', type: 'text', nullable: true }) itemId!: string | null;
  @Column({ name: 'task_category', type: 'text', nullable: true }) taskCategory!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'assigned_on', type: 'text' }) assignedOn!: string;
  @Column({ name: 'list_version', type: 'integer', nullable: true }) listVersion!: number | null;
  @Column({ type: 'text' }) outcome!: AssignmentRow['outcome'];
  @Column({ type: 'text', nullable: true }) list!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) rule!: string | null;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @Column({ type: 'jsonb', nullable: true }) emergency!: AssignmentRow['emergency'];
  @Column({ name: 'exemption_expired', type: 'text', nullable: true }) exemptionExpired!: string | null;
  @Column({ name: 'refused_by_community', type: 'jsonb', nullable: true }) refusedByCommunity!: AssignmentRow['refusedByCommunity'];
}

/** Read model `work_list_oversight` (assignments.fold.ts): exemptions and WL-4 violations. */
@Entity('work_list_oversight')
export class OversightEntity extends ProjectedRow {
  @PrimaryColumn({ name: 'record_id', type: 'text' }) recordId!: string;
  @Column({ type: 'text' }) kind!: OversightRow['kind'];
  @Index() @Column({ name: 'jurisdiction_id', type: 'text' }) jurisdictionId!: string;
  @Column({ name: 'department_ref', type: 'text' }) departmentRef!: string;
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ name: 'starts_on', type: 'text' }) startsOn!: string;
  @Column({ name: 'expires_on', type: 'text', nullable: true }) expiresOn!: string | null;
  @Column({ name: 'community_ids', type: 'jsonb' }) communityIds!: OversightRow['communityIds'];
  @Column({ name: 'item_ids', type: 'jsonb' }) itemIds!: OversightRow['itemIds'];
  @Column({ type: 'text', nullable: true }) rule!: string | null;
  @Column({ name: 'invoked_by_role', type: 'text', nullable: true }) invokedByRole!: string | null;
}
