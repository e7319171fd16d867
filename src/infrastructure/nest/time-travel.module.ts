import { Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, EVENT_STORE, EVENT_TYPE_REGISTRY } from '../../application/command-handling/tokens';
import type { EventStore } from '../../application/ports/event-store.port';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import { TimeTravelController } from '../http/audit/time-travel.controller';
import { projectionsOf, type ProcedureDefinition } from '../procedures/procedure-definition';
import { TimeTravel } from '../time-travel/time-travel';
import type { AppConfig } from '../config/app-config';

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
          inject: [EVENT_STORE, EVENT_TYPE_REGISTRY, APP_CONFIG],
          useFactory: (eventStore: EventStore, registry: EventTypeRegistry, config: AppConfig) =>
            new TimeTravel(eventStore, registry, procedures.flatMap((p) => p.aggregates ?? []), projectionsOf(procedures), config.auditTimeTravelMaxEvents),
        },
      ],
    };
  }
}
