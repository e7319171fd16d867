import type { EventWithoutMetadata, ProjectedEvent } from '../../domain/shared';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';

/**
 * Turns the data of version `from` into the data of version `from + 1`. Without the event's
 * metadata: the projection runner reads pages without it when no read model reads it.
 */
export type Upcaster = (data: Record<string, unknown>, event: EventWithoutMetadata) => Record<string, unknown>;

export type EventTypeDefinition = Readonly<{
  currentVersion: number;
  /** upcasters[v] upgrades schema version v to v + 1. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}>;

/** An event a decider emitted whose type no procedure registered (a wiring mistake, never stored). */
export class UnregisteredEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`event type ${eventType} is not registered: add its schema to its procedure's definition (src/infrastructure/procedures)`);
  }
}

/**
 * The registry of event types: type name <-> schema version <-> upcasters. Appending a type nobody
 * registered is refused (currentVersion throws), so no event is stored with a guessed version.
 * Reading one passes it through unchanged, so the engine can carry events of modules it does not know.
 */
export class InMemoryEventTypeRegistry implements EventTypeRegistry {
  private readonly types = new Map<string, EventTypeDefinition>();

  register(type: string, definition: EventTypeDefinition): this {
    const existing = this.types.get(type);
    if (existing !== undefined && existing !== definition) throw new Error(`event type ${type} registered twice`);
    this.types.set(type, definition);
    return this;
  }

  /** Register every type of a `{ Type: version }` schema map (see `*.events.ts`). */
  registerSchema(schema: Readonly<Record<string, number>>, upcasters: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> = {}): this {
    for (const [type, currentVersion] of Object.entries(schema)) {
      const up = upcasters[type];
      this.register(type, up === undefined ? { currentVersion } : { currentVersion, upcasters: up });
    }
    return this;
  }

  currentVersion(type: string): number {
    const definition = this.types.get(type);
    if (definition === undefined) throw new UnregisteredEventTypeError(type);
    return definition.currentVersion;
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  /** The registered type names, sorted. */
  registeredTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  upcast<T extends ProjectedEvent>(event: T): T {
    const definition = this.types.get(event.type);
    if (definition === undefined || event.schemaVersion >= definition.currentVersion) return event;
    let data = event.data as Record<string, unknown>;
    for (let version = event.schemaVersion; version < definition.currentVersion; version++) {
      const upcaster = definition.upcasters?.[version];
      if (upcaster === undefined) throw new Error(`no upcaster for ${event.type} v${version} -> v${version + 1}`);
      data = upcaster(data, event);
    }
    return { ...event, data, schemaVersion: definition.currentVersion } as T;
  }
}
