import { eventSchemaSourcesOf, type EventSchemaSource } from '../procedures/procedure-definition';
import { PROCEDURES } from '../procedures/procedures';

/**
 * The event types the service registers, with the file declaring their TypeScript shapes, as the
 * procedures declare them (ProcedureDefinition.events): derived from PROCEDURES, never listed twice.
 */
export const EVENT_SCHEMA_SOURCES: readonly EventSchemaSource[] = eventSchemaSourcesOf(PROCEDURES);
