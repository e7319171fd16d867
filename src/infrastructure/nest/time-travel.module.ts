import { Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, EVENT_TYPE_REGISTRY } from '../../application/command-handling/tokens';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import { TimeTravelController } from '../http/audit/time-travel.controller';
import { projectionsOf, type ProcedureDefinition } from '../procedures/procedure-definition';
import { TimeTravel } from '../time-travel/time-travel';
import { loadTimeTravelMaxEvents } from '../time-travel/time-travel-settings';

/** The audit API's time travel over the aggregates and read models of the procedures the service runs. */
@Module({})
export class TimeTravelModule {
  static forRoot(procedures: readonly ProcedureDefinition[]): DynamicModule {
    return {
      module: TimeTravelModule,
      controllers: [TimeTravelController],
      providers: [
        {
          provide: TimeTravel,
          inject: [EVENT_STORE, EVENT_TYPE_REGISTRY],
          useFactory: (eventStore: EventStore, registry: EventTypeRegistry) =>
            new TimeTravel(eventStore, registry, procedures.flatMap((p) => p.aggregates ?? []), projectionsOf(procedures), loadTimeTravelMaxEvents(process.env)),
        },
      ],
    };
  }
}
