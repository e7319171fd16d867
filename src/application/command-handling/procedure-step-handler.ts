import { Inject } from '@nestjs/common';
import type { Clock } from '../ports/clock.port';
import type { EventStore } from '../ports/event-store.port';
import type { EventTypeRegistry } from '../ports/event-type-registry.port';
import { CommandPipeline } from './command-pipeline';
import { APP_CONFIG, CLOCK, EVENT_STORE, EVENT_TYPE_REGISTRY } from './tokens';

/**
 * What a procedure's step handler works with: the pipeline that decides and appends, the store and
 * type registry to read outside facts from other streams (`deps`), the clock and the settings. The
 * handlers extend it instead of each declaring the same five injections.
 */
export abstract class ProcedureStepHandler<Settings> {
  constructor(
    protected readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) protected readonly eventStore: EventStore,
    @Inject(EVENT_TYPE_REGISTRY) protected readonly registry: EventTypeRegistry,
    @Inject(CLOCK) protected readonly clock: Clock,
    @Inject(APP_CONFIG) protected readonly settings: Settings,
  ) {}

  /** The store and registry, as the outside-fact readers take them. */
  protected get deps(): Readonly<{ eventStore: EventStore; registry: EventTypeRegistry }> {
    return { eventStore: this.eventStore, registry: this.registry };
  }
}
