import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, READ_MODELS } from '../../application/command-handling/tokens';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import { AssignTaskHandler } from '../../application/work-item-lists/assign-task.handler';
import { WorkListFacts } from '../../application/work-item-lists/work-list-facts';
import { WorkListStepHandler } from '../../application/work-item-lists/work-list-step.handler';
import type { AppConfig } from '../config/app-config';
import { WorkListProcedureController } from '../http/work-item-lists/work-list-procedure.controller';
import { WorkListReadModels } from '../http/work-item-lists/work-list-read-models.service';
import { WorkListScopes } from '../http/work-item-lists/work-list-scopes';
import { WorkListsController } from '../http/work-item-lists/work-lists.controller';
import { workListDecisionDeadline } from '../watchdog/work-list-deadline-rule';
import { WatchdogModule } from './watchdog.module';

/** DI wiring of the work-item lists (registered in procedures/work-item-lists.procedure.ts); adds the decision-deadline rule to the watchdog. */
@Module({
  imports: [WatchdogModule],
  controllers: [WorkListsController, WorkListProcedureController],
  providers: [WorkListFacts, WorkListStepHandler, AssignTaskHandler, WorkListReadModels, WorkListScopes],
  exports: [WorkListFacts, WorkListReadModels],
})
export class WorkItemListsModule implements OnModuleInit {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deadlines: WatchdogRules,
  ) {}

  onModuleInit(): void {
    this.deadlines.register(workListDecisionDeadline(this.readModels, this.config.timeZone));
  }
}
