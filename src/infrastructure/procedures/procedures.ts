import { consultationProcedure } from './consultation.procedure';
import { meetingsProcedure } from './meetings.procedure';
import { personRegistryProcedure } from './person-registry.procedure';
import { supervisionProcedure } from './supervision.procedure';
import { workItemListsProcedure } from './work-item-lists.procedure';
import { eventTypeRegistryFor, projectionsOf, type ProcedureDefinition } from './procedure-definition';

/**
 * The one list of procedures the service runs. The Nest app imports their modules, the event-type
 * registry is built from their event schemas, and the projection runner (service and CLI) runs their
 * read models. Add one line per new procedure.
 */
export const PROCEDURES: readonly ProcedureDefinition[] = [
  consultationProcedure,
  meetingsProcedure,
  supervisionProcedure,
  workItemListsProcedure,
  personRegistryProcedure,
];

/** Every read model of the service (what `civic-ledger projections` lists). */
export const allProjections = () => projectionsOf(PROCEDURES);

/** The registry of every procedure's event types. */
export const allEventTypes = () => eventTypeRegistryFor(PROCEDURES);
