import 'reflect-metadata';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineProjection } from '../../src/projections/projection';
import { ProjectedRow } from '../../src/projections/provenance.entity';
import { BENCH_EVENT_TYPE } from '../lib/events';

/** W3's read model: one row per stream with a counter, the last opinion and provenance. */
@Entity('bench_stream_summary')
export class BenchStreamSummary extends ProjectedRow {
  @PrimaryColumn({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_opinion', type: 'text' })
  lastOpinion!: string;
}

export const benchStreamSummary = defineProjection<BenchStreamSummary>({
  name: 'bench-stream-summary',
  version: 1,
  entity: BenchStreamSummary,
  canHandle: [BENCH_EVENT_TYPE],
  // The fold reads the data only, as the raw baseline's does: the runner reads pages without the metadata.
  metadata: false,
  key: (event) => event.stream,
  evolve: (row, event) => ({
    streamId: event.stream,
    eventCount: (row?.eventCount ?? 0) + 1,
    lastOpinion: String(event.data['opinion'] ?? ''),
  }),
});
