import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, EVENT_STORE, EVENT_TYPE_REGISTRY, READ_MODELS } from '../../application/command-handling/tokens';
import type { EventStore } from '../../application/ports/event-store.port';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import type { DataSource } from 'typeorm';
import { publicationCadenceRule, publicationObligationRule } from '../watchdog/publication-watchdog-rules';
import { appraisalNotHeldRule, rectificationOverdueRule } from '../watchdog/supervision-deadline-rules';
import { WatchdogModule } from './watchdog.module';
import { PublicationStepHandler } from '../../application/supervision/publication-step';
import { SupervisionStepHandler } from '../../application/supervision/supervision-step';
import { PublicationsController } from '../http/supervision/publications.controller';
import { SupervisionReadModels } from '../http/supervision/supervision-read-models.service';
import { SupervisionController } from '../http/supervision/supervision.controller';
import { SupervisionWorkflowsController } from '../http/supervision/supervision-workflows.controller';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import type { AppConfig } from '../config/app-config';

/** Village/residents' affairs supervision and publication (issue 8): committee, kinship, publications, public board. */
@Module({
  imports: [WatchdogModule],
  controllers: [SupervisionController, SupervisionWorkflowsController, PublicationsController],
  providers: [SupervisionStepHandler, PublicationStepHandler, SupervisionReadModels],
  exports: [SupervisionReadModels],
})
export class SupervisionModule implements OnModuleInit {
  constructor(
    @Inject(EVENT_TYPE_REGISTRY) private readonly registry: EventTypeRegistry,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODELS) private readonly readModels: DataSource,
    private readonly watchdogRules: WatchdogRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Deadline rules are declarations: the watchdog runs whatever is registered.
    const sources = { readModels: this.readModels, eventStore: this.eventStore, registry: this.registry };
    this.watchdogRules.register(publicationCadenceRule(sources));
    this.watchdogRules.register(publicationObligationRule(sources));
    this.watchdogRules.register(appraisalNotHeldRule(this.readModels));
    this.watchdogRules.register(rectificationOverdueRule(this.readModels, this.config.timeZone));
  }
}
