import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODELS } from '../../application/command-handling/tokens';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import { GetConsultationScopeHandler } from '../../application/consultation/consultation-scope.query';
import { ConsultationStepHandler } from '../../application/consultation/consultation-step.handler';
import { AdoptLocalityPolicyVersionHandler } from '../../application/locality-policy/adopt-locality-policy-version.handler';
import { ConsultationOutcomeController } from '../http/consultation/consultation-outcome.controller';
import { ConsultationPreparationController } from '../http/consultation/consultation-preparation.controller';
import { ConsultationQueriesController } from '../http/consultation/consultation-queries.controller';
import { ConsultationReadService } from '../http/consultation/consultation-read.service';
import { LocalityPolicyController } from '../http/locality-policy/locality-policy.controller';
import { consultationDeadlineRule } from '../watchdog/consultation-deadline-rule';
import { WatchdogModule } from './watchdog.module';

const COMMAND_HANDLERS = [ConsultationStepHandler, AdoptLocalityPolicyVersionHandler];
const QUERY_HANDLERS = [GetConsultationScopeHandler];
const READ_SERVICES = [ConsultationReadService];

/** DI wiring of the consultation procedure and the locality policies (registered in procedures/consultation.procedure.ts). */
@Module({
  imports: [WatchdogModule],
  controllers: [LocalityPolicyController, ConsultationPreparationController, ConsultationOutcomeController, ConsultationQueriesController],
  providers: [...COMMAND_HANDLERS, ...QUERY_HANDLERS, ...READ_SERVICES],
  exports: [ConsultationReadService],
})
export class ConsultationModule implements OnModuleInit {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: DataSource,
    private readonly watchdogRules: WatchdogRules,
  ) {}

  /** CS-3 / CS-12 deadlines are declarations: the watchdog runs whatever is registered. */
  onModuleInit(): void {
    this.watchdogRules.register(consultationDeadlineRule(this.readModels));
  }
}
