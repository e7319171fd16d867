import type { RecordedEvent } from '../../domain/shared';

/** Maps stable type names to their current schema version and upgrades stored events to it. */
export interface EventTypeRegistry {
  /** Throws for a type no procedure registered: such an event is never appended. */
  currentVersion(type: string): number;
  upcast(event: RecordedEvent): RecordedEvent;
}
