import type { RecordedEvent } from '../../../src/domain/shared';
import type { ConsultationEvent } from '../../../src/domain/consultation';
import { GENESIS_HASH } from '../../../src/domain/shared';

let position = 100n;

export type Envelope = Partial<{ roles: readonly string[]; actor: string; recordedAt: string; eventId: string }>;

/** Wraps domain events of one consultation as stored events, in the given (append) order. */
export const record = (stream: string, events: readonly (ConsultationEvent | [ConsultationEvent, Envelope])[], defaults: Envelope = {}): RecordedEvent[] =>
  events.map((item, i) => {
    const [event, env] = Array.isArray(item) ? item : [item, {}];
    const occurredAt = (event.data as { occurredAt: string }).occurredAt;
    position += 1n;
    return {
      eventId: env.eventId ?? `${stream}-e${i}`,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      stream,
      streamRevision: BigInt(i),
      globalPosition: position,
      metadata: {
        actor: env.actor ?? defaults.actor ?? 'actor-1',
        actorRoles: env.roles ?? defaults.roles ?? ['community_party_organisation@community:comm-1'],
        commandId: `cmd-${stream}-${i}`,
        correlationId: `corr-${stream}`,
        causationId: `cmd-${stream}-${i}`,
        occurredAt,
        recordedAt: env.recordedAt ?? defaults.recordedAt ?? occurredAt,
      },
      prevHash: GENESIS_HASH,
      hash: 'f'.repeat(64),
    } as RecordedEvent;
  });
