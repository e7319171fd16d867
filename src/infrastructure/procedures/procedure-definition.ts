import type { Type } from '@nestjs/common';
import type { AnyProjection } from '../../projections/projection';
import { InMemoryEventTypeRegistry, type Upcaster } from '../serialization/event-type-registry';

/** `{ EventType: currentSchemaVersion }`, as each `src/domain/<procedure>/*.events.ts` exports it. */
export type EventSchema = Readonly<Record<string, number>>;

/**
 * An event-schema map with the file (or glob) declaring the TypeScript shapes of its types: the one
 * source of the type registry's versions and of the generated JSON Schemas (`npm run schemas`).
 */
export type EventSchemaSource = Readonly<{ file: string; schema: EventSchema }>;

/**
 * Everything the service needs to know about one procedure, in one place: the event types its
 * deciders can emit (with their schema versions and upcasters), the read models kept from them, and
 * the Nest module that holds its controllers, command and query handlers and read services.
 * Add a procedure by writing one of these and adding it to PROCEDURES (procedures.ts); nothing else
 * is registered by hand. See docs/adding-a-procedure.md.
 */
export type ProcedureDefinition = Readonly<{
  /** Short name, for messages and docs. */
  name: string;
  /** Every event type the procedure can append, with its declaring file; an event type missing here is refused on append. */
  events: readonly EventSchemaSource[];
  /** upcasters[type][v] turns schema version v of `type` into v + 1. */
  upcasters?: Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;
  /** The read models fed by its events. */
  projections: readonly AnyProjection[];
  /** Controllers, handlers and read services (DI wiring only). */
  module: Type<unknown>;
}>;

/** One registry for all procedures; a type claimed by two procedures is refused at start. */
export const eventTypeRegistryFor = (procedures: readonly ProcedureDefinition[]): InMemoryEventTypeRegistry => {
  const registry = new InMemoryEventTypeRegistry();
  for (const procedure of procedures) {
    for (const { schema } of procedure.events) registry.registerSchema(schema, procedure.upcasters ?? {});
  }
  return registry;
};

/** Every read model of the given procedures; two read models with one name are refused. */
export const projectionsOf = (procedures: readonly ProcedureDefinition[]): readonly AnyProjection[] => {
  const all = procedures.flatMap((p) => p.projections);
  const seen = new Set<string>();
  for (const projection of all) {
    if (seen.has(projection.name)) throw new Error(`projection ${projection.name} is registered by two procedures`);
    seen.add(projection.name);
  }
  return all;
};

/** Every procedure's event-schema sources, ordered by declaring file (the order of event-schemas.json). */
export const eventSchemaSourcesOf = (procedures: readonly ProcedureDefinition[]): readonly EventSchemaSource[] =>
  procedures.flatMap((p) => p.events).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
