import type { ProjectedEvent } from '../../domain/shared';

/** Maps stable type names to their current schema version and upgrades stored events to it. */
export interface EventTypeRegistry {
  /** Throws for a type no procedure registered: such an event is never appended. */
  currentVersion(type: string): number;
  /** Any event: what it was read as (with or without its hash-chain links) comes back, its data upgraded. */
  upcast<T extends ProjectedEvent>(event: T): T;
}
