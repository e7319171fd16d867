import { v7 } from 'uuid';
import type { EventToAppend } from '../../src/application/ports/event-store.port';

export const BENCH_EVENT_TYPE = 'BenchOpinionRecorded';
export const streamName = (index: number): string => `bench-consultation-${index}`;

const occurredAt = '2026-03-01T09:00:00+08:00';

/** A realistic small event: a few primitive fields and the full metadata envelope. */
export const benchEvent = (stream: string, revision: number): EventToAppend => {
  const commandId = v7();
  return {
    eventId: v7(),
    type: BENCH_EVENT_TYPE,
    schemaVersion: 1,
    data: { consultationId: stream, sequence: revision, participantRef: `person-${revision % 97}`, opinion: 'agree', weight: 1 },
    metadata: {
      actor: 'bench-actor',
      actorRoles: ['residents_committee@community:c-17'],
      commandId,
      correlationId: commandId,
      causationId: commandId,
      occurredAt,
      recordedAt: new Date().toISOString(),
    },
  };
};
