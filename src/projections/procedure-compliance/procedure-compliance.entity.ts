import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../provenance.entity';
import type { Violation } from './procedure-compliance.checker';

/** A recorded event as stored in the compliance row (bigints as decimal text). */
export type StoredEvent = Readonly<{
  eventId: string; type: string; schemaVersion: number; data: Record<string, unknown>;
  stream: string; streamRevision: string; globalPosition: string;
  metadata: Readonly<{ actor: string; actorRoles: readonly string[]; commandId: string; correlationId: string; causationId: string; occurredAt: string; recordedAt: string }>;
}>;

/** Read model `procedure-compliance`: per consultation, the raw events and the violations the independent checker finds. */
@Entity('procedure_compliance')
export class ProcedureComplianceRecord extends ProjectedRow {
  @PrimaryColumn({ name: 'consultation_id', type: 'text' }) consultationId!: string;
  @Column({ type: 'text' }) stream!: string;
  @Column({ name: 'locality_id', type: 'text', nullable: true }) localityId!: string | null;
  @Column({ type: 'jsonb' }) events!: StoredEvent[];
  @Column({ type: 'jsonb' }) violations!: Violation[];
  /** Distinct rule IDs of the violations, for `?ruleId=` (jsonb `?` operator). */
  @Column({ name: 'rule_ids', type: 'jsonb' }) ruleIds!: string[];
  @Column({ name: 'violation_count', type: 'integer' }) violationCount!: number;
}
