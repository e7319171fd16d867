import { Global, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { CommandPipeline } from '../../application/command-handling/command-pipeline';
import {
  APP_CONFIG,
  CLOCK,
  COMMAND_OBSERVER,
  COMMAND_PIPELINE_OPTIONS,
  EVENT_STORE,
  EVENT_TYPE_REGISTRY,
  ID_GENERATOR,
  SQL_CLIENT,
  STORAGE,
} from '../../application/command-handling/tokens';
import { systemClock, type Clock } from '../../application/ports/clock.port';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import type { AppConfig } from '../config/app-config';
import { InMemoryEventTypeRegistry } from '../serialization/event-type-registry';
import { uuidV7IdGenerator } from '../serialization/uuid-v7-id-generator';
import type { Storage } from '../storage/create-storage';
import { MetricsService } from '../observability/metrics.service';
import { TokenService } from '../auth/token.service';

export type CoreModuleOptions = Readonly<{
  config: AppConfig;
  storage: Storage;
  clock?: Clock;
  /** Close the storage when the app closes (default true). */
  closeStorage?: boolean;
  /** The event types appends may use (AppModule builds it from the procedures). */
  eventTypes?: EventTypeRegistry;
}>;

class StorageLifecycle implements OnApplicationShutdown {
  constructor(private readonly storage: Storage, private readonly close: boolean) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.close) await this.storage.eventStore.close();
  }
}

/**
 * The ports and shared services every module may inject, bound by token: the event store, the
 * event-type registry (built from the procedures' definitions), clock, id generator,
 * config, the command pipeline, metrics and tokens.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: options.config },
      { provide: STORAGE, useValue: options.storage },
      { provide: SQL_CLIENT, useValue: options.storage.sql },
      { provide: EVENT_STORE, useValue: options.storage.eventStore },
      { provide: EVENT_TYPE_REGISTRY, useValue: options.eventTypes ?? new InMemoryEventTypeRegistry() },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: ID_GENERATOR, useValue: uuidV7IdGenerator },
      { provide: COMMAND_PIPELINE_OPTIONS, useValue: { maxRetries: options.config.commandMaxRetries } },
      MetricsService,
      { provide: COMMAND_OBSERVER, useExisting: MetricsService },
      CommandPipeline,
      { provide: TokenService, useValue: new TokenService(options.config.jwtSecret) },
      { provide: StorageLifecycle, useValue: new StorageLifecycle(options.storage, options.closeStorage ?? true) },
    ];
    const exported = [APP_CONFIG, STORAGE, SQL_CLIENT, EVENT_STORE, EVENT_TYPE_REGISTRY, CLOCK, ID_GENERATOR, MetricsService, CommandPipeline, TokenService];
    return { module: CoreModule, providers, exports: exported };
  }
}
