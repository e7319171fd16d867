import { Column } from 'typeorm';
import type { Provenance } from './projection';

/**
 * Base class of every projected entity: which event last changed the row, so an auditor can go
 * from any row to the events behind it. The runner fills these; folds never do.
 */
export abstract class ProjectedRow implements Provenance {
  @Column({ name: 'last_stream', type: 'text' })
  lastStream!: string;

  @Column({ name: 'last_stream_revision', type: 'bigint' })
  lastStreamRevision!: string;

  @Column({ name: 'last_global_position', type: 'bigint' })
  lastGlobalPosition!: string;

  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;
}
