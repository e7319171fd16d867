import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../../src/projections/provenance.entity';

/** A small read model used only by the projection-runner tests. */
@Entity('test_ticket_summary')
export class TicketSummary extends ProjectedRow {
  @PrimaryColumn({ name: 'ticket_id', type: 'text' })
  ticketId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Index()
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'comment_count', type: 'integer' })
  commentCount!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'jsonb' })
  labels!: string[];
}
